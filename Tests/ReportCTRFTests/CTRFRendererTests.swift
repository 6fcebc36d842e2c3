import Foundation
import ReportCTRF
import StageAggregation
import StageModel
import Testing
import TestHelpers

struct CTRFRendererTests {
    @Test func sharedFleetMatchesGolden() throws {
        let output = try Support.sharedFleetOutput()
        let bytes = try CTRFRenderer().render(summary: output.summary, runs: output.runs)
        try GoldenFile.expect(
            Data(bytes), equals: Support.goldenDirectory.appendingPathComponent("shared-fleet.ctrf.json"))
    }

    /// Streamed to disk, the file is byte for byte the document rendered in memory, and no
    /// temporary file is left behind.
    @Test func writtenFileEqualsRenderedDocument() throws {
        let output = try Support.sharedFleetOutput()
        try withTemporaryDirectory("ctrf") { dir in
            let path = try CTRFRenderer().write(summary: output.summary, runs: output.runs, to: dir.path)
            #expect(path == dir.path + "/" + CTRFRenderer.fileName)
            let expected = try CTRFRenderer().render(summary: output.summary, runs: output.runs)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(expected))
            #expect(dir.allEntries() == [CTRFRenderer.fileName])
        }
    }

    /// A summary that does not belong to the runs is refused rather than written with counts
    /// that contradict the tests.
    @Test func summaryThatDisagreesWithTheRunsIsAnError() throws {
        let runs = HostileFleet.runs()
        var summary = HostileFleet.summary(of: runs)
        summary.outcomes.skipped += 1
        #expect(throws: (any Error).self) { try CTRFRenderer().render(summary: summary, runs: runs) }
    }

    /// No runs: an empty `tests` array, zero counts, start and stop at `generated_at`.
    @Test func emptyFleet() throws {
        let summary = HostileFleet.summary(of: [])
        let doc = try JSONSerialization.jsonObject(with: Data(CTRFRenderer().render(summary: summary, runs: [])))
        let results = try #require((doc as? [String: Any])?["results"] as? [String: Any])
        #expect((results["tests"] as? [Any])?.isEmpty == true)
        let s = try #require(results["summary"] as? [String: Any])
        #expect(s["tests"] as? Int == 0)
        #expect(s["start"] as? Int == 0 && s["stop"] as? Int == 0)
    }
}
