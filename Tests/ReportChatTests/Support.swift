import Foundation
import ReportChat
import StageAggregation
import StageModel
import StagePipeline
import Testing
import TestHelpers

enum Support {
    static let testsDirectory = Repository.path("Tests/ReportChatTests")
    static let goldenDirectory = testsDirectory.appendingPathComponent("Golden")
    static let checker = testsDirectory.appendingPathComponent("check_chat.py").path
    static let htmlURL = "https://ci.example.com/job/7/artifact/Reports/report.html"

    static func sharedFleetSummary() throws -> Summary {
        try ReportPipeline().run([Repository.sharedFleet.path], generatedAt: Timestamp(milliseconds: 0)).summary
    }

    static let gates = [
        GateResult(name: "fail-under", threshold: "95.0 %", measured: "97.7 %", passed: true),
        GateResult(
            name: "fail-under-cluster", threshold: "95.0 %", measured: "92.9 %", passed: false,
            detail: "domain-c8 (vc01.dc0.example.com) at 92.9 %")
    ]

    static func hostileSummary() -> Summary { HostileFleet.summary(of: HostileFleet.runs(), gates: HostileFleet.gates) }

    /// Sixty hostile clusters: more clusters, reasons and failing hosts than any message holds.
    static func bigSummary() -> Summary {
        HostileFleet.summary(of: HostileFleet.runs(clusters: 60), gates: HostileFleet.gates)
    }

    /// The big fleet with every name, id and message long, escaped in Slack (`<&>`) and four
    /// UTF-8 bytes a character: what fits is then decided by the platforms' limits (3,000
    /// characters a Slack section, 28 KB a Teams card), not by the lines a list may show.
    static func longSummary() -> Summary {
        var s = bigSummary()
        func long(_ i: Int) -> String {
            "\(i) " + String(repeating: String(repeating: "😀", count: 15) + "<&>", count: 20)
        }
        for i in s.clusters.indices { (s.clusters[i].name, s.clusters[i].vcenter) = (long(i), long(i + 1)) }
        for i in s.failingHosts.indices {
            (s.failingHosts[i].name, s.failingHosts[i].key.cluster, s.failingHosts[i].latestReason) = (
                long(i), long(i + 1), long(i + 2)
            )
            (s.failingHosts[i].key.host, s.failingHosts[i].key.vcenter) = (long(i + 3), long(i + 4))
        }
        for i in s.failureReasons.indices {
            (s.failureReasons[i].id, s.failureReasons[i].message) = (long(i), long(i + 1))
        }
        return s
    }

    static func tool(_ platform: ChatRenderer.Platform) -> ExternalTool {
        platform == .slack ? .pythonSlackSDK : .pythonAdaptiveCards
    }

    /// Runs the platform's checker on the bytes; its JSON reading, or why it refused them.
    static func read(_ platform: ChatRenderer.Platform, _ bytes: [UInt8]) throws -> Result<[String: Any], Refusal> {
        try withTemporaryDirectory("chat") { dir in
            let path = try dir.write(platform.fileName, bytes)
            let run = try ProcessRunner.run(
                executable: "python3", [checker, platform.rawValue, path], timeout: 300)
            guard run.exitCode == 0 else { return .failure(Refusal(message: run.stderr + run.stdout)) }
            let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
            return .success(try #require(object as? [String: Any]))
        }
    }

    struct Refusal: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// The key figures as both payloads must show them: the summary's numbers, formatted here.
    static func figures(_ s: Summary) -> [String: String] {
        func c(_ n: Int) -> String {
            let digits = Array(String(n))
            var out = ""
            for (i, d) in digits.enumerated() {
                if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
                out.append(d)
            }
            return out
        }
        let o = s.outcomes
        var waived: [String: String] = [:]
        if s.waivers != nil {
            let w = s.totals.waived
            let outcomes = "\(c(w.hostOutcomes)) outcome" + (w.hostOutcomes == 1 ? "" : "s")
            waived["Waived"] = outcomes + ", \(c(w.runs)) run" + (w.runs == 1 ? "" : "s")
        }
        return waived.merging([
            "Host outcomes": c(s.totals.outcomes), "Succeeded": c(o.succeeded), "Failed": c(o.failed),
            "Timed out": c(o.timedOut), "Skipped": c(o.skipped), "In progress": c(o.inProgress),
            "Unknown": c(o.unknown), "Failed runs": c(s.totals.runStatuses.failed + s.totals.runStatuses.timedOut),
            "Success rate": s.totals.successRate.map { String(format: "%.1f %%", $0 * 100) } ?? "n/a"
        ]) { a, _ in a }
    }
}
