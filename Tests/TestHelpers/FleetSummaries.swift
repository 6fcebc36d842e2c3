import Foundation
import StageAggregation
import StageModel
import StagePipeline
import StageSample

/// Summaries of the two fleets the renderers' tests share, read by the real pipeline.
public enum FleetSummaries {
    /// `Tests/Fixtures/shared-fleet`, as the CLI computes it.
    public static func shared() throws -> Summary {
        try ReportPipeline().run([Repository.sharedFleet.path], generatedAt: Timestamp(milliseconds: 0)).summary
    }

    /// The built-in sample fleet (what `stage-report report` with no input shows, and Reports/
    /// holds), generated into a scratch directory.
    public static func sample() throws -> Summary {
        try withTemporaryDirectory("sample") { dir in
            _ = try SampleFleetWriter(spec: SampleFleetSpec()).write(to: dir.url)
            return try ReportPipeline().run([dir.path], generatedAt: Timestamp(milliseconds: 0)).summary
        }
    }
}
