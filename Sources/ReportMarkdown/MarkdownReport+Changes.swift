import ReportText
import StageAggregation
import StageModel

/// "What changed since the previous night" (issue 18, docs/changes.md): first of the sections,
/// when the summary says what changed (a history, or `--changes`); none otherwise.
extension MarkdownReport {
    var changedHosts: MarkdownSection? {
        guard let c = summary.changes else { return nil }
        let f = { (n: Int, noun: String) in MarkdownFormat.counted(n, noun) }
        let hostCounts = ChangeKind.allCases.map { "\($0.label) \(MarkdownFormat.count(c.hostCount($0)))" }
        let clusterCounts = [ChangeKind.newFailure, .stillFailing, .fixed].map {
            "\($0 == .fixed ? "recovered" : $0.label) \(MarkdownFormat.count(c.clusterCount($0)))"
        }
        let night = c.night.map { "On \($0)" } ?? "With no run start"
        let lead =
            "\(night), \(f(c.clustersCompared, "cluster")) of \(c.clusters) staged that night. "
            + "Hosts: \(hostCounts.joined(separator: ", ")). Clusters: \(clusterCounts.joined(separator: ", ")). "
            + "\(f(c.commitRegressions.count, "commit regression")). New failures first, newest first."
        let table = MarkdownTable([
            ("Change", .left), ("Cluster", .left), ("Host", .left), ("Outcome", .left), ("Before", .left),
            ("Regression window", .left), ("Reason", .left)
        ])
        return section(
            "What changed since the previous night", lead: lead, body: .table(table), total: c.hosts.count,
            noun: "hosts"
        ) { i in
            let h = c.hosts[i]
            var change = Inline(h.kind == .newFailure ? "🆕 " + h.kind.label : h.kind.label)
            if let w = h.waivedBy { change = change + Inline(" · waived by ") + waiverLabel(w) }
            return table.row([
                change, place(vcenter: h.key.vcenter, cluster: h.key.cluster), named(h.name, id: h.key.host),
                .cell(h.outcome.rawValue), .cell(h.previous?.rawValue ?? "—"),
                .cell(h.regression?.label(host: true) ?? ""), .cell(h.reason ?? "")
            ])
        }
    }

    var changedClusters: MarkdownSection? {
        guard let c = summary.changes, !c.clusterChanges.isEmpty else { return nil }
        let table = MarkdownTable([
            ("Change", .left), ("Cluster", .left), ("vCenter", .left), ("Latest run", .left),
            ("New host failures", .right), ("Regression window", .left), ("Reason", .left)
        ])
        let lead = "Each cluster's latest run against its run before; failing first, newest first."
        return section(
            "Clusters that changed", lead: lead, body: .table(table), total: c.clusterChanges.count,
            noun: "clusters"
        ) { i in
            let cl = c.clusterChanges[i]
            var status = Inline(cl.status.rawValue) + (cl.failedOutright ? Inline(", failed outright") : Inline(""))
            if let w = cl.waivedBy { status = status + Inline(" · waived by ") + waiverLabel(w) }
            return table.row([
                Inline(cl.kind == .fixed ? "recovered" : cl.kind.label), named(cl.name, id: cl.id),
                .cell(cl.vcenter, limit: 80), status, count(cl.newlyFailedHosts),
                .cell(cl.regression?.label(host: false) ?? ""), .cell(cl.reason ?? "")
            ])
        }
    }

    var commitRegressions: MarkdownSection? {
        guard let c = summary.changes, !c.commitRegressions.isEmpty else { return nil }
        let table = MarkdownTable([
            ("Cluster", .left), ("vCenter", .left), ("Commit", .left), ("Success rate (95 % interval)", .left),
            ("Previous commit", .left), ("Its success rate", .left), ("p", .right)
        ])
        let lead =
            "Commits whose success rate fell below the previous commit's by more than chance explains: one-sided "
            + "Fisher exact test, 5 % family-wise over \(MarkdownFormat.counted(c.commitComparisons, "commit pair")) "
            + "(Bonferroni)."
        return section(
            "Commit regressions", lead: lead, body: .table(table), total: c.commitRegressions.count,
            noun: "commits"
        ) { i in
            let r = c.commitRegressions[i]
            return table.row([
                named(r.name, id: r.cluster), .cell(r.vcenter, limit: 80), .cell(r.commit, limit: 40),
                Inline(ReportFormatting.rate(r.succeeded, of: r.finished, interval: r.interval)),
                .cell(r.previousCommit, limit: 40),
                Inline(
                    ReportFormatting.rate(r.previousSucceeded, of: r.previousFinished, interval: r.previousInterval)),
                Inline(ReportFormatting.pValue(r.pValue))
            ])
        }
    }
}
