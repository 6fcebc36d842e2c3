import Foundation
import StageModel
import StageSample

/// The sample fleet `report` uses when given no input: generated into a temporary directory,
/// shown as `sample-fleet/…`, and reported as of the morning after its last night, so that
/// the committed Reports/ are reproducible byte for byte.
enum BuiltInSample {
    static let displayName = "sample-fleet"
    static let spec = SampleFleetSpec()

    static func generate() throws -> (directory: URL, reportTime: Timestamp) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "stage-report-sample-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        do {
            _ = try SampleFleetWriter(spec: spec).write(to: dir)
        } catch {
            try? FileManager.default.removeItem(at: dir)
            throw error
        }
        let first = Timestamp(iso8601: spec.firstNight + "T00:00:00Z") ?? Timestamp(milliseconds: 0)
        let morningAfter = Timestamp(milliseconds: first.milliseconds + Int64(spec.nights) * 86_400_000 + 6 * 3_600_000)
        return (dir, morningAfter)
    }
}
