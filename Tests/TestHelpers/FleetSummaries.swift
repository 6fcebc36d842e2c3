import Foundation
import StageAggregation
import StageModel
import StagePipeline
import StageSample

/// Summaries of the two fleets the renderers' tests share, read by the real pipeline.
/// `listEveryHost` fills `Summary.hosts`, as the CLI does when CSV is asked for.
public enum FleetSummaries {
    /// `Tests/Fixtures/shared-fleet`, as the CLI computes it.
    public static func shared(listEveryHost: Bool = false) throws -> Summary {
        try pipeline(listEveryHost).run([Repository.sharedFleet.path], generatedAt: Timestamp(milliseconds: 0)).summary
    }

    /// The built-in sample fleet (what `stage-report report` with no input shows, and Reports/
    /// holds), generated into a scratch directory.
    public static func sample(listEveryHost: Bool = false) throws -> Summary {
        try withTemporaryDirectory("sample") { dir in
            _ = try SampleFleetWriter(spec: SampleFleetSpec()).write(to: dir.url)
            return try pipeline(listEveryHost).run([dir.path], generatedAt: Timestamp(milliseconds: 0)).summary
        }
    }

    private static func pipeline(_ listEveryHost: Bool) -> ReportPipeline {
        var pipeline = ReportPipeline()
        pipeline.listsEveryHost = listEveryHost
        return pipeline
    }
}
