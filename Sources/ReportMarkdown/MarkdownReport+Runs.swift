import ReportText
import StageAggregation
import StageModel

/// Runs as a whole (report-semantics §3, §6): failed runs without host results, run failure
/// reasons, and warnings.
extension MarkdownReport {
    /// Failed and timed-out runs of the window.
    var failedRuns: Int { summary.totals.runStatuses.failures }

    /// Runs without any host outcome that failed or timed out: a stage task that never
    /// reached a host, the failure no host table shows.
    var runsWithoutHosts: MarkdownSection? {
        let ordered = summary.failedRunsWithoutHosts
        guard !ordered.isEmpty else { return nil }
        let table = MarkdownTable([
            ("Cluster", .left), ("vCenter", .left), ("Start", .left), ("Status", .left), ("Reason", .left),
            ("Message", .left)
        ])
        let lead =
            "\(MarkdownFormat.counted(ordered.count, "stage task")) failed before any host result was saved; "
            + "latest first."
        return section(
            "Failed runs without host results", lead: lead, body: .table(table), total: ordered.count, noun: "runs"
        ) { i in
            let r = ordered[i]
            return table.row([
                named(r.name, id: r.cluster), .cell(r.vcenter, limit: 80), Inline(ReportFormatting.minute(r.start)),
                Inline(MarkdownReport.statusText(r.status, stage: r.stageStatus, task: r.taskStatus))
                    + (r.waivedBy.map { Inline(" · waived by ") + waiverLabel($0) } ?? Inline("")),
                .cell(r.reason?.id ?? ""), .cell(r.reason?.message ?? "")
            ])
        }
    }

    var runFailureReasons: MarkdownSection? {
        let list = summary.runFailureReasons
        guard !list.isEmpty else { return nil }
        let table = MarkdownTable([("Reason", .left), ("Runs", .right), ("Clusters", .right), ("Sample message", .left)]
        )
        let lead =
            "\(MarkdownFormat.counted(list.count, "reason")) for \(MarkdownFormat.counted(failedRuns, "failed run")) "
            + "(the stage status or task error of the run as a whole); most frequent first."
        return section("Run failure reasons", lead: lead, body: .table(table), total: list.count, noun: "reasons") {
            i in
            let r = list[i]
            return table.row([.cell(r.id), count(r.runs), count(r.clusters), .cell(r.message ?? "")])
        }
    }

    var warnings: MarkdownSection? {
        let list = summary.warnings
        guard !list.isEmpty else { return nil }
        let table = MarkdownTable([
            ("Warning", .left), ("Outcomes", .right), ("Runs", .right), ("Hosts", .right), ("Sample message", .left)
        ])
        let lead =
            "\(MarkdownFormat.counted(list.count, "warning")) on hosts that staged or were skipped, and on runs; "
            + "compliant today, worth a look. Most frequent first."
        return section("Warnings", lead: lead, body: .table(table), total: list.count, noun: "warnings") { i in
            let r = list[i]
            return table.row([.cell(r.id), count(r.count), count(r.runs), count(r.hosts), .cell(r.message ?? "")])
        }
    }

    /// `failed (stage ERROR, task FAILED)`: the run status and the raw statuses it came from.
    static func statusText(_ status: RunStatus, stage: String?, task: String?) -> String {
        ReportFormatting.runStatus(status, stage: stage, task: task) { Inline.data($0, limit: 20).source }
    }
}
