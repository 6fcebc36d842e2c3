import Foundation
import StageAggregation
import StageIngest
import StageModel
import Testing
import TestHelpers

/// `data_quality[]`: kinds that occurred, by kind, counts per occurrence, up to five examples,
/// the first in input order; notes only from kept runs.
@Suite("SummaryBuilder: data quality")
struct SummaryBuilderDataQualityTests {
    private func note(_ kind: DataQualityKind, _ detail: String) -> DataQualityNote {
        DataQualityNote(kind: kind, detail: detail)
    }

    @Test func kindsCountsAndOrder() {
        let runs = [
            run(
                "2026-01-01T00:00:00Z",
                notes: [note(.unknownCluster, "u1"), note(.invalidTime, "t1"), note(.invalidTime, "t2")], order: 0),
            run("2026-01-02T00:00:00Z", notes: [note(.hostInSeveralLists, "s1")], order: 1),
            run("2026-01-03T00:00:00Z", order: 2)
        ]
        let q = summarize(runs).dataQuality
        #expect(q.map(\.kind) == [.hostInSeveralLists, .invalidTime, .unknownCluster])
        #expect(q.map(\.count) == [1, 2, 1])
    }

    @Test func atMostFiveExamplesTheFirstInInputOrder() {
        // Canonical order is the reverse of input order here, so "first" must mean input order.
        let runs = (0..<8).map { i in
            run(
                "2026-01-\(String(format: "%02d", 20 - i))T00:00:00Z",
                notes: [note(.invalidTime, "n\(i)")], path: "p.jsonl", order: i)
        }
        let q = summarize(runs.shuffled()).dataQuality
        #expect(q.count == 1)
        #expect(q.first?.count == 8)
        let examples = q.first?.examples ?? []
        #expect(examples.count == 5)
        for (i, example) in examples.enumerated() {
            #expect(example.contains("n\(i)"), "\(example)")
            #expect(example.contains("p.jsonl[\(i)]"), "an example names its source: \(example)")
        }
    }

    @Test func notesOfDroppedDuplicatesDoNotCount() {
        let kept = run(
            "2026-01-01T00:00:00Z", notes: [note(.invalidTime, "kept")], lastUpdate: "2026-01-01T02:00:00Z", order: 1)
        let dropped = run(
            "2026-01-01T00:00:00Z", notes: [note(.invalidTime, "dropped"), note(.unknownCluster, "dropped")],
            lastUpdate: "2026-01-01T01:00:00Z", order: 0)
        let s = summarize([dropped, kept])
        #expect(s.inputs.duplicates == 1)
        #expect(s.dataQuality.map(\.kind) == [.invalidTime])
        #expect(s.dataQuality.first?.count == 1)
        #expect(s.dataQuality.first?.examples.first?.contains("kept") == true)
    }

    /// The same through files: the loser of a duplicate has an invalid host time, which must
    /// not be noted.
    @Test func notesOfDroppedDuplicatesThroughFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let start = "2026-01-01T00:00:00Z"
        try dir.write(
            "a.json",
            json: StageDoc.task(
                cluster: "c", start: start, lastUpdate: "2026-01-01T02:00:00Z",
                hosts: ["h": StageDoc.status("OK", start: start, end: "2026-01-01T00:05:00Z")]))
        try dir.write(
            "b.json",
            json: StageDoc.task(
                cluster: "c", start: start, lastUpdate: "2026-01-01T01:00:00Z",
                hosts: ["h": StageDoc.status("ERROR", start: start, end: "garbage"), "x": StageDoc.status("OK")],
                names: ["h": "h"], successful: ["h"]))
        let s = try summarizeFiles([dir.path])
        #expect(s.inputs.duplicates == 1)
        #expect(s.dataQuality.isEmpty)
        #expect(s.outcomes.succeeded == 1 && s.totals.outcomes == 1)
    }

    @Test func rejectedDocumentsArePassedThroughInInputOrder() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("b.jsonl", "{}\n\n[1]\n")
        try dir.write("a.json", "{\"commit\": 1, \"host_status\": {}}")
        try dir.write("c.json", json: StageDoc.task(cluster: "c", start: "2026-01-01T00:00:00Z", hosts: [:]))
        let s = try summarizeFiles([dir.path])
        #expect(s.inputs.rejected == 3)
        #expect(
            s.rejected.map { String($0.source.description.dropFirst(dir.path.count + 1)) } == [
                "a.json", "b.jsonl:1", "b.jsonl:3"
            ])
        #expect(s.rejected.first?.reason == "commit: expected a string, found a number")
        #expect(s.inputs.documents == 4 && s.inputs.runs == 1 && s.inputs.files == 3)
    }
}
