import ReportText
import StageAggregation
import StageModel

extension PageBuilder {
    /// The changes section; none when the summary does not say what changed, so that such
    /// reports are unchanged.
    func changes() -> [ChangesView] {
        guard let c = summary.changes else { return [] }
        let overview =
            (c.night.map { "On \($0), " } ?? "With no run start, ")
            + "\(ViewFormat.count(c.clustersCompared)) of \(ViewFormat.count(c.clusters, "cluster")) staged that "
            + "night. Each host's and cluster's latest outcome against the one before; new failures first, newest "
            + "first."
        func figure(_ key: String, _ label: String, _ value: Int, bad: Bool = false) -> FigureView {
            FigureView(
                key: "changes.counts.\(key)", label: label, value: ViewFormat.count(value), note: "",
                level: bad && value > 0 ? "bad" : "")
        }
        let figures = [
            figure("new_failures", "New failures", c.newFailures(includingWaived: true), bad: true),
            figure("hosts.still-failing", "Still failing", c.hostCount(.stillFailing)),
            figure("hosts.fixed", "Fixed", c.hostCount(.fixed)),
            figure("hosts.new", "New hosts", c.hostCount(.new)),
            figure("hosts.gone", "Gone", c.hostCount(.gone)),
            figure("clusters.new-failure", "Newly failing clusters", c.clusterCount(.newFailure), bad: true),
            figure("clusters.fixed", "Recovered clusters", c.clusterCount(.fixed)),
            figure("commit_regressions", "Commit regressions", c.commitRegressions.count, bad: true)
        ]
        let hosts = c.hosts.prefix(topN).map { h in
            ChangeRow(
                change: h.kind.label + waivedMark(h.waivedBy), level: Self.level(h.kind), name: shortText(h.name),
                cluster: clusterName(h.key.vcenter, h.key.cluster), vcenter: shortText(h.key.vcenter),
                outcome: ViewFormat.label(h.outcome), previous: h.previous.map(ViewFormat.label) ?? "—",
                window: longText(h.regression?.label(host: true), none: ""), reasonID: shortText(h.reason, none: "—"))
        }
        let clusters = c.clusterChanges.map { cl in
            ChangeRow(
                change: (cl.kind == .fixed ? "recovered" : cl.kind.label) + waivedMark(cl.waivedBy),
                level: Self.level(cl.kind), name: shortText(cl.name), cluster: shortText(cl.id),
                vcenter: shortText(cl.vcenter),
                outcome: cl.status.rawValue + (cl.failedOutright ? ", failed outright" : ""),
                previous: "\(ViewFormat.count(cl.newlyFailedHosts)) new host failures",
                window: longText(cl.regression?.label(host: false), none: ""),
                reasonID: shortText(cl.reason, none: "—"))
        }
        let regressions = c.commitRegressions.map { r in
            CommitRegressionRow(
                cluster: clusterName(r.vcenter, r.cluster), vcenter: shortText(r.vcenter), commit: shortText(r.commit),
                rate: ReportFormatting.rate(r.succeeded, of: r.finished, interval: r.interval),
                previousCommit: shortText(r.previousCommit),
                previousRate: ReportFormatting.rate(
                    r.previousSucceeded, of: r.previousFinished, interval: r.previousInterval),
                pValue: ReportFormatting.pValue(r.pValue))
        }
        return [
            ChangesView(
                overview: overview, figures: figures, hasHosts: !hosts.isEmpty, hosts: hosts,
                hostsMore: ViewFormat.more(total: c.hosts.count, shown: hosts.count, noun: "changed hosts"),
                hasClusters: !clusters.isEmpty, clusters: clusters, hasRegressions: !regressions.isEmpty,
                regressionsHow: "One-sided Fisher exact test of each commit against the cluster's previous one, at "
                    + "5 % family-wise over \(ViewFormat.count(c.commitComparisons, "commit pair")) (Bonferroni).",
                regressions: regressions)
        ]
    }

    private static func level(_ kind: ChangeKind) -> String {
        switch kind {
        case .newFailure, .stillFailing: return "fail"
        case .fixed: return "pass"
        case .new, .gone: return ""
        }
    }
}
