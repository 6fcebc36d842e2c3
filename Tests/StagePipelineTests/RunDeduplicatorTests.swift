import Foundation
import StageAggregation
import StageIngest
import StageModel
import StagePipeline
import Testing
import TestHelpers

/// Duplicate runs (report-semantics §1): same (vCenter, cluster, commit, run start). Keep the
/// later last_update_time, else the later run end, else a finished one, else the first in input
/// order; count the others.
@Suite("RunDeduplicator: tie-breaks and counts")
struct RunDeduplicatorTests {
    private let start = "2026-01-01T00:00:00Z"

    /// Two copies of one run told apart by their only host's outcome.
    private func pair(_ a: StageRun, _ b: StageRun) -> (kept: HostOutcome?, duplicates: Int) {
        let (runs, duplicates) = RunDeduplicator.resolve([a, b])
        return (runs.count == 1 ? runs[0].hosts.first?.outcome : nil, duplicates)
    }

    private func copy(
        _ outcome: HostOutcome, order: Int, end: String? = nil, lastUpdate: String? = nil,
        finished: Bool = true
    ) -> StageRun {
        run(start, hosts: [host("h", outcome)], end: end, lastUpdate: lastUpdate, finished: finished, order: order)
    }

    @Test func laterLastUpdateWinsWhenBothHaveIt() {
        let older = copy(.succeeded, order: 0, end: "2026-01-01T02:00:00Z", lastUpdate: "2026-01-01T01:00:00Z")
        let newer = copy(
            .failed, order: 1, end: "2026-01-01T00:30:00Z", lastUpdate: "2026-01-01T01:00:00.001Z", finished: false)
        #expect(pair(older, newer) == (.failed, 1))
        #expect(pair(newer, older) == (.failed, 1))
    }

    @Test func laterEndWinsWhenLastUpdateDoesNotDecide() {
        let early = copy(.succeeded, order: 0, end: "2026-01-01T00:10:00Z", lastUpdate: "2026-01-01T05:00:00Z")
        let late = copy(.failed, order: 1, end: "2026-01-01T00:20:00Z") // no last_update_time
        #expect(pair(early, late) == (.failed, 1))
        let sameUpdate = copy(.skipped, order: 1, end: "2026-01-01T00:20:00Z", lastUpdate: "2026-01-01T05:00:00Z")
        #expect(pair(early, sameUpdate) == (.skipped, 1))
    }

    @Test func finishedWinsWhenTimesDoNotDecide() {
        let running = copy(.inProgress, order: 0, lastUpdate: "2026-01-01T05:00:00Z", finished: false)
        let done = copy(.succeeded, order: 1, end: "2026-01-01T00:20:00Z", finished: true)
        #expect(pair(running, done) == (.succeeded, 1))
        #expect(pair(done, running) == (.succeeded, 1))
    }

    @Test func firstInInputOrderWinsWhenNothingElseDecides() {
        let first = copy(.succeeded, order: 0, end: "2026-01-01T00:20:00Z", lastUpdate: "2026-01-01T00:20:00Z")
        let second = copy(.failed, order: 1, end: "2026-01-01T00:20:00Z", lastUpdate: "2026-01-01T00:20:00Z")
        #expect(pair(first, second) == (.succeeded, 1))
        // Input order is the sources' order, not the order of the array.
        #expect(pair(second, first) == (.succeeded, 1))
        let otherFile = run(
            start, hosts: [host("h", .skipped)], end: "2026-01-01T00:20:00Z",
            lastUpdate: "2026-01-01T00:20:00Z", path: "a.json", order: 5)
        #expect(pair(first, otherFile) == (.skipped, 1), "a.json comes before in.json")
    }

    @Test func identityIsVCenterClusterCommitAndStartInstant() {
        let base = run(start, hosts: [host("h", .succeeded)], order: 0)
        let sameInstant = run("2026-01-01T01:00:00+01:00", hosts: [host("h", .failed)], order: 1)
        #expect(RunDeduplicator.resolve([base, sameInstant]).duplicates == 1)
        let different = [
            run("2026-01-01T00:00:00.001Z", order: 1), run(start, vcenter: "vc2", order: 2),
            run(start, cluster: "c2", order: 3), run(start, commit: "2", order: 4), run(nil, order: 5)
        ]
        let (kept, duplicates) = RunDeduplicator.resolve([base] + different)
        #expect(duplicates == 0)
        #expect(kept.count == 6)
    }

    @Test func runsWithoutStartAreDuplicatesOfEachOther() {
        let (kept, duplicates) = RunDeduplicator.resolve([
            run(nil, order: 0), run(nil, order: 1), run(nil, commit: "2", order: 2)
        ])
        #expect(duplicates == 1)
        #expect(kept.map(\.commit) == ["1", "2"])
    }

    @Test func manyCopiesCountAllButOne() {
        let copies = (0..<5).map { copy(.succeeded, order: $0, lastUpdate: "2026-01-01T00:0\($0):00Z") }
        let (kept, duplicates) = RunDeduplicator.resolve(copies.shuffled())
        #expect(duplicates == 4)
        #expect(kept.first?.source.documentIndex == 4)
    }

