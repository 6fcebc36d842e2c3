import Foundation
import ReportHTML
import StageAggregation
import StageModel
import StagePipeline
import Testing

/// Paths and fixtures shared by the ReportHTML tests. Everything is found relative to this file,
/// so the tests run from any working directory.
enum Fixture {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repository = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let templates = repository.appendingPathComponent("Templates")
    static let golden = testsDirectory.appendingPathComponent("Golden")
    static let sharedFleet = repository.appendingPathComponent("Tests/Fixtures/shared-fleet")

    /// The summary of the shared fleet, computed once.
    static func sharedSummary() throws -> Summary { try sharedResult.get() }

    private static let sharedResult = Result<Summary, any Error> {
        try ReportPipeline().run([sharedFleet.path], generatedAt: Timestamp(milliseconds: 0)).summary
    }

    static func render(_ summary: Summary, topN: Int = 50, hostNights: [HostNightsInput]? = nil,
                       templates: TemplateSource = .builtIn) throws -> (page: String, email: String) {
        try HTMLRenderer(options: HTMLOptions(templates: templates, topN: topN)).render(summary, hostNights: hostNights)
    }

    /// A fresh directory under the system temporary directory; removed by the caller.
    static func temporaryDirectory(_ label: String = "reporthtml") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Compares `text` with the golden file byte for byte; with RECORD_GOLDEN=1 rewrites it.
    static func assertGolden(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: golden, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record("missing golden file \(url.path); run with RECORD_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected != text {
            let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let b = text.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            Issue.record("""
                \(name) differs from the golden file at line \(line + 1) (re-record with RECORD_GOLDEN=1):
                golden: \(line < a.count ? String(a[line].prefix(300)) : "<end>")
                actual: \(line < b.count ? String(b[line].prefix(300)) : "<end>")
                """, sourceLocation: sourceLocation)
        }
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
