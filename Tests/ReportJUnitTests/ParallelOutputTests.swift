import Foundation
import ReportJUnit
import StageAggregation
import StageModel
import Testing

/// The chunked, parallel writer writes the same bytes as the serial writer it replaced, for any
/// number of workers and any chunk size.
@Suite struct ParallelOutputTests {
    /// FNV-1a of the `junit.xml` that the serial writer (one libxml2 writer streaming the whole
    /// file, before chunks existed) wrote for `ChunkedFleet`: 6,494,097 bytes, 1,009 suites.
    static let serialDigest = "69e4d8f9cd584378"
    static let serialSize = 6_494_097

    let runs = ChunkedFleet.runs()
    let summary: Summary

    init() { summary = TestSupport.summary(of: runs, gates: ChunkedFleet.gates) }

    /// Chunks of 1 and 7 put boundaries inside clusters and make far more chunks than the window
    /// holds; 128 is the default; 100,000 is one chunk for the whole file.
    @Test(arguments: [1, 2, 3], [1, 7, 128, 100_000])
    func sameBytesAsTheSerialWriter(workers: Int, suitesPerChunk: Int) throws {
        try TestSupport.withTemporaryDirectory { dir in
            let options = JUnitOptions(workers: workers, suitesPerChunk: suitesPerChunk)
            let path = try JUnitRenderer(options: options).write(summary: summary, runs: runs, to: dir)[0]
            let bytes = try #require(FileBytes.read(path))
            #expect(bytes.count == Self.serialSize)
            #expect(ChunkedFleet.digest(bytes) == Self.serialDigest, "workers \(workers), \(suitesPerChunk) suites per chunk")
        }
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
            let path = try JUnitRenderer(options: options).write(summary: TestSupport.summary(of: runs), runs: runs, to: dir)[0]
            #expect(FileBytes.read(path) == Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites/>\n".utf8))
        }
    }

    /// The split layout runs the same writer per cluster file. The digest covers every file's
    /// name (below the output directory) followed by its bytes, in the order written.
    static let serialSplitDigest = "46b10e284f3a3783"

    @Test(arguments: [1, 3])
    func splitLayoutMatchesTheSerialWriter(workers: Int) throws {
        try TestSupport.withTemporaryDirectory { dir in
            let options = JUnitOptions(split: .cluster, workers: workers, suitesPerChunk: 3)
            let paths = try JUnitRenderer(options: options).write(summary: summary, runs: runs, to: dir)
            #expect(paths.count == 51)
            var all: [UInt8] = []
            for path in paths {
                all += Array(path.dropFirst(dir.count).utf8)
                all += try #require(FileBytes.read(path))
            }
            #expect(ChunkedFleet.digest(all) == Self.serialSplitDigest)
        }
    }
}
