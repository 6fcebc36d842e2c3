import Foundation
import StageAggregation
import StageModel
import StagePipeline
import Testing

enum Fixtures {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let goldenDirectory = testsDirectory.appendingPathComponent("Golden")
    static let sharedFleet = testsDirectory.deletingLastPathComponent().appendingPathComponent("Fixtures/shared-fleet").path

    /// The shared fleet's summary, as the CLI computes it.
    static func sharedFleetSummary() throws -> Summary {
        try ReportPipeline().run([sharedFleet], generatedAt: Timestamp(milliseconds: 0)).summary
    }

    /// Byte-compares `actual` with `Golden/name`; with RECORD_GOLDEN=1 rewrites the file instead.
    static func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: goldenDirectory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let expected = FileManager.default.contents(atPath: url.path) else {
            Issue.record("missing golden \(name); run with RECORD_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        #expect(Array(actual.utf8) == [UInt8](expected), "differs from Golden/\(name); re-record with RECORD_GOLDEN=1 if intended",
                sourceLocation: sourceLocation)
    }
}

extension String {
    var scalarCount: Int { unicodeScalars.count }
}
