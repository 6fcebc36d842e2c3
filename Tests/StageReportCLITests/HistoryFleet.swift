import Foundation
import Testing
import TestHelpers

/// A sample fleet (`stage-report sample`, file layout: `<vcenter>/<cluster>/<date>[.suffix].json`)
/// fed to the history one night at a time, and the comparison of reports that must agree apart
/// from what describes an invocation's inputs.
struct HistoryFleet {
    static let now = ["--now", "2027-01-01T06:00:00Z"]

    let root: TemporaryDirectory
    let fleet: URL
    let files: [String]

    /// Writes the fleet with `stage-report sample`; the file layout mixes all three wire forms
    /// (/api task infos, /rest task infos and bare results), duplicate polls and running tasks.
    init(nights: Int, vcenters: Int = 2, clusters: Int = 3, hosts: Int = 8, seed: Int = 18) throws {
        root = try TemporaryDirectory("history-fleet")
        fleet = root.at("fleet")
        let r = try CLIRunner.run([
            "sample", "--out", fleet.path, "--nights", "\(nights)", "--vcenters", "\(vcenters)",
            "--clusters", "\(clusters)", "--hosts", "\(hosts)", "--seed", "\(seed)"
        ])
        guard r.exitCode == 0 else { throw RunnerError("sample failed: \(r)") }
        let fleet = self.fleet
        files = TemporaryDirectory.files(under: fleet).map { fleet.appendingPathComponent($0).path }
    }

    /// The night dates, in order.
    var dates: [String] {
        Array(Set(files.map { URL(fileURLWithPath: $0).lastPathComponent.prefix(10) }).map(String.init)).sorted()
    }

    /// The files of one night, by the date their names start with.
    func files(of date: String) -> [String] {
        files.filter { URL(fileURLWithPath: $0).lastPathComponent.hasPrefix(date) }
    }

    func out(_ name: String) -> URL { root.at(name) }

    /// `report ARGS --out DIR` with the fixed time; fails the test unless it exits 0.
    @discardableResult
    func report(_ arguments: [String], out: String, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> ProcessRunner.Result
    {
        let r = try CLIRunner.run(["report"] + arguments + ["--out", root.at(out).path] + Self.now)
        #expect(r.exitCode == 0, "\(r)", sourceLocation: sourceLocation)
        return r
    }

    /// The history's runs, counted by `sqlite3`.
    func storedRuns(_ history: String) throws -> Int {
        let r = try ProcessRunner.run(
            executable: try ExternalTool.sqlite3.require(), [history, "SELECT count(*) FROM runs"])
        return Int(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Every output file of two report directories is equal byte for byte, except for the parts
    /// that describe an invocation's inputs (`HistoryFleet.withoutInputs`).
    static func expectSameReports(
        _ a: URL, _ b: URL, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let names = TemporaryDirectory.files(under: a)
        #expect(names == TemporaryDirectory.files(under: b), sourceLocation: sourceLocation)
        #expect(names.contains("summary.json") && names.contains("junit.xml"), sourceLocation: sourceLocation)
        for name in names {
            let x = try Data(contentsOf: a.appendingPathComponent(name))
            let y = try Data(contentsOf: b.appendingPathComponent(name))
            let (cx, cy) = (withoutInputs(x, file: name), withoutInputs(y, file: name))
            #expect(cx == cy, "\(name) differs beyond the inputs", sourceLocation: sourceLocation)
        }
    }

    /// The file with what describes this invocation's inputs taken out: in summary.json the
    /// `inputs` member's counts but `runs` (`files`, `documents`, `duplicates`, `rejected`,
    /// `without_result`, `other_operations`, `bytes`) and the `rejected` list; in report.html
    /// the figures `inputs.*` but `inputs.runs`; in report.md the `**Inputs:**` line. Every other
    /// file (junit.xml, the e-mail page) is compared whole.
    static func withoutInputs(_ bytes: Data, file: String) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        let invocation = [
            "files", "documents", "duplicates", "rejected", "without_result", "other_operations", "bytes"
        ]
        switch file {
        case "summary.json":
            // The writer puts one member per line; the rejected list is empty for these fleets.
            return text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
                !invocation.contains { line.hasPrefix("    \"\($0)\": ") }
            }.joined(separator: "\n")
        case "report.html":
            return text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
                !invocation.contains { line.contains("data-figure=\"inputs.\($0)\"") }
            }.joined(separator: "\n")
        case "report.md":
            return text.split(separator: "\n", omittingEmptySubsequences: false).filter {
                !$0.hasPrefix("- **Inputs:**")
            }.joined(separator: "\n")
        default:
            return text
        }
    }
}