    @Test func keptRunsAreInCanonicalOrder() {
        let runs = [
            run("2026-01-03T00:00:00Z", cluster: "b", order: 0), run(nil, cluster: "z", order: 1),
            run("2026-01-01T00:00:00Z", cluster: "b", order: 2), run("2026-01-01T00:00:00Z", cluster: "a", order: 3),
            run("2026-01-01T00:00:00Z", vcenter: "a", cluster: "z", order: 4)
        ]
        let kept = RunDeduplicator.resolve(runs).runs
        #expect(kept.map(\.source.documentIndex) == [4, 3, 2, 0, 1], "a run without a start comes last")
    }

    @Test func headersAndRunsAgree() {
        var rng = LCG(state: 5)
        let runs = (0..<200).map { i in
            copy(
                .succeeded, order: i, end: rng.below(2) == 0 ? nil : "2026-01-01T00:0\(rng.below(3)):00Z",
                lastUpdate: rng.below(2) == 0 ? nil : "2026-01-01T01:0\(rng.below(3)):00Z", finished: rng.below(2) == 0)
        }.map { r -> StageRun in
            var r = r; r.commit = String(r.source.documentIndex % 7); return r
        }
        let (indices, d1) = RunDeduplicator.resolve(runs.map(\.header))
        let (kept, d2) = RunDeduplicator.resolve(runs)
        #expect(d1 == d2 && d1 == 200 - 7)
        #expect(indices.map { runs[$0] } == kept)
    }

    /// Over 4,096 rows, so the table reads most of them back from its file: the result is the
    /// definition's, written out in memory (a left fold in input order per identity, stable
    /// on equal sources; kept runs in identity order).
    @Test("Large tables resolve as the definition does", arguments: [UInt64(5), 6])
    func largeTableMatchesDefinition(seed: UInt64) {
        var rng = LCG(state: seed)
        let paths = ["<stdin>", "a.json", "a/b.json", "b.jsonl", "a-x/c.json"]
        let headers: [RunHeader] = (0..<9_000).map { _ in
            let start: Timestamp? = rng.below(20) == 0 ? nil : Timestamp(milliseconds: Int64(rng.below(400)) * 60_000)
            let line = rng.below(40)
            return RunHeader(
                identity: RunIdentity(
                    vcenter: ["vc-a", "vc-B", "vc-é"][rng.below(3)], clusterID: "c\(rng.below(5))",
                    commit: ["1", "2", "10"][rng.below(3)], start: start),
                lastUpdate: rng.below(3) == 0 ? nil : Timestamp(milliseconds: Int64(rng.below(4))),
                end: rng.below(3) == 0 ? nil : Timestamp(milliseconds: Int64(rng.below(4))),
                isFinished: rng.below(2) == 0,
                source: DocumentSource(path: paths[rng.below(paths.count)], position: .line(line), documentIndex: line))
        }
        let inputOrder = headers.indices.sorted { a, b in
            headers[a].source < headers[b].source || (!(headers[b].source < headers[a].source) && a < b)
        }
        var best: [RunIdentity: Int] = [:]
        var duplicates = 0
        for i in inputOrder {
            guard let j = best[headers[i].identity] else {
                best[headers[i].identity] = i
                continue
            }
            duplicates += 1
            if RunDeduplicator.prefer(headers[i], over: headers[j]) { best[headers[i].identity] = i }
        }
        let expected = best.values.sorted { headers[$0].identity < headers[$1].identity }
        let (kept, dropped) = RunDeduplicator.resolve(headers)
        #expect(dropped == duplicates)
        #expect(kept == expected)
        #expect(duplicates > 1_000, "the fleet has many duplicates")
    }

    /// Same run in three files: the `/rest` copy has the later last_update_time.
    @Test func throughFilesWithInputsDuplicates() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let hosts: (String) -> [String: [String: Any]] = {
            ["host-1": StageDoc.status($0, start: "2026-01-05T00:00:00Z")]
        }
        try dir.write(
            "a.json",
            json: StageDoc.task(
                cluster: "c1", start: "2026-01-05T00:00:00Z", lastUpdate: "2026-01-05T00:10:00Z",
                hosts: hosts("OK")))
        try dir.write(
            "b.json",
            json: [
                "value": StageDoc.task(
                    cluster: "c1", start: "2026-01-05T01:00:00+01:00",
                    lastUpdate: "2026-01-05T00:20:00Z", hosts: hosts("ERROR"),
                    vcenter: "ignored-inside-value"),
                "vcenter": "vc"
            ])
        try dir.write(
            "c.jsonl",
            [
                StageDoc.task(cluster: "c1", start: "2026-01-05T00:00:00Z", hosts: hosts("SKIPPED")),
                StageDoc.task(cluster: "c1", start: "2026-01-06T00:00:00Z", hosts: hosts("OK"))
            ]
            .map { String(decoding: try! JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }.joined(
                separator: "\n"))
        let s = try summarizeFiles([dir.path])
        #expect(s.inputs.documents == 4)
        #expect(s.inputs.duplicates == 2)
        #expect(s.inputs.runs == 2)
        #expect(s.outcomes.failed == 1 && s.outcomes.succeeded == 1 && s.outcomes.skipped == 0)
    }
}
