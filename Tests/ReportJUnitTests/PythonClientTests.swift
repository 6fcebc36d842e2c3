import Files
import Foundation
import ReportJSON
import ReportJUnit
import StageAggregation
import StageModel
import Testing
import TestHelpers

/// Real, independent JUnit clients (junitparser, xunitparser, junit2html) read the output
/// through `check_junit.py` (a missing client is an `ExternalTool`: skipped, or a failure under
/// STAGE_REPORT_REQUIRE_TOOLS=1).
struct PythonClientTests {
    @Test(arguments: JUnitSplit.allCases)
    func sharedFleet(split: JUnitSplit) throws {
        try ExternalTool.pythonJUnitClients.require()
        let output = try TestSupport.sharedFleetOutput()
        try check(summary: output.summary, runs: output.runs, split: split)
    }

    @Test(arguments: JUnitSplit.allCases)
    func hostileFleet(split: JUnitSplit) throws {
        try ExternalTool.pythonJUnitClients.require()
        let runs = HostileFleet.runs()
        try check(summary: TestSupport.summary(of: runs, gates: HostileFleet.gates), runs: runs, split: split)
    }

    @Test func maliciousIDsSplit() throws {
        try ExternalTool.pythonJUnitClients.require()
        let runs = SplitLayoutTests.runs()
        try check(summary: TestSupport.summary(of: runs), runs: runs, split: .cluster)
    }

    /// The checker must notice a wrong count (otherwise the tests above prove nothing).
    @Test func checkerCatchesAWrongCount() throws {
        try ExternalTool.pythonJUnitClients.require()
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
            let paths = try JUnitRenderer(options: JUnitOptions(split: split)).write(
                summary: summary, runs: runs, to: dir)
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
    /// Runs `python3 arguments…`; returns the exit status and stdout+stderr.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let result = try ProcessRunner.run(executable: "python3", arguments)
        return (result.exitCode, result.stdout + result.stderr)
    }
}
