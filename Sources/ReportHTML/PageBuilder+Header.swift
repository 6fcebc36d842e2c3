import StageAggregation
import StageModel

extension PageBuilder {
    /// The one-line answer at the top. Gates decide when there are any; otherwise the verdict
    /// only states facts (no invented thresholds): whether any host's latest stage failed.
    func verdict() -> VerdictView {
        let s = summary
        var details: [String] = []
        let failedGates = s.gates.filter { !$0.passed }
        if !s.gates.isEmpty {
            details.append(
                failedGates.isEmpty
                    ? "All \(ViewFormat.count(s.gates.count)) quality gates passed."
                    : "Failed gates: " + failedGates.map { shortText($0.name) }.joined(separator: ", ") + ".")
        }
        // The failing hosts are the headline unless a gate failed; then they are a detail.
        if !s.failingHosts.isEmpty, !failedGates.isEmpty {
            let n = s.failingHosts.count
            details.append("\(ViewFormat.count(n)) \(n == 1 ? "host's" : "hosts'") latest stage failed or timed out.")
        }
        if let worst = s.failingHosts.first, failedGates.isEmpty {
            let what =
                worst.streak == 1
                ? "its latest stage \(ViewFormat.label(worst.latestOutcome))"
                : "its last \(ViewFormat.count(worst.streak)) stages failed or timed out"
            details.append(
                "Longest streak: \(shortText(worst.name)) "
                    + "(\(clusterName(worst.key.vcenter, worst.key.cluster))): \(what)."
            )
        }
        if let worst = rankedClusters.first, let rate = worst.outcomes.successRate, rate < 1 {
            details.append("Lowest cluster success rate: \(shortText(worst.name)), \(ViewFormat.percent(rate)).")
        }
        let failedRuns = s.totals.runStatuses.failures
        let outright = summary.failedRunsWithoutHosts
        if let latest = outright.first {
            let reason = latest.reason.map { ": " + shortText($0.id) } ?? ""
            details.append(
                "\(ViewFormat.count(outright.count, "stage run")) failed before any host result, latest "
                    + "\(shortText(latest.name))\(reason).")
        }
        if s.inputs.rejected > 0 {
            details.append("\(ViewFormat.count(s.inputs.rejected)) input documents were rejected (see Data quality).")
        }
        let level: (String, String, String)
        if !failedGates.isEmpty {
            level = ("fail", "FAIL", "\(failedGates.count) of \(s.gates.count) quality gates failed")
        } else if s.totals.runs == 0 {
            level = ("empty", "NO DATA", "No stage runs were found in the inputs")
        } else if !s.failingHosts.isEmpty {
            let n = s.failingHosts.count
            level = ("attention", "ATTENTION", "\(ViewFormat.count(n)) \(n == 1 ? "host is" : "hosts are") failing")
        } else if failedRuns > 0 {
            level = ("attention", "ATTENTION", "\(ViewFormat.count(failedRuns, "stage run")) failed")
        } else {
            level = ("ok", "OK", "No host is failing")
        }
        return VerdictView(level: level.0, label: level.1, headline: level.2, details: details)
    }

    func figures() -> [FigureView] {
        let t = summary.totals, o = summary.outcomes
        let finished = o.succeeded + o.failed + o.timedOut
        func figure(_ key: String, _ label: String, _ value: Int, note: String = "", problem: Bool = false)
            -> FigureView
        {
            FigureView(
                key: key, label: label, value: ViewFormat.count(value), note: note,
                level: problem && value > 0 ? "bad" : "")
        }
        var list = [
            FigureView(
                key: "totals.success_rate", label: "Success rate", value: ViewFormat.percent(t.successRate),
                note: "\(ViewFormat.count(o.succeeded)) of \(ViewFormat.count(finished)) finished", level: ""),
            figure("totals.runs", "Runs", t.runs),
            figure(
                "totals.run_statuses.failed+timed_out", "Failed runs", t.runStatuses.failures,
                note: "\(ViewFormat.count(summary.failedRunsWithoutHosts.count)) without any host result", problem: true
            ),
            figure(
                "totals.clusters", "Clusters", t.clusters,
                note: "in \(ViewFormat.count(t.vcenters)) vCenter\(t.vcenters == 1 ? "" : "s")"),
            figure("totals.hosts", "Hosts", t.hosts, note: "\(ViewFormat.count(t.outcomes)) host outcomes"),
            figure("totals.outcomes.failed", "Failed", o.failed, problem: true),
            figure("totals.outcomes.timed_out", "Timed out", o.timedOut, problem: true),
            figure("totals.outcomes.skipped", "Skipped", o.skipped),
            figure("totals.outcomes.in_progress", "In progress", o.inProgress)
        ]
        if o.unknown > 0 { list.append(figure("totals.outcomes.unknown", "Unknown", o.unknown)) }
        return list
    }

