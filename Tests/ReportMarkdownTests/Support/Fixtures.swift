import Foundation
import StageAggregation
import StageModel
import StagePipeline
import Testing
import TestHelpers

enum Fixtures {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let goldenDirectory = testsDirectory.appendingPathComponent("Golden")
    static let sharedFleet = Repository.sharedFleet.path

    /// The shared fleet's summary, as the CLI computes it.
    static func sharedFleetSummary() throws -> Summary {
        try ReportPipeline().run([sharedFleet], generatedAt: Timestamp(milliseconds: 0)).summary
    }

    /// Byte-compares `actual` with `Golden/name`; with RECORD_GOLDEN=1 rewrites the file instead.
    static func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        try GoldenFile.expect(
            actual, equals: goldenDirectory.appendingPathComponent(name), sourceLocation: sourceLocation)
    }
}

extension String {
    var scalarCount: Int { unicodeScalars.count }
}
