import Foundation
import Testing
import TestHelpers

/// `--format csv,prometheus` (issue 20): asked for, the files are written beside the others,
/// as their renderers' golden files have them; not asked for, nothing changes.
@Suite("stage-report report --format csv,prometheus")
struct CSVPrometheusFormatTests {
    static let now = "2026-11-04T06:00:00Z"
    static let fleet = "Tests/Fixtures/shared-fleet"

    @Test("csv and prometheus write hosts.csv, clusters.csv and stage-report.prom")
    func writesTheFiles() throws {
        let tmp = try TemporaryDirectory()
        let r = try CLIRunner.run(
            ["report", Self.fleet, "--out", tmp.url.path, "--format", "csv,prometheus", "--now", Self.now],
            currentDirectory: CLIRunner.repositoryRoot)
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(tmp.allEntries() == ["hosts.csv", "clusters.csv", "stage-report.prom"])
        // The CLI writes what the renderers' own tests pinned (CSV has no generation time).
        let golden = CLIRunner.repositoryRoot.appendingPathComponent("Tests/ReportCSVTests/Golden")
        #expect(try tmp.read("hosts.csv") == Data(contentsOf: golden.appendingPathComponent("shared-fleet-hosts.csv")))
        #expect(
            try tmp.read("clusters.csv") == Data(contentsOf: golden.appendingPathComponent("shared-fleet-clusters.csv"))
        )
        let prom = String(decoding: try tmp.read("stage-report.prom"), as: UTF8.self)
        #expect(prom.contains("\nstage_report_generated_timestamp_seconds 1793772000\n"))
        #expect(prom.contains("\nstage_report_runs 12\n"))
    }

    @Test("Without --format, the four outputs of old and nothing else")
    func defaultIsUnchanged() throws {
        let tmp = try TemporaryDirectory()
        let r = try CLIRunner.run(
            ["report", Self.fleet, "--out", tmp.url.path, "--now", Self.now], currentDirectory: CLIRunner.repositoryRoot
        )
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(tmp.allEntries() == ["summary.json", "report.html", "report-email.html", "junit.xml", "report.md"])
    }

    @Test("--help names the new formats; prom is an alias")
    func helpAndAlias() throws {
        let help = try CLIRunner.run(["report", "--help"])
        #expect(help.stdout.contains("csv, prometheus"), "\(help.stdout)")
        let tmp = try TemporaryDirectory()
        let r = try CLIRunner.run(
            ["report", Self.fleet, "--out", tmp.url.path, "--format", "PROM", "--now", Self.now],
            currentDirectory: CLIRunner.repositoryRoot)
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(tmp.allEntries() == ["stage-report.prom"])
    }
}
