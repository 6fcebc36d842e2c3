import Foundation
import ReportCSV
import ReportText
import StageAggregation
import StageModel
import StagePipeline
import StageSample
import Testing
import TestHelpers

enum Fixtures {
    static let testsDirectory = Repository.path("Tests/ReportCSVTests")
    static let reader = testsDirectory.appendingPathComponent("read_csv.py").path

    static func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        try GoldenFile.expect(
            actual, equals: testsDirectory.appendingPathComponent("Golden/" + name), sourceLocation: sourceLocation)
    }

    /// What a data cell must read as once a CSV reader has unquoted it, written apart from the
    /// renderer: the cleaned text, with a single quote in front when a spreadsheet would take
    /// it for a formula (OWASP).
    static func cell(_ raw: String?) -> String {
        guard let raw else { return "" }
        let clean = TextSanitizer.clean(raw)
        guard let first = clean.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return clean }
        return "'" + clean
    }

    /// The union of the summary's three host lists, as (vCenter, cluster, host) keys.
    static func hostsNeedingAttention(_ s: Summary) -> Set<HostKey> {
        Set(s.failingHosts.map(\.key) + s.flakyHosts.map(\.key) + s.hostNights.map(\.key))
    }
}

/// A CSV file read back: its header and its rows as dictionaries by column name.
struct ReadTable {
    var header: [String]
    var rows: [[String]]

    init(_ all: [[String]]) {
        header = all.first ?? []
        rows = Array(all.dropFirst())
    }

    func column(_ name: String) -> [String] {
        guard let i = header.firstIndex(of: name) else { return [] }
        return rows.map { $0[i] }
    }

    func sum(_ name: String) -> Int { column(name).reduce(0) { $0 + (Int($1) ?? -1_000_000) } }

    /// Every row as a dictionary by column name.
    var records: [[String: String]] { rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) } }

    /// The only row whose cells in the given columns are the given ones.
    func row(_ match: [String: String]) -> [String: String]? {
        let found = records.filter { r in match.allSatisfy { r[$0.key] == $0.value } }
        return found.count == 1 ? found[0] : nil
    }
}
