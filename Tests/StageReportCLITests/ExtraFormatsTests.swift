import Foundation
import Testing
import TestHelpers

/// `--format ctrf,slack,teams` writes those files; without `--format` none of them is written.
@Suite("stage-report report --format ctrf,slack,teams")
struct ExtraFormatsTests {
    static let fleet = CLIRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/shared-fleet").path

    @Test func writesTheRequestedFiles() throws {
        let tmp = try TemporaryDirectory()
        let r = try CLIRunner.run([
            "report", Self.fleet, "--out", tmp.path, "--format", "json,ctrf,slack,teams", "--now",
            "2026-11-04T06:00:00Z", "--html-url", "https://ci.example.com/report.html", "--fail-under", "99%"
        ])
        // The gate fails on the shared fleet: every output is still written.
        #expect(r.exitCode == 1, "\(r.stderr)")
        #expect(tmp.allEntries() == ["summary.json", "ctrf-report.json", "slack.json", "teams.json"])
        let summary = try json(tmp, "summary.json")
        // Host outcomes, plus one CTRF test per run without hosts (issue 17).
        let byOutcome = try #require((summary["totals"] as? [String: Any])?["outcomes"] as? [String: Int])
        let hostless = try #require(summary["runs_without_hosts"] as? [Any]).count
        let outcomes = byOutcome.values.reduce(0, +) + hostless
        let ctrf = try #require(try json(tmp, "ctrf-report.json")["results"] as? [String: Any])
        #expect((ctrf["summary"] as? [String: Any])?["tests"] as? Int == outcomes)
        #expect((ctrf["tests"] as? [Any])?.count == outcomes)
        let slack = String(decoding: try tmp.read("slack.json"), as: UTF8.self)
        #expect(slack.contains("FAILED") && slack.contains("https://ci.example.com/report.html"))
        let teams = try json(tmp, "teams.json")
        #expect(teams["type"] as? String == "message")
    }

    @Test func notWrittenByDefault() throws {
        let tmp = try TemporaryDirectory()
        let r = try CLIRunner.run(["report", Self.fleet, "--out", tmp.path, "--now", "2026-11-04T06:00:00Z"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(tmp.allEntries() == ["summary.json", "report.html", "report-email.html", "junit.xml", "report.md"])
    }

    private func json(_ dir: TemporaryDirectory, _ name: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: dir.read(name)) as? [String: Any])
    }
}
