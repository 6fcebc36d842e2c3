import StageAggregation
import StageModel

extension PageBuilder {
    /// Failed and timed-out runs without any host outcome, latest first.

    func runs() -> RunsView {
        let failed = summary.failedRunsWithoutHosts
        let shownFailed = failed.prefix(topN)
        let reasons = summary.runFailureReasons.prefix(topN)
        let warnings = summary.warnings.prefix(topN)
        let r = summary.totals.runStatuses
        let parts = [
            (r.succeeded, "succeeded"), (r.failed, "failed"), (r.timedOut, "timed out"), (r.skipped, "skipped"),
            (r.inProgress, "in progress"), (r.unknown, "unknown")
        ].filter { $0.0 > 0 }.map { "\(ViewFormat.count($0.0)) \($0.1)" }
        let overview =
            ViewFormat.count(summary.totals.runs, "run")
            + (parts.isEmpty ? "." : ": " + parts.joined(separator: ", ") + ".")
        return RunsView(
            hasFailedRuns: !shownFailed.isEmpty, hasRunReasons: !reasons.isEmpty, hasWarnings: !warnings.isEmpty,
            failedRuns: shownFailed.map { run in
                let name = shortText(run.name)
                return FailedRunRow(
                    cluster: name, clusterID: shortText(run.cluster), showID: name != shortText(run.cluster),
                    vcenter: shortText(run.vcenter), start: ViewFormat.minute(run.start),
                    status: runStatusText(run.status, stage: run.stageStatus, task: run.taskStatus),
                    waivedMark: waivedMark(run.waivedBy),
                    reasonID: shortText(run.reason?.id, none: "—"),
                    message: longText(run.reason?.message, none: "—"))
            },
            failedRunsMore: ViewFormat.more(total: failed.count, shown: shownFailed.count, noun: "failed runs"),
            runReasons: reasons.map {
                RunReasonRow(
                    reasonID: shortText($0.id), runs: ViewFormat.count($0.runs),
                    clusters: ViewFormat.count($0.clusters),
                    message: longText($0.message, none: "(no message)"))
            },
            runReasonsMore: ViewFormat.more(
                total: summary.runFailureReasons.count, shown: reasons.count, noun: "run failure reasons"),
            warnings: warnings.map {
                WarningRow(
                    warningID: shortText($0.id), count: ViewFormat.count($0.count), runs: ViewFormat.count($0.runs),
                    hosts: ViewFormat.count($0.hosts), message: longText($0.message, none: "(no message)"))
            },
            warningsMore: ViewFormat.more(total: summary.warnings.count, shown: warnings.count, noun: "warnings"),
            overview: overview)
    }
}
