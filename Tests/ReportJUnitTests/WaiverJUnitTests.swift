import Files
import Foundation
import ReportJSON
import ReportJUnit
import StageModel
import StagePipeline
import Testing
import TestHelpers
import Waivers

/// JUnit with a waiver file (issue 19): a waived failure is a skipped case naming its waiver,
/// the files still validate against both schemas, and the Python clients read the counts.
struct WaiverJUnitTests {
    static func output() throws -> ReportPipeline.Output { try WaiverFleet.output() }

    @Test(arguments: JUnitSplit.allCases)
    func waivedFailuresAreSkippedAndValid(split: JUnitSplit) throws {
        let output = try Self.output()
        try TestSupport.withTemporaryDirectory { dir in
            let paths = try JUnitRenderer(options: JUnitOptions(split: split), waivers: output.waivers).write(
                summary: output.summary, runs: output.runs, to: dir)
            var waived = 0, skipped = 0, failures = 0, errors = 0
            for path in paths {
                let root = try JUnitChecks.verify(path)
                for suite in root.children {
                    skipped += Int(suite["skipped"] ?? "") ?? 0
                    failures += Int(suite["failures"] ?? "") ?? 0
                    errors += Int(suite["errors"] ?? "") ?? 0
                }
                let text = String(decoding: try #require(FileBytes.read(path)), as: UTF8.self)
                waived += text.components(separatedBy: #"<skipped message="waived by waiver "#).count - 1
                if text.contains("waived by waiver 0 ") {
                    #expect(text.contains(#"waived by waiver 0 (owner alice, ticket OPS-101, expires 2027-03-31)"#))
                }
            }
            // 12 host outcomes are waived (10 failed, 2 timed out); no waived run is without hosts.
            #expect(waived == 12)
            let o = output.summary.outcomes
            #expect(failures == o.failed - 10 + 1, "the hostless failed run's waiver has expired")
            #expect(errors == o.timedOut + o.unknown - 2)
            #expect(skipped == o.skipped + o.inProgress + 1 + 12, "an in-progress run without hosts is skipped")
        }
    }

    @Test(arguments: JUnitSplit.allCases)
    func pythonClientsReadTheCounts(split: JUnitSplit) throws {
        try ExternalTool.pythonJUnitClients.require()
        let output = try Self.output()
        try TestSupport.withTemporaryDirectory { dir in
            let paths = try JUnitRenderer(options: JUnitOptions(split: split), waivers: output.waivers).write(
                summary: output.summary, runs: output.runs, to: dir)
            let summaryPath = dir + "/summary.json"
            try AtomicFile.write(SummaryJSONRenderer.render(output.summary), to: summaryPath)
            let target = split == .none ? paths[0] : dir + "/junit"
            let result = try PythonClients.run([TestSupport.checker, target, summaryPath, "--html-dir", dir + "/html"])
            #expect(result.status == 0, "\(result.output)")
            #expect(result.output.contains(" passed, 0 failed"), "\(result.output)")
        }
    }
}
