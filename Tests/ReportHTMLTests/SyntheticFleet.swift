import TestHelpers
import Foundation
import ReportHTML
import StageAggregation
import StageModel
import StagePipeline

/// Summaries for tests that the shared fleet cannot give: one where every part of the page has
/// something to show, one where every string is hostile, and one far larger than top-N.
///
/// Several summary types have no public initialiser, so the fixture is built the way real
/// summaries are: synthetic StageResult documents through `ReportPipeline`. Copies of those
/// values are then varied through their public members.
enum SyntheticFleet {
    /// Three nights of two clusters with every outcome, every data-quality kind and one broken line.
    static func pipelineSummary() throws -> Summary {
        let scratch = try TemporaryDirectory("fleet")
        let dir = scratch.url
        var lines: [String] = []
        for night in 1...3 {
            let day = "2026-11-0\(night)"
            lines.append(
                document(
                    vcenter: "vc-a", cluster: "domain-c1", name: "Prod A", commit: "\(night)", day: day,
                    hosts: [
                        ("host-1", "esx1.example", "OK", nil),
                        (
                            "host-2", "esx2.example", night == 2 ? "OK" : "ERROR",
                            "com.vmware.vcIntegrity.lifecycle.StageTask.VibSignatureError"
                        ),
                        ("host-3", "esx3.example", "TIMED_OUT", nil),
                        (
                            "host-4", "esx4.example", "SKIPPED",
                            "com.vmware.vcIntegrity.lifecycle.StageTask.MaintenanceMode"
                        ),
                        ("host-5", "esx5.example", night == 3 ? "RUNNING" : "OK", nil),
                        ("host-6", "esx6.example", "WEIRD", nil),
                        (
                            "host-7", "esx7.example", night == 1 ? "ERROR" : "OK",
                            "com.vmware.vcIntegrity.lifecycle.StageTask.DepotError"
                        ),
                        ("host-8", "esx8.example", "SKIPPED", "com.vmware.vcIntegrity.lifecycle.host.disconnected")
                    ], extra: night == 1 ? qualityTriggers : ""))
            lines.append(
                document(
                    vcenter: "vc-b", cluster: "domain-c2", name: nil, commit: "7", day: day,
                    hosts: [
                        ("host-9", "esx9.example", "OK", nil)
                    ], extra: ""))
            lines.append(
                document(
                    vcenter: "vc-b", cluster: "domain-c3", name: "Edge", commit: "\(night + 1)", day: day,
                    hosts: [
                        ("host-1", "edge1.example", night == 3 ? "ERROR" : "OK", nil)
                    ], extra: ""))
        }
        // A bare StageResult without any cluster id, and a line that is not JSON.
        lines.append(#"{"vcenter": "vc-b", "commit": "1", "host_status": {"h": {"status": "OK"}}}"#)
        lines.append("{not json")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: dir.appendingPathComponent("fleet.jsonl"))
        return try ReportPipeline().run([dir.path], generatedAt: Timestamp(milliseconds: 1_790_000_000_000)).summary
    }

    /// Members that trigger every data-quality kind except `unknown-cluster`.
    private static let qualityTriggers =
        #", "failed_hosts": ["host-1", "host-4"], "skipped_hosts": ["host-4"], "successful_hosts": ["host-2"]"#

