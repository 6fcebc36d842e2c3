import Foundation
import ReportHTML
import StageAggregation
import StageModel
import StagePipeline
import Testing
import TestHelpers

/// Paths and fixtures shared by the ReportHTML tests. Everything is found relative to this file,
/// so the tests run from any working directory.
enum Fixture {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let templates = Repository.path("Templates")
    static let golden = testsDirectory.appendingPathComponent("Golden")
    static let sharedFleet = Repository.sharedFleet

    /// The summary of the shared fleet, computed once.
    static func sharedSummary() throws -> Summary { try sharedResult.get() }

    private static let sharedResult = Result<Summary, any Error> {
        try ReportPipeline().run([sharedFleet.path], generatedAt: Timestamp(milliseconds: 0)).summary
    }

    static func render(
        _ summary: Summary, topN: Int = 50, hostNights: [HostNightsInput]? = nil,
        templates: TemplateSource = .builtIn
    ) throws -> (page: String, email: String) {
        try HTMLRenderer(options: HTMLOptions(templates: templates, topN: topN)).render(summary, hostNights: hostNights)
    }

    /// Compares `text` with the golden file byte for byte; with RECORD_GOLDEN=1 rewrites it.
    static func assertGolden(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        try GoldenFile.expect(text, equals: golden.appendingPathComponent(name), sourceLocation: sourceLocation)
    }
}

extension String {
    func occurrences(of needle: String) -> Int {
        var count = 0
        var rest = self[...]
        while let r = rest.range(of: needle) {
            count += 1
            rest = rest[r.upperBound...]
        }
        return count
    }

    /// The text between the first `start` and the next `end` after it.
    func between(_ start: String, _ end: String) -> String? {
        guard let a = range(of: start), let b = self[a.upperBound...].range(of: end) else { return nil }
        return String(self[a.upperBound..<b.lowerBound])
    }
}
