import ArgumentParser
import Foundation
import ReportCSV
import ReportCTRF
import ReportChat
import ReportHTML
import ReportJSON
import ReportJUnit
import ReportMarkdown
import ReportPrometheus
import StagePipeline

/// Options of the individual renderers, and the one place that calls them.
struct RendererOptions: ParsableArguments {
    @Option(name: .long, help: "JUnit layout: none (DIR/junit.xml) or cluster (DIR/junit/TEST-<cluster>.xml).")
    var junitSplit: JUnitSplit = .none

    @Option(
        name: .long,
        help: "Mustache templates that replace the built-in ones of the same name (see Templates/README.md).")
    var templates: String?

    @Option(name: .long, help: "Rows per list in the HTML report; the rest are counted and left to summary.json.")
    var top: Int = HTMLOptions().topN

    @Option(name: .long, help: "Markdown size budget: pr-comment, check-run, job-summary, a number of bytes, or none.")
    var markdownLimit = MarkdownLimitArgument(limit: .jobSummary)

    @Option(
        name: .long,
        help: "Link the Markdown, Slack and Teams outputs to the HTML report at this http(s) URL or relative path.")
    var htmlURL: String?

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1") }
        if case .bytes(let n)? = markdownLimit.limit, n < MarkdownRenderer.minimumBudget {
            throw ValidationError(
                "--markdown-limit \(n) is too small to hold the verdict and the key figures; "
                    + "the smallest limit that works is \(MarkdownRenderer.minimumBudget)")
        }
        if let htmlURL, !MarkdownOptions.acceptsHTMLURL(htmlURL) {
            throw ValidationError(
                "--html-url must be an http(s) URL or a relative path without spaces or control characters")
        }
    }

    /// Writes one format; returns the paths written. `workers` threads render JUnit.
    func render(_ format: OutputFormat, output: ReportPipeline.Output, to directory: String, workers: Int) throws
        -> [String]
    {
        switch format {
        case .json:
            return [try SummaryJSONRenderer.write(output.summary, to: directory)]
        case .junit:
            return try JUnitRenderer(
                options: JUnitOptions(split: junitSplit, workers: workers), waivers: output.waivers
            ).write(
                summary: output.summary, runs: output.junitRuns ?? output.runs, to: directory)
        case .markdown:
            let options = MarkdownOptions(limit: markdownLimit.limit, htmlURL: htmlURL)
            return [try MarkdownRenderer(options: options).write(summary: output.summary, to: directory)]
        case .csv:
            return try CSVRenderer().write(summary: output.summary, to: directory)
        case .prometheus:
            return [try PrometheusRenderer().write(summary: output.summary, to: directory)]
        case .ctrf:
            let renderer = CTRFRenderer(waivers: output.waivers)
            return [try renderer.write(summary: output.summary, runs: output.runs, to: directory)]
        case .slack, .teams:
            let platform: ChatRenderer.Platform = format == .slack ? .slack : .teams
            return [
                try ChatRenderer(options: ChatOptions(htmlURL: htmlURL)).write(
                    summary: output.summary, for: platform, to: directory)
            ]
        case .html:
            let options = HTMLOptions(templates: templates.map { .directory($0) } ?? .builtIn, topN: top)
            do {
                return try HTMLRenderer(options: options).write(summary: output.summary, to: directory)
            } catch {
                throw CLIError("\(error)")
            }
        }
    }
}

extension RendererOptions {
    /// After the new outputs are in place: split JUnit files of clusters that are gone.
    func removeStaleFiles(in directory: String, keeping written: [String]) {
        guard junitSplit == .cluster else { return }
        StaleFiles.remove(in: directory + "/" + JUnitRenderer.splitDirectoryName, keeping: written)
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
