import TestHelpers
import Foundation
import ReportJUnit
import StageAggregation
import StageModel
import Testing

/// The chunked, parallel writer writes the same bytes whatever the number of workers and the
/// chunk size: each layout is compared byte for byte with one worker writing the whole file as
/// a single chunk (nothing in parallel, no chunk boundary), and that output passes both schemas.
@Suite struct ParallelOutputTests {
    let runs = ChunkedFleet.runs()
    let summary: Summary

    init() { summary = TestSupport.summary(of: runs, gates: ChunkedFleet.gates) }

    /// One worker, one chunk for the whole file.
    static let reference = JUnitOptions(workers: 1, suitesPerChunk: 100_000)

    /// Every file `options` writes, as (path below the output directory, bytes), in the order written.
    func write(_ options: JUnitOptions) throws -> [(path: String, bytes: [UInt8])] {
        try TestSupport.withTemporaryDirectory { dir in
            try JUnitRenderer(options: options).write(summary: summary, runs: runs, to: dir).map { path in
                (String(path.dropFirst(dir.count)), try #require(FileBytes.read(path)))
            }
        }
    }

    @Test func referenceValidates() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = try JUnitRenderer(options: Self.reference).write(summary: summary, runs: runs, to: dir)[0]
            let suites = try JUnitChecks.verify(path).children
            #expect(suites.count == runs.count)
        }
    }

    /// Chunks of 1 and 7 put boundaries inside clusters and make far more chunks than the window
    /// holds; 128 is the default.
    @Test(arguments: [1, 2, 3], [1, 7, 128])
    func sameBytesAsOneWorkerWritingOneChunk(workers: Int, suitesPerChunk: Int) throws {
        let expected = try write(Self.reference)
        let actual = try write(JUnitOptions(workers: workers, suitesPerChunk: suitesPerChunk))
        #expect(actual.map(\.path) == expected.map(\.path))
        #expect(actual.first?.bytes.count == expected.first?.bytes.count)
        #expect(actual.first?.bytes == expected.first?.bytes, "workers \(workers), \(suitesPerChunk) suites per chunk")
    }

    /// The fleet does what the test above needs: several chunks per worker window even at the
    /// default size, and clusters longer than a chunk of 7, so boundaries fall inside them.
    @Test func fleetIsBigEnoughToSplitClusters() {
        var runsPerCluster: [String: Int] = [:]
        for run in runs { runsPerCluster[run.vcenter + "/" + run.clusterID, default: 0] += 1 }
        #expect(runs.count > 2 * 3 * 128, "more chunks than three workers' window at the default size")
        #expect(runsPerCluster.values.filter { $0 > 7 }.count > 10)
        #expect(runs.contains { $0.hosts.isEmpty } && runs.contains { $0.start == nil })
    }

    /// Many small chunks on three workers still make a file that validates and reads back.
    @Test func smallChunksValidate() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let options = JUnitOptions(workers: 3, suitesPerChunk: 5)
            let path = try JUnitRenderer(options: options).write(summary: summary, runs: runs, to: dir)[0]
            let suites = try JUnitChecks.verify(path).children
            #expect(suites.count == runs.count)
            #expect(suites.map { $0["id"] } == (0..<runs.count).map { String($0) })
        }
    }

    /// Through the real pipeline (runs decoded from the spool on the worker threads), one suite
    /// per chunk, against the golden file.
    @Test(arguments: [1, 3])
    func sharedFleetMatchesGolden(workers: Int) throws {
        let output = try TestSupport.sharedFleetOutput()
        try TestSupport.withTemporaryDirectory { dir in
            let options = JUnitOptions(workers: workers, suitesPerChunk: 1)
            let path = try JUnitRenderer(options: options).write(summary: output.summary, runs: output.runs, to: dir)[0]
            let golden = TestSupport.goldenDirectory.appendingPathComponent("shared-fleet.junit.xml").path
            let same = FileBytes.read(path) == FileBytes.read(golden)
            #expect(same, "differs from \(golden)")
        }
    }

    /// No runs: `<testsuites/>`, whatever the worker count.
    @Test(arguments: [1, 3])
    func noRuns(workers: Int) throws {
        try TestSupport.withTemporaryDirectory { dir in
            let runs: [StageRun] = []
            let options = JUnitOptions(workers: workers, suitesPerChunk: 1)
            let path = try JUnitRenderer(options: options).write(
                summary: TestSupport.summary(of: runs), runs: runs, to: dir)[0]
            #expect(FileBytes.read(path) == Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites/>\n".utf8))
        }
    }

    /// The split layout runs the same writer per cluster file: the same files, in the same
    /// order, with the same bytes as one worker writing each file as one chunk; each validates.
    @Test(arguments: [2, 3])
    func splitLayoutSameBytesAsOneWorker(workers: Int) throws {
        let expected = try write(JUnitOptions(split: .cluster, workers: 1, suitesPerChunk: 100_000))
        let actual = try write(JUnitOptions(split: .cluster, workers: workers, suitesPerChunk: 3))
        #expect(expected.count == 51)
        #expect(actual.map(\.path) == expected.map(\.path))
        for (a, e) in zip(actual, expected) { #expect(a.bytes == e.bytes, "\(a.path), workers \(workers)") }
    }

    @Test func splitLayoutValidates() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let options = JUnitOptions(split: .cluster, workers: 1, suitesPerChunk: 100_000)
            for path in try JUnitRenderer(options: options).write(summary: summary, runs: runs, to: dir) {
                try JUnitChecks.verify(path)
            }
        }
    }
}
