import Foundation
import Testing
import TestHelpers

/// Issue 19 end to end: a waiver file against a fleet with known failures (Tests/Fixtures/README.md).
@Suite("stage-report --waivers")
struct WaiverCLITests {
    static let fleet = "Tests/Fixtures/waiver-fleet"
    static let waivers = "Tests/Fixtures/waivers/waivers.yaml"
    static let now = "2026-12-07T12:00:00Z"
    /// After waivers 1 (2027-02-28), 2 (2026-12-15) and 3 (2027-01-31) have expired.
    static let later = "2027-03-01T00:00:00Z"

    static func report(_ extra: [String], out: TemporaryDirectory, now: String = now) throws -> ProcessRunner.Result {
        try CLIRunner.run(
            ["report", fleet, "--out", out.path, "--now", now] + extra, currentDirectory: CLIRunner.repositoryRoot)
    }

    static func summary(_ dir: TemporaryDirectory) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: dir.read("summary.json")) as? [String: Any])
    }

    /// `waiver host-or-run cluster date` for each listed hit, e.g. `1 host-38 domain-c24 2026-11-02`.
    static func hits(_ list: Any?) -> [String] {
        let items = ((list as? [String: Any])?["items"] as? [[String: Any]]) ?? []
        return items.map { item in
            let host = item["host"] as? String ?? "run"
            let date = (item["start"] as? String).map { String($0.prefix(10)) } ?? "?"
            return "\(item["waiver"] ?? "?") \(host) \(item["cluster"] ?? "?") \(date)"
        }
    }

    @Test("Host glob, notification id, cluster and commit waive exactly the expected failures")
    func expectedSets() throws {
        let out = try TemporaryDirectory()
        let r = try Self.report(["--format", "json", "--waivers", Self.waivers], out: out)
        #expect(r.exitCode == 0, "\(r.stderr)")
        let s = try Self.summary(out)
        // In canonical run order; waiver 1 takes vc02's hosts before waiver 3 (first in file order
        // wins), so waiver 3 waives only vc02's run.
        #expect(
            Self.hits(s["waived"]) == [
                "1 host-38 domain-c24 2026-11-02", "0 host-39 domain-c24 2026-11-02", "0 host-40 domain-c24 2026-11-02",
                "2 host-10 domain-c9 2026-11-02", "2 run domain-c9 2026-11-02",
                "1 host-27 domain-c26 2026-11-03", "1 host-30 domain-c26 2026-11-03", "3 run domain-c26 2026-11-03",
                "0 host-40 domain-c24 2026-11-03", "1 host-27 domain-c24 2026-11-04", "0 host-40 domain-c24 2026-11-04",
                "2 host-10 domain-c9 2026-11-05", "2 host-14 domain-c9 2026-11-05", "2 run domain-c9 2026-11-05",
                "2 host-14 domain-c9 2026-11-06"
            ])
        #expect(Self.hits(s["expired_waiver_matches"]) == ["4 run domain-c24 2026-11-06"])
        let waivers = try #require(s["waivers"] as? [[String: Any]])
        let standings = waivers.map { w in
            "\(w["position"]!) \(w["validity"]!) \(w["days_left"]!) \(w["waived_host_outcomes"]!)"
                + " \(w["waived_runs"]!) \(w["expired_host_outcomes"]!) \(w["expired_runs"]!) \(w["stale"]!)"
        }
        #expect(
            standings == [
                "0 active 114 4 0 0 0 0", "1 active 83 4 0 0 0 0", "2 expiring_soon 8 4 2 0 0 0",
                "3 active 55 0 1 0 0 0", "4 expired -7 0 0 0 1 0", "5 active 145 0 0 0 0 1"
            ])
        #expect(waivers[1]["owner"] as? String == "bob" && waivers[1]["ticket"] as? String == "OPS-102")
        let totals = try #require(s["totals"] as? [String: Any])
        let outcomes = try #require(totals["outcomes"] as? [String: Int])
        // Still counted as what they are.
        #expect(outcomes["failed"] == 12 && outcomes["timed_out"] == 4)
        let after = try #require(totals["after_waivers"] as? [String: Any])
        #expect(after["waived_failed"] as? Int == 10 && after["waived_timed_out"] as? Int == 2)
        #expect(after["failed"] as? Int == 2 && after["timed_out"] as? Int == 2)
        #expect(after["waived_runs"] as? Int == 3 && after["failed_runs"] as? Int == 4)
        // 105 succeeded of 109 finished once the 12 waived failures are left out.
        #expect(after["success_rate"] as? Double == 0.963303)
    }

    @Test("Every output shows the waived, expired, expiring-soon and stale waivers")
    func everyOutputShowsThem() throws {
        let out = try TemporaryDirectory()
        let r = try Self.report(["--waivers", Self.waivers], out: out)
        #expect(r.exitCode == 0, "\(r.stderr)")
        let md = String(decoding: try out.read("report.md"), as: UTF8.self)
        for needle in [
            "### Waived", "### Expired waivers", "### Expiring soon", "### Stale waivers", "#0 alice", "OPS-101",
            "2027-03-31", "#4 erin", "esx-nowhere-\\*", "**After waivers (what the gates read):** 12 of 16"
        ] {
            #expect(md.contains(needle), "report.md lacks \(needle)")
        }
        let html = String(decoding: try out.read("report.html"), as: UTF8.self)
        for needle in [
            #"<section id="waivers""#, "<h3>Expired waivers</h3>", "<h3>Expiring soon</h3>", "<h3>Stale waivers</h3>",
            "<td>#0</td><td>alice</td><td>OPS-101</td><td>2027-03-31</td>", "<td>#4</td><td>erin</td>",
            "esx-nowhere-*"
        ] {
            #expect(html.contains(needle), "report.html lacks \(needle)")
        }
        let junit = String(decoding: try out.read("junit.xml"), as: UTF8.self)
        #expect(
            junit.contains(#"<skipped message="waived by waiver 1 (owner bob, ticket OPS-102, expires 2027-02-28)">"#))
        #expect(junit.contains(#"<property name="waiver.0" value="owner alice; ticket OPS-101; expires 2027-03-31;"#))
        let json = String(decoding: try out.read("summary.json"), as: UTF8.self)
        #expect(json.contains(#""stale": true"#) && json.contains(#""validity": "expiring_soon""#))
    }

    @Test("A gate that fails without the file passes with it, and fails again once the waivers expire")
    func gateFollowsWaivers() throws {
        let gate = ["--format", "json", "--max-failed", "5", "--max-failed-runs", "4"]
        let without = try Self.report(gate, out: try TemporaryDirectory())
        #expect(without.exitCode == 1, "\(without.stderr)")
        #expect(without.stderr.contains("gate max-failed failed: measured 17"))
        let out = try TemporaryDirectory()
        let with = try Self.report(gate + ["--waivers", Self.waivers], out: out)
        #expect(with.exitCode == 0, "\(with.stderr)")
        let gates = try #require(try Self.summary(out)["gates"] as? [[String: Any]])
        #expect(gates[0]["measured"] as? String == "5")
        #expect((gates[0]["detail"] as? String)?.hasPrefix("after waivers: 12 of 17 failures waived") == true)
        #expect(gates[1]["detail"] as? String == "after waivers: 3 of 7 failed runs waived")
        let expired = try Self.report(
            gate + ["--waivers", Self.waivers], out: try TemporaryDirectory(), now: Self.later)
        #expect(expired.exitCode == 1, "\(expired.stderr)")
        #expect(expired.stderr.contains("gate max-failed failed: measured 13"))
    }

    @Test(
        "Each bad waiver file is one line naming the file, line and field, exit 2, and no report",
        arguments: [
            ("bad-syntax.yaml", "bad-syntax.yaml:5:4: not valid YAML"),
            ("bad-missing-owner.yaml", "bad-missing-owner.yaml:2:5: waivers[0].owner: missing (required)"),
            ("bad-date.yaml", #"bad-date.yaml:6:14: waivers[0].expires: "2027-02-30" is not a date"#),
            ("bad-unknown-field.yaml", "bad-unknown-field.yaml:6:5: waivers[0].expire: unknown field; did you mean")
        ])
    func badFile(name: String, expected: String) throws {
        let tmp = try TemporaryDirectory()
        let out = tmp.url.appendingPathComponent("out").path
        let r = try CLIRunner.run(
            ["report", Self.fleet, "--out", out, "--waivers", "Tests/Fixtures/waivers/" + name],
            currentDirectory: CLIRunner.repositoryRoot)
        #expect(r.exitCode == 2)
        #expect(r.stderrLines.count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("Tests/Fixtures/waivers/" + expected), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out), "no report is written with a bad waiver file")
    }

    @Test("With waivers, 1 or 3 workers and report or merge give the same bytes")
    func deterministic() throws {
        let tmp = try TemporaryDirectory()
        var outputs: [Data] = []
        for jobs in ["1", "3"] {
            let r = try CLIRunner.run(
                [
                    "report", Self.fleet, "--out", tmp.at("jobs" + jobs).path, "--now", Self.now, "--jobs", jobs,
                    "--format", "json", "--waivers", Self.waivers
                ], currentDirectory: CLIRunner.repositoryRoot)
            #expect(r.exitCode == 0, "\(r.stderr)")
            outputs.append(try tmp.read("jobs\(jobs)/summary.json"))
        }
        #expect(outputs[0] == outputs[1])
        let partial = try CLIRunner.run(
            ["report", Self.fleet, "--partial", tmp.at("fleet.partial").path, "--now", Self.now],
            currentDirectory: CLIRunner.repositoryRoot)
        #expect(partial.exitCode == 0, "\(partial.stderr)")
        let merged = try CLIRunner.run(
            [
                "merge", tmp.at("fleet.partial").path, "--out", tmp.at("merged").path, "--now", Self.now,
                "--format", "json", "--waivers", Self.waivers
            ], currentDirectory: CLIRunner.repositoryRoot)
        #expect(merged.exitCode == 0, "\(merged.stderr)")
        // The waivers are applied when the partials are aggregated, as in one run over the inputs.
        #expect(try tmp.read("merged/summary.json") == outputs[0])
    }
}