    private static func document(
        vcenter: String, cluster: String, name: String?, commit: String, day: String,
        hosts: [(String, String, String, String?)], extra: String
    ) -> String {
        var info: [String] = [], status: [String] = []
        for (i, (id, host, state, reason)) in hosts.enumerated() {
            if id != "host-6" { info.append(#""\#(id)": {"name": "\#(host)"}"#) }
            let start = "\(day)T01:0\(i):00.000Z", end = "\(day)T01:\(10 + i * 7):30.000Z"
            var notes = ""
            if let reason {
                let kind = state == "SKIPPED" ? "info" : "errors"
                notes =
                    #", "notifications": {"\#(kind)": [{"id": "\#(reason)", "#
                    + #""message": {"id": "\#(reason)", "default_message": "Message for \#(reason) on \#(host)"}, "#
                    + #""resolution": {"id": "r", "default_message": "Fix \#(host)"}}]}"#
            }
            let startTime = id == "host-5" && extra.isEmpty == false ? "yesterday" : start
            status.append(
                #""\#(id)": {"status": "\#(state)", "start_time": "\#(startTime)", "end_time": "\#(end)"\#(notes)}"#)
        }
        let nameMember = name.map { #", "cluster_name": "\#($0)""# } ?? ""
        return #"{"vcenter": "\#(vcenter)", "cluster": "\#(cluster)"\#(nameMember), "commit": "\#(commit)", "#
            + #""host_info": {\#(info.joined(separator: ", "))}, "#
            + #""host_status": {\#(status.joined(separator: ", "))}\#(extra)}"#
    }

    /// Every section has content, every list is longer than `topN: 1` and every optional is set.
    static func populated() throws -> Summary {
        var s = try pipelineSummary()
        s.gates = [
            GateResult(name: "fail-under", threshold: "99.0 %", measured: "80.0 %", passed: false, detail: "below"),
            GateResult(name: "max-failed", threshold: "100", measured: "4", passed: true)
        ]
        // More nights than the trend and the grid show.
        let base = s.days[0]
        s.days = (0..<120).map { i in
            var d = base
            d.date = date(i)
            d.outcomes.failed += i % 4
            return d
        }
        s.rejected += [
            Rejection(source: DocumentSource(path: "other.jsonl", position: .line(3)), reason: "invalid JSON")
        ]
        // Revision 2's run lists, each longer than `topN: 1`.
        let depot = Reason(id: "com.vmware.vcIntegrity.lifecycle.DepotUnreachable", message: "Depot unreachable")
        s.runsWithoutHosts = (0..<3).map { (i: Int) -> RunWithoutHosts in
            let start = Timestamp(milliseconds: 1_780_000_000_000 + Int64(i) * 86_400_000)
            let status: RunStatus = i == 2 ? .timedOut : .failed
            let commit: String? = i == 0 ? nil : String(i)
            return RunWithoutHosts(
                vcenter: "vc01", cluster: "domain-c" + String(i), name: "Cluster " + String(i), commit: commit,
                start: start, status: status, stageStatus: i == 1 ? "ERROR" : nil, taskStatus: "FAILED",
                reason: depot, source: DocumentSource(path: "run.json"))
        }
        s.runFailureReasons = [
            RunReasonSummary(id: depot.id, runs: 2, clusters: 2, message: depot.message),
            RunReasonSummary(id: "(timed out)", runs: 1, clusters: 1, message: nil)
        ]
        s.warnings = [
            WarningSummary(
                id: "com.vmware.vcIntegrity.lifecycle.EsxImage.LockerLowSpace", count: 3, runs: 2, hosts: 2,
                message: "Low space in /locker"),
            WarningSummary(
                id: "com.vmware.vcIntegrity.lifecycle.plugin.Warning", count: 0, runs: 1, hosts: 0, message: nil)
        ]
        s.waivers = try populatedWaivers()
        // What changed on a fleet where every change is planted (more of each list than topN: 1).
        s.changes = summarize(ChangeFleet.runs, tracksChanges: true).changes
        return s
    }

    /// Per-night outcomes for the flaky and failing hosts, cycling through every outcome, with
    /// a night without a run every seventh night. All hosts share one night list (copy on write).
    static func hostNights(for s: Summary) -> [HostNightsInput] {
        let nights = s.days.enumerated().compactMap { i, d -> HostNightsInput.Night? in
            var counts = OutcomeCounts()
            let outcome: HostOutcome = [.succeeded, .failed, .timedOut, .skipped, .inProgress, .unknown][i % 6]
            counts.add(outcome)
            if i % 5 == 0 { counts.add(.failed) }
            return i % 7 == 3 ? nil : HostNightsInput.Night(date: d.date, latest: outcome, outcomes: counts)
        }
        let hosts =
            s.flakyHosts.map { ($0.key, $0.name, $0.failed) } + s.failingHosts.map { ($0.key, $0.name, $0.streak) }
        return hosts.map { HostNightsInput(key: $0.0, name: $0.1, failed: $0.2, nights: nights) }
    }

    static func date(_ i: Int) -> String {
        Timestamp(milliseconds: 1_780_000_000_000 + Int64(i) * 86_400_000).utcDate
    }

    /// Far more of everything than top-N, with every string long and hostile.
    static func large(_ s: Summary, scale: Int, text: (Int) -> String) -> Summary {
        var s = s
        s.clusters = (0..<scale).map { i in
            var c = s.clusters[i % s.clusters.count]
            (c.vcenter, c.id, c.name) = (text(i), text(i + 1), text(i + 2))
            c.latestRun.commit = text(i + 3)
            c.latestRun.taskStatus = text(i + 4)
            return c
        }
        s.commits = (0..<scale * 2).map { i in
            var c = s.commits[i % s.commits.count]
            (c.vcenter, c.cluster, c.commit) = (text(i), text(i + 1), text(i + 2))
            return c
        }
        s.days = (0..<365).map { i in
            var d = s.days[i % s.days.count]
            d.date = date(i)
            return d
        }
        s.failureReasons = (0..<scale).map { i in
            var r = s.failureReasons[i % s.failureReasons.count]
            (r.id, r.message, r.resolution) = (text(i), text(i + 1), text(i + 2))
            return r
        }
        s.skipReasons = (0..<scale).map { i in
            var r = s.skipReasons[i % s.skipReasons.count]
            (r.id, r.message, r.resolution) = (text(i), text(i + 1), text(i + 2))
            return r
        }
        s.flakyHosts = (0..<scale * 4).map { i in
            var h = s.flakyHosts[i % s.flakyHosts.count]
            (h.key.vcenter, h.key.cluster, h.key.host, h.name) = (text(i), text(i + 1), text(i + 2), text(i + 3))
            return h
        }
        s.failingHosts = (0..<scale * 4).map { i in
            var h = s.failingHosts[i % s.failingHosts.count]
            (h.key.vcenter, h.key.cluster, h.key.host, h.name, h.latestReason) = (
                text(i), text(i + 1), text(i + 2), text(i + 3), text(i + 4)
            )
            return h
        }
        s.dataQuality = s.dataQuality.map { q in
            var q = q
            q.examples = (0..<5).map { text($0) }
            return q
        }
        s.rejected = (0..<scale * 2).map { i in
            Rejection(source: DocumentSource(path: text(i), position: .line(i)), reason: text(i + 1))
        }
        s.runsWithoutHosts = (0..<scale).map { i in
            RunWithoutHosts(
                vcenter: text(i), cluster: text(i + 1), name: text(i + 2), commit: text(i + 3), start: nil,
                status: .failed, stageStatus: text(i + 4), taskStatus: text(i + 5),
                reason: Reason(id: text(i + 6), message: text(i + 7), resolution: text(i + 8)),
                source: DocumentSource(path: text(i)))
        }
        s.runFailureReasons = (0..<scale).map { i in
            RunReasonSummary(id: text(i), runs: i + 1, clusters: 1, message: text(i + 1))
        }
        s.warnings = (0..<scale).map { i in
            WarningSummary(id: text(i), count: i, runs: 1, hosts: 1, message: text(i + 1))
        }
        s.gates = s.gates.map { g in
            GateResult(name: text(1), threshold: text(2), measured: text(3), passed: g.passed, detail: text(4))
        }
        s.title = text(0)
        return s
    }
}
