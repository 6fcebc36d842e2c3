import Foundation
import ReportPrometheus
import ReportText
import StageAggregation
import StageModel
import StagePipeline
import StageSample
import Testing
import TestHelpers

enum Fixtures {
    static let testsDirectory = Repository.path("Tests/ReportPrometheusTests")
    static let reader = testsDirectory.appendingPathComponent("read_prom.py").path

    static func summaries() throws -> [(String, Summary)] {
        [
            ("shared fleet", try FleetSummaries.shared()), ("sample fleet", try FleetSummaries.sample()),
            ("hostile fleet", HostileFleet.injectionSummary()), ("waiver fleet", try WaiverFleet.output().summary),
            ("change fleet", summarize(ChangeFleet.runs, tracksChanges: true))
        ]
    }

    static func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        try GoldenFile.expect(
            actual, equals: testsDirectory.appendingPathComponent("Golden/" + name), sourceLocation: sourceLocation)
    }

    /// What a label value must read as once a parser has unescaped it, written apart from the
    /// renderer: the cleaned text, CRLF and CR read as line feeds.
    static func label(_ raw: String) -> String {
        TextSanitizer.clean(raw).replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}

/// One family as the Python client's parser read it.
struct ParsedFamily: Decodable {
    struct Sample: Decodable {
        var name: String
        var labels: [String: String]
        var value: Double
        var timestamp: Double?
    }
    var name: String
    var type: String
    var help: String
    var samples: [Sample]
}

/// `read_prom.py`: the official client's parser.
enum PythonParser {
    static func parse(_ path: String) throws -> [String: ParsedFamily] {
        let result = try ProcessRunner.run(executable: "python3", [Fixtures.reader, path], timeout: 120)
        guard result.exitCode == 0 else { throw ParseError(message: "read_prom.py: \(result)") }
        let families = try JSONDecoder().decode([ParsedFamily].self, from: Data(result.stdout.utf8))
        return Dictionary(families.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }
}

struct ParseError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
