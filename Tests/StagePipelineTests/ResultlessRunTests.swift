import StageModel
import StagePipeline
import Testing
import TestHelpers

/// Duplicate resolution for tasks saved without a result (report-semantics §1): such a task is
/// the same run as a document of its vCenter, cluster and start that has a result, which is
/// kept; otherwise its identity is (vCenter, cluster, start).
@Suite("Duplicates: tasks without a result")
struct ResultlessRunTests {
    private func run(
        _ commit: String?, start: Int64? = 1_000, cluster: String = "c1", task: String = "SUCCEEDED", order: Int
    ) -> StageRun {
        StageRun(
            source: DocumentSource(path: "in.json", position: .index(order), documentIndex: order), vcenter: "vc",
            clusterID: cluster, commit: commit, taskStatus: task, start: start.map(Timestamp.init(milliseconds:)))
    }

    @Test("The document with a result is kept, before or after the one without in input order")
    func resultWins() {
        for runs in [
            [run(nil, task: "RUNNING", order: 0), run("7", order: 1)],
            [run("7", order: 0), run(nil, task: "FAILED", order: 1)]
        ] {
            let (kept, duplicates) = RunDeduplicator.resolve(runs)
            #expect(kept.map(\.commit) == ["7"])
            #expect(duplicates == 1)
        }
    }

    @Test("Several tasks without a result of one place are one run; the usual rule picks it")
    func amongThemselves() {
        var later = run(nil, task: "FAILED", order: 1)
        later.lastUpdate = Timestamp(milliseconds: 9_000)
        var earlier = run(nil, task: "RUNNING", order: 0)
        earlier.lastUpdate = Timestamp(milliseconds: 2_000)
        let (kept, duplicates) = RunDeduplicator.resolve([earlier, later])
        #expect(kept.count == 1 && duplicates == 1)
        #expect(kept.first?.taskStatus == "FAILED")
    }

    @Test("Another start or another cluster is another run")
    func otherPlaces() {
        let runs = [
            run(nil, order: 0), run("7", start: 2_000, order: 1), run("7", cluster: "c2", order: 2),
            run(nil, start: nil, order: 3)
        ]
        let (kept, duplicates) = RunDeduplicator.resolve(runs)
        #expect(duplicates == 0)
        #expect(kept.count == 4)
        #expect(kept.last?.start == nil, "a run without a start is ordered last")
        #expect(kept.first?.commit == nil, "without a commit first among runs of one start")
    }
}
