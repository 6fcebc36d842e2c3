import StageAggregation

/// What changed on the latest night, as suite properties (issue 18): the totals in every suite
/// (`changes.*`), and the cluster's own change (`change.*`) in the suite of its latest run, so
/// that a CI test tab shows which failures are new without the HTML report.
struct JUnitChangeProperties {
    private struct Key: Hashable {
        var vcenter: String
        var cluster: String
    }

    private var hostCounts: [Key: [ChangeKind: Int]] = [:]
    private var clusterKinds: [Key: ChangeKind] = [:]

    init(_ changes: ChangeSummary) {
        for h in changes.hosts {
            hostCounts[Key(vcenter: h.key.vcenter, cluster: h.key.cluster), default: [:]][h.kind, default: 0] += 1
        }
        for c in changes.clusterChanges { clusterKinds[Key(vcenter: c.vcenter, cluster: c.id)] = c.kind }
    }

    /// `changes.night`, `changes.new_failures` (after waivers), `changes.still_failing`,
    /// `changes.fixed`, `changes.commit_regressions`.
    static func totals(_ c: ChangeSummary) -> [(name: String, value: String)] {
        [
            ("changes.night", c.night ?? ""),
            ("changes.new_failures", String(c.newFailures(includingWaived: false))),
            ("changes.still_failing", String(c.hostCount(.stillFailing))),
            ("changes.fixed", String(c.hostCount(.fixed))),
            ("changes.commit_regressions", String(c.commitRegressions.count))
        ]
    }

    /// `change.cluster` (the cluster's change, or `none`), and its hosts' new failures, still
    /// failing and fixed.
    func properties(vcenter: String, cluster: String) -> [(name: String, value: String)] {
        let key = Key(vcenter: vcenter, cluster: cluster)
        let counts = hostCounts[key] ?? [:]
        return [
            ("change.cluster", clusterKinds[key]?.rawValue ?? "none"),
            ("change.new_failures", String(counts[.newFailure] ?? 0)),
            ("change.still_failing", String(counts[.stillFailing] ?? 0)),
            ("change.fixed", String(counts[.fixed] ?? 0))
        ]
    }
}
