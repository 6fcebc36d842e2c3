import Foundation
import StageModel
import StagePipeline
import Waivers

/// `Tests/Fixtures/waiver-fleet` with `Tests/Fixtures/waivers/waivers.yaml`, through the real
/// pipeline, as the CLI reads them with `--waivers`: what every renderer's waiver tests share.
/// At the default `now` (2026-12-07, the waiver file's own date) waiver 4 has expired, so the
/// fleet's hostless failed run is an expired match; on 2026-11-20 that waiver still waives it.
public enum WaiverFleet {
    public static let fleet = Repository.path("Tests/Fixtures/waiver-fleet")
    public static let waiverFile = Repository.path("Tests/Fixtures/waivers/waivers.yaml")

    public static func output(now: String = "2026-12-07T12:00:00Z", listEveryHost: Bool = false) throws
        -> ReportPipeline.Output
    {
        var pipeline = ReportPipeline()
        pipeline.waivers = try WaiverSet.load(path: waiverFile.path)
        pipeline.listsEveryHost = listEveryHost
        guard let generatedAt = Timestamp(iso8601: now) else { throw WaiverFleetError(now: now) }
        return try pipeline.run([fleet.path], generatedAt: generatedAt)
    }

    struct WaiverFleetError: Error, CustomStringConvertible {
        var now: String
        var description: String { "not an ISO 8601 time: \(now)" }
    }
}
