import ArgumentParser
import Foundation
import ReportCore
import ReportJUnit

/// Options of the individual renderers, and the one place that calls them.
struct RendererOptions: ParsableArguments {
    @Option(name: .long, help: "JUnit layout: none (DIR/junit.xml) or cluster (DIR/junit/TEST-<cluster>.xml).")
    var junitSplit: String = JUnitSplit.none.rawValue

    func validate() throws {
        guard JUnitSplit(rawValue: junitSplit) != nil else {
            throw ValidationError("--junit-split must be one of \(JUnitSplit.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// Writes one format; returns the paths written.
    func render(_ format: OutputFormat, output: ReportPipeline.Output, to directory: String) throws -> [String] {
        switch format {
        case .json:
            let path = directory + "/" + SummaryJSONRenderer.fileName
            try AtomicFile.write(SummaryJSONRenderer.render(output.summary), to: path)
            return [path]
        case .junit:
            let split = JUnitSplit(rawValue: junitSplit) ?? .none
            let written = try JUnitRenderer(options: JUnitOptions(split: split)).write(summary: output.summary, runs: output.runs, to: directory)
            if split == .cluster { StaleFiles.remove(in: directory + "/" + JUnitRenderer.splitDirectoryName, keeping: written) }
            return written
        case .html, .markdown:
            throw ValidationError("the \(format.rawValue) renderer is not available yet; use --format json,junit")
        }
    }
}

/// CI globs pick up every `TEST-*.xml`: a cluster that disappeared must not keep its old file.
enum StaleFiles {
    static func remove(in directory: String, keeping written: [String]) {
        let keep = Set(written.map { URL(fileURLWithPath: $0).lastPathComponent })
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix("TEST-") && name.hasSuffix(".xml") && !keep.contains(name) {
            try? FileManager.default.removeItem(atPath: directory + "/" + name)
        }
    }
}
