import Foundation
import ReportJUnit
import StageAggregation
import StageIngest
import StageModel
import StagePipeline
import StageSample
import TestHelpers
import Testing

/// The pipeline keeps what it knows of each run in temporary files (the run table's pages, the
/// kept runs in canonical and in JUnit order), placed a window of 32,768 entries at a time.
/// With more runs than that, the summary and the JUnit file must be what the same runs give
/// when held in memory.
@Suite struct StoredRunsTests {
    /// 2 vCenters × 24 clusters × 750 nights of one-host clusters, as JSON Lines: about 36,000
    /// documents, some of them duplicates.
    static let spec = SampleFleetSpec(
        vcenters: 2, clustersPerVCenter: 24, hostsPerCluster: 1, nights: 750,
        seed: 7, layout: .jsonLines)

    @Test func manyRunsGiveWhatTheyGiveInMemory() throws {
        try withTemporaryDirectory("stored-runs") { scratch in
            let dir = scratch.path
            let fleet = URL(fileURLWithPath: dir).appendingPathComponent("fleet")
            _ = try SampleFleetWriter(spec: Self.spec).write(to: fleet)
            var pipeline = ReportPipeline(ingest: IngestOptions(workers: 2, chunkBytes: 1 << 20))
            // HostileFleet.summary tracks what changed: two workers' builders must give its changes too.
            pipeline.tracksChanges = true
            let read = try pipeline.read([fleet.path])
            let output = try pipeline.summarize(read, generatedAt: Timestamp(milliseconds: 0))
            let (kept, duplicates) = RunDeduplicator.resolve(try read.loadRuns())
            #expect(
                kept.count > 32_768 && read.runs.count > kept.count, "more kept runs than one window, and duplicates")
            #expect(output.summary.inputs.duplicates == duplicates)
            #expect(output.runs.count == kept.count)
            for i in [0, 1, 4_095, 4_096, 32_767, 32_768, kept.count - 1] {
                #expect(output.runs[i] == kept[i], "run \(i)")
            }

            var expected = HostileFleet.summary(of: kept)
            expected.title = output.summary.title
            expected.inputs = output.summary.inputs
            #expect(output.summary == expected)

            let stored = try JUnitRenderer().write(
                summary: output.summary, runs: output.runs,
                to: dir + "/stored")[0]
            let inMemory = try JUnitRenderer().write(summary: output.summary, runs: kept, to: dir + "/memory")[0]
            let same = FileManager.default.contents(atPath: stored) == FileManager.default.contents(atPath: inMemory)
            #expect(same, "JUnit from the stored runs differs from JUnit from the same runs in memory")
        }
    }
}
