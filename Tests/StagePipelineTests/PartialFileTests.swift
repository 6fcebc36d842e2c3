import Foundation
import StageIngest
import StageModel
import StagePipeline
import StageSample
import TestHelpers
import Testing

/// A partial file carries everything the summary needs: summarising what was read, or the
/// same read written to a partial file and read back, gives the same summary and runs.
@Suite struct PartialFileTests {
    private func withFleet(_ body: (_ directory: String, _ fleet: String) throws -> Void) throws {
        let scratch = try TemporaryDirectory("partial-file")
        let directory = scratch.path
        let fleet = directory + "/fleet"
        let spec = SampleFleetSpec(vcenters: 2, clustersPerVCenter: 3, hostsPerCluster: 4, nights: 6, seed: 11)
        try SampleFleetWriter(spec: spec).write(to: URL(fileURLWithPath: fleet))
        try body(directory, fleet)
    }

    @Test("summarising a partial file gives what summarising the read gives")
    func roundTrip() throws {
        try withFleet { directory, fleet in
            let pipeline = ReportPipeline(ingest: IngestOptions(workers: 2))
            let generatedAt = Timestamp(milliseconds: 1_764_396_000_000)
            let read = try pipeline.read([fleet])
            let direct = try pipeline.summarize(read, generatedAt: generatedAt)
            let partial = directory + "/fleet.partial"
            try PartialFile.write(read, to: partial)
            let merged = try pipeline.summarize(PartialFile.read([partial]), generatedAt: generatedAt)
            #expect(direct.summary.totals.runs > 0)
            #expect(merged.summary == direct.summary)
            #expect(Array(merged.runs) == Array(direct.runs))
        }
    }

    @Test("a file that is not a partial file is refused with its path")
    func refusesOtherFiles() throws {
        try withFleet { directory, _ in
            let path = directory + "/not-partial"
            try Data("{}".utf8).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: PipelineError.self) { try PartialFile.read([path]) }
            #expect(error?.reason.contains(path) == true, "\(String(describing: error))")
        }
    }
}
