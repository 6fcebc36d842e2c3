import Files
import Foundation
import ReportJSON
import ReportJUnit
import StageAggregation
import StageModel
import Testing

/// Real, independent JUnit clients (junitparser, xunitparser, junit2html) read the output
/// through `check_junit.py`. Skipped when python3 or the modules are missing, unless
/// `JUNIT_REQUIRE_PYTHON=1` (set it in CI, which installs them) turns that into a failure.
@Suite(.enabled(if: PythonClients.usable, "python3 with junitparser, xunitparser and junit2html is not installed: pip install junitparser xunitparser junit2html"))
struct PythonClientTests {
    @Test(arguments: JUnitSplit.allCases)
    func sharedFleet(split: JUnitSplit) throws {
        let output = try TestSupport.sharedFleetOutput()
        try check(summary: output.summary, runs: output.runs, split: split)
    }

    @Test(arguments: JUnitSplit.allCases)
    func hostileFleet(split: JUnitSplit) throws {
        let runs = HostileFleet.runs()
        try check(summary: TestSupport.summary(of: runs, gates: HostileFleet.gates), runs: runs, split: split)
    }

    @Test func maliciousIDsSplit() throws {
        let runs = SplitLayoutTests.runs()
        try check(summary: TestSupport.summary(of: runs), runs: runs, split: .cluster)
    }

    /// The checker must notice a wrong count (otherwise the tests above prove nothing).
    @Test func checkerCatchesAWrongCount() throws {
        let output = try TestSupport.sharedFleetOutput()
        try TestSupport.withTemporaryDirectory { dir in
            let path = try JUnitRenderer().write(summary: output.summary, runs: output.runs, to: dir)[0]
            var summary = output.summary
            summary.outcomes.failed += 1
            let summaryPath = dir + "/summary.json"
            try AtomicFile.write(SummaryJSONRenderer.render(summary), to: summaryPath)
            let result = try PythonClients.run([TestSupport.checker, path, summaryPath])
            #expect(result.status == 1, "\(result.output)")
            #expect(result.output.contains("total failures"))
        }
    }

    private func check<Runs: RunCollection & Sendable>(summary: Summary, runs: Runs, split: JUnitSplit) throws {
        try TestSupport.withTemporaryDirectory { dir in
            let paths = try JUnitRenderer(options: JUnitOptions(split: split)).write(summary: summary, runs: runs, to: dir)
            let summaryPath = dir + "/summary.json"
            try AtomicFile.write(SummaryJSONRenderer.render(summary), to: summaryPath)
            let target = split == .none ? paths[0] : dir + "/junit"
            let result = try PythonClients.run([TestSupport.checker, target, summaryPath, "--html-dir", dir + "/html"])
            #expect(result.status == 0, "\(result.output)")
            #expect(result.output.contains(" passed, 0 failed"), "\(result.output)")
        }
    }
}

enum PythonClients {
    static let python = "/usr/bin/env"

    /// Checked once: can python3 import all three clients?
    static let available: Bool = {
        (try? run(["-c", "import junitparser, xunitparser, junit2htmlreport"]).status == 0) ?? false
    }()

    static var usable: Bool {
        if !available, ProcessInfo.processInfo.environment["JUNIT_REQUIRE_PYTHON"] == "1" {
            // Run the tests anyway: they fail, loudly, instead of being skipped in CI.
            return true
        }
        return available
    }

    /// Runs `python3 arguments…`; returns the exit status and stdout+stderr.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
