import Foundation
import Testing
import TestHelpers

/// "What changed" end to end (issue 18): `ChangeFleet`'s nights fed one at a time into a
/// history, then the change gates, with and without waivers.
@Suite("stage-report: what changed, and the change gates")
struct ChangeCLITests {
    static let now = ["--now", "2026-12-07T08:00:00Z"]

    /// The fleet's nights written and fed one at a time into `history.db`, the last with `extra`.
    static func nightByNight(_ extra: [String] = []) throws -> (TemporaryDirectory, ProcessRunner.Result) {
        let tmp = try TemporaryDirectory("changes")
        let nights = try ChangeFleet.write(to: tmp.at("fleet"))
        let history = tmp.at("history.db").path
        for night in nights.dropLast() {
            let r = try CLIRunner.run(["report", night.path, "--history", history] + now)
            #expect(r.exitCode == 0, "\(r.stderr)")
        }
        let last = try CLIRunner.run(
            ["report", nights.last!.path, "--history", history, "--out", tmp.at("out").path] + now + extra)
        return (tmp, last)
    }

    static func summary(_ tmp: TemporaryDirectory) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: tmp.read("out/summary.json")) as? [String: Any])
    }

    @Test("Night by night into a history, the changes are the planted ones")
    func plantedChanges() throws {
        let (tmp, r) = try Self.nightByNight()
        #expect(r.exitCode == 0, "\(r.stderr)")
        let changes = try #require(try Self.summary(tmp)["changes"] as? [String: Any])
        #expect(changes["night"] as? String == "2026-12-06")
        let hosts = try #require(changes["hosts"] as? [[String: Any]]).map { "\($0["change"]!) \($0["host"]!)" }
        #expect(
            hosts == [
                "new-failure c2-h1", "still-failing c1-h1", "still-failing c1-h2", "still-failing c1-h3",
                "still-failing c1-h4", "fixed c2-h2", "new c2-h5", "gone c2-h4"
            ])
        let clusters = try #require(changes["clusters_changed"] as? [[String: Any]])
        #expect(
            clusters.map { "\($0["change"]!) \($0["cluster"]!)" } == [
                "new-failure domain-c3", "still-failing domain-c1", "still-failing domain-c2"
            ])
        #expect(clusters[0]["failed_outright"] as? Bool == true)
        let regressions = try #require(changes["commit_regressions"] as? [String: Any])
        let items = try #require(regressions["items"] as? [[String: Any]])
        #expect(items.map { "\($0["cluster"]!) \($0["previous_commit"]!)→\($0["commit"]!)" } == ["domain-c1 7→8"])
        // The same changes from one invocation over all six nights' raw files with --changes.
        let raw = try CLIRunner.run(
            ["report", tmp.at("fleet").path, "--changes", "--format", "json", "--out", tmp.at("raw").path] + Self.now)
        #expect(raw.exitCode == 0, "\(raw.stderr)")
        let rawChanges = try #require(
            try JSONSerialization.jsonObject(with: tmp.read("raw/summary.json")) as? [String: Any])["changes"]
        #expect(NSDictionary(dictionary: changes).isEqual(rawChanges))
        // Every output leads with it.
        let md = String(decoding: try tmp.read("out/report.md"), as: UTF8.self)
        #expect(md.contains("### What changed since the previous night"))
        let html = String(decoding: try tmp.read("out/report.html"), as: UTF8.self)
        let main = try #require(html.range(of: "<main>"))
        #expect(html[main.upperBound...].hasPrefix("\n<section id=\"changes\""))
        let email = String(decoding: try tmp.read("out/report-email.html"), as: UTF8.self)
        let changed = try #require(email.range(of: "What changed since the previous night"))
        let figures = try #require(email.range(of: "Success rate"))
        #expect(changed.lowerBound < figures.lowerBound)
    }

    @Test("--fail-on-new fails on the new failures; --max-new-failed 2 passes")
    func changeGates() throws {
        let (tmp, r) = try Self.nightByNight(["--fail-on-new", "--max-new-failed", "2", "--format", "json"])
        #expect(r.exitCode == 1, "\(r.stderr)")
        let gates = try #require(try Self.summary(tmp)["gates"] as? [[String: Any]])
        #expect(
            gates.map { "\($0["gate"]!) \($0["measured"]!) \($0["passed"] as? Bool == true)" } == [
                "fail-on-new 2 false", "max-new-failed 2 true"
            ])
        #expect((gates[0]["detail"] as? String)?.contains("esx-c2-h1") == true)
    }

    @Test("A waiver on the new host failure and on the failed run makes --fail-on-new pass")
    func waivedNewFailures() throws {
        let tmp = try TemporaryDirectory("change-waivers")
        let waivers = try tmp.write(
            "waivers.yaml",
            """
            waivers:
              - match: {host: "esx-c2-h1"}
                owner: jane.doe
                justification: disk replaced next week
                expires: 2027-01-31
              - match: {cluster: "domain-c3", reason: "com.vmware.vcIntegrity.lifecycle.DepotUnreachable"}
                owner: ops
                ticket: OPS-9
                justification: depot moves
                expires: 2027-01-31

            """)
        let (out, r) = try Self.nightByNight(["--fail-on-new", "--format", "json", "--waivers", waivers])
        #expect(r.exitCode == 0, "\(r.stderr)")
        let s = try Self.summary(out)
        let gates = try #require(s["gates"] as? [[String: Any]])
        #expect(gates.first?["measured"] as? String == "0")
        #expect((gates.first?["detail"] as? String)?.contains("2 of 2 new failures waived") == true)
        let counts = try #require((s["changes"] as? [String: Any])?["counts"] as? [String: Any])
        #expect(counts["new_failures"] as? Int == 2 && counts["new_failures_after_waivers"] as? Int == 0)
    }

    @Test("Change gates without a history compare the nights of the input; --changes alone changes no gate")
    func withoutHistory() throws {
        let tmp = try TemporaryDirectory("changes-raw")
        try ChangeFleet.write(to: tmp.at("fleet"))
        let r = try CLIRunner.run(
            ["report", tmp.at("fleet").path, "--fail-on-new", "--format", "markdown", "--out", tmp.at("out").path]
                + Self.now)
        #expect(r.exitCode == 1, "\(r.stderr)")
        let md = String(decoding: try tmp.read("out/report.md"), as: UTF8.self)
        #expect(md.contains("| fail-on-new | 0 | 2 | ❌ failed |"))
        let plain = try CLIRunner.run(
            ["report", tmp.at("fleet").path, "--format", "json", "--out", tmp.at("plain").path] + Self.now)
        #expect(plain.exitCode == 0)
        let text = String(decoding: try tmp.read("plain/summary.json"), as: UTF8.self)
        #expect(!text.contains("\"changes\""))
    }
}
