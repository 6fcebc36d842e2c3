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

    /// A waived failure names its waiver in `message` and carries it in `extra.waiver`, and
    /// keeps its vSphere outcome in `extra.outcome`; the summary's `extra.waived` has the counts.
    @Test func waivedTestCarriesItsWaiver() throws {
        let output = try WaiverFleet.output()
        let bytes = try CTRFRenderer(waivers: output.waivers).render(summary: output.summary, runs: output.runs)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let results = try #require(root["results"] as? [String: Any])
        let tests = try #require(results["tests"] as? [[String: Any]])
        let byAlice = tests.filter {
            (($0["extra"] as? [String: Any])?["waiver"] as? [String: Any])?["owner"] as? String == "alice"
        }
        #expect(byAlice.count == 4, "waiver 0 waives four host outcomes")
        for test in byAlice {
            let extra = try #require(test["extra"] as? [String: Any])
            let waiver = try #require(extra["waiver"] as? [String: Any])
            #expect(test["status"] as? String == "skipped")
            #expect(["failed", "timed_out"].contains(extra["outcome"] as? String))
            #expect(waiver["position"] as? Int == 0)
            #expect(waiver["ticket"] as? String == "OPS-101")
            #expect(waiver["expires"] as? String == "2027-03-31")
            #expect(waiver["justification"] as? String == "SD cards being replaced")
            let message = try #require(test["message"] as? String)
            #expect(message.hasPrefix("waived by waiver 0 (owner alice, ticket OPS-101, expires 2027-03-31): "))
        }
        let summaryExtra = try #require((results["summary"] as? [String: Any])?["extra"] as? [String: Any])
        let waived = try #require(summaryExtra["waived"] as? [String: Int])
        #expect(waived == ["failed": 10, "timedOut": 2, "runsWithoutHosts": 0])
        // Without a waiver file nothing of it is written.
        let plain = try Support.sharedFleetOutput()
        let text = String(decoding: try CTRFRenderer().render(summary: plain.summary, runs: plain.runs), as: UTF8.self)
        #expect(!text.contains("waive"))
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