    func inputs() -> [FigureView] {
        let i = summary.inputs
        func figure(_ key: String, _ label: String, _ value: Int, problem: Bool = false) -> FigureView {
            FigureView(
                key: "inputs." + key, label: label, value: ViewFormat.count(value), note: "",
                level: problem && value > 0 ? "bad" : "")
        }
        return [
            figure("files", "Files", i.files),
            figure("documents", "Documents", i.documents),
            figure("runs", "Runs kept", i.runs),
            figure("duplicates", "Duplicates", i.duplicates),
            figure("rejected", "Rejected", i.rejected, problem: true),
            figure("without_result", "Without result", i.withoutResult),
            figure("other_operations", "Other operations", i.otherOperations),
            FigureView(key: "inputs.bytes", label: "Read", value: ViewFormat.bytes(i.bytes), note: "", level: "")
        ]
    }

    func gates() -> GatesView {
        GatesView(
            hasGates: !summary.gates.isEmpty,
            rows: summary.gates.map { g in
                GateRow(
                    name: shortText(g.name), threshold: shortText(g.threshold),
                    measured: shortText(g.measured), verdict: g.passed ? "PASS" : "FAIL",
                    cls: g.passed ? "pass" : "fail",
                    detail: longText(g.detail, none: ""))
            })
    }

    func quality() -> QualityView {
        let rejectedRows = summary.rejected.prefix(topN).map {
            RejectedRow(
                source: longText($0.source.description),
                reason: longText($0.reason))
        }
        return QualityView(
            hasNotes: !summary.dataQuality.isEmpty,
            notes: summary.dataQuality.map { q in
                QualityRow(
                    kind: q.kind.rawValue, count: ViewFormat.count(q.count), meaning: PageBuilder.meaning(q.kind),
                    examples: q.examples.prefix(5).map { longText($0) })
            },
            hasRejected: !summary.rejected.isEmpty,
            rejectedCaption: ViewFormat.count(summary.rejected.count, "rejected document") + ", in input order",
            rejected: Array(rejectedRows),
            rejectedMore: ViewFormat.more(
                total: summary.rejected.count, shown: rejectedRows.count, noun: "rejected documents"))
    }

    /// report-semantics §2, in one line each.
    static func meaning(_ kind: DataQualityKind) -> String {
        switch kind {
        case .hostInSeveralLists: return "A host is listed in more than one of successful, failed and skipped hosts."
        case .listDisagreesWithStatus: return "A host's list disagrees with its status; the status wins."
        case .statusWithoutHostInfo: return "A host has a status but no host_info entry."
        case .invalidTime: return "A host start or end time is not ISO 8601; it counts as absent."
        case .unknownCluster: return "A run's cluster id could not be found; it is reported as 'unknown'."
        case .invalidUTF8: return "A string held bytes that are not UTF-8; each bad sequence was replaced by U+FFFD."
        case .hostWithoutStatus:
            return
                "A host of a finished run had neither a status nor a host list: failed in a failed run, else unknown."
        case .vcenterMissing:
            return
                "A run's vCenter is not known (no annotation, input label or --vcenter); ids may clash across vCenters."
        case .flattenedBySerializer:
            return
                "A serializer wrote an object or list as a string (PowerShell: export with ConvertTo-Json -Depth 10); "
                + "that part counts as absent."
        }
    }
}
