import Foundation
import Testing
import TestHelpers

/// What a new user's first mistakes get: a clear word on standard error, and a usage error
/// (exit 2) where going on would judge or write something misleading (issue 17).
@Suite("stage-report report: a new user's mistakes")
struct NewUserTests {
    @Test("With no INPUT it says that it reports the built-in sample fleet")
    func noInputSaysSample() throws {
        let tmp = try TemporaryDirectory()
        let r = try CLIRunner.run(["report", "--out", tmp.url.path, "--format", "json"])
        #expect(r.exitCode == 0, "\(r.stderr)")
        #expect(r.stderr.contains("no INPUT given: reporting the built-in sample fleet (synthetic data)"))
    }

    @Test(
        "Quality gates with no INPUT are a usage error",
        arguments: [
            ["--fail-under", "95%"], ["--fail-under-cluster", "0.9"], ["--max-failed", "0"], ["--fail-on-empty"]
        ])
    func gatesWithoutInput(_ gate: [String]) throws {
        let tmp = try TemporaryDirectory()
        let r = try CLIRunner.run(["report", "--out", tmp.url.path] + gate)
        #expect(r.exitCode == 2)
        #expect(r.stderr.contains("quality gates need INPUT"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: tmp.url.path).isEmpty, "no report of synthetic data")
    }

    @Test("Inputs that hold no document get a warning naming what was searched")
    func nothingFound() throws {
        let tmp = try TemporaryDirectory()
        let inputs = tmp.url.appendingPathComponent("collected")
        try FileManager.default.createDirectory(at: inputs, withIntermediateDirectories: true)
        try Data("waivers: []\n".utf8).write(to: inputs.appendingPathComponent("notes.yaml"))
        let r = try CLIRunner.run([
            "report", inputs.path, "--out", tmp.url.appendingPathComponent("out").path, "--format", "json"
        ])
        #expect(r.exitCode == 0)
        #expect(
            r.stderr.contains(
                """
                warning: no document found in \(inputs.path); \
                a directory is searched for files ending in .json, .jsonl or .ndjson
                """
            ))
        let empty = try CLIRunner.run(
            ["report", "-", "--out", tmp.url.appendingPathComponent("out").path, "--format", "json"],
            stdin: Data())
        #expect(empty.stderr.contains("warning: no document found in standard input"))
    }

    @Test("A --markdown-limit too small for the verdict and the key figures names the smallest that works")
    func markdownLimitTooSmall() throws {
        let tmp = try TemporaryDirectory()
        let r = try CLIRunner.run(["report", ReportCommandTests.fleet, "--out", tmp.url.path, "--markdown-limit", "10"])
        #expect(r.exitCode == 2)
        #expect(
            r.stderr.contains(
                """
                --markdown-limit 10 is too small to hold the verdict and the key figures; \
                the smallest limit that works is 4096
                """
            ))
        let ok = try CLIRunner.run([
            "report", ReportCommandTests.fleet, "--out", tmp.url.path, "--markdown-limit", "4096"
        ])
        #expect(ok.exitCode == 0, "\(ok.stderr)")
    }

    @Test("Counts are written in correct English")
    func countsInEnglish() throws {
        let tmp = try TemporaryDirectory()
        let r = try CLIRunner.run(
            ["report", "-", "--out", tmp.url.path, "--format", "json"],
            stdin: Data(ReportCommandTests.goodRun.utf8))
        #expect(
            r.stderr.contains(
                """
                stage-report: 1 file, 1 document, 1 run, 0 duplicates, 0 rejected; \
                2 host outcomes, success rate 50.0 %
                """
            ),
            "\(r.stderr)")
    }

    @Test("A usage error of report shows report's usage line")
    func reportUsageLine() throws {
        let r = try CLIRunner.run(["report", "--no-such-option"])
        #expect(r.exitCode == 2)
        #expect(r.stderr.contains("Usage: stage-report report"), "\(r.stderr)")
    }
}
