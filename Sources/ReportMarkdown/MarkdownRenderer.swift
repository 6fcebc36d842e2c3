import Files
import StageAggregation

/// Renders the summary as GitHub-flavoured Markdown for PR comments, check runs and job
/// summaries, fitted to `options.limit` (see `MarkdownDocument` for how it is cut).
public struct MarkdownRenderer: Sendable {
    public static let fileName = "report.md"

    /// The smallest budget, in bytes and characters, at which the report keeps its full
    /// verdict line, the HTML link and every section at least as a "+N more" stub. Below it
    /// the output still fits and stays valid, but the stubs, the link and then the verdict's
    /// words are dropped. The worst case (80-scalar title and three 30-scalar gate names of
    /// 4-byte characters, a 2,000-byte link, ten stubs of up to 60,000 rows) measures 3,976 bytes.
    public static let minimumBudget = 4_096

    public var options: MarkdownOptions

    public init(options: MarkdownOptions = MarkdownOptions()) {
        self.options = options
    }

    public func render(_ summary: Summary) -> String {
        let budget = Budget(options.limit)
        return MarkdownReport(summary: summary, options: options, budget: budget).document.render(within: budget)
    }

    /// Writes DIR/report.md atomically; returns the path.
    public func write(summary: Summary, to directory: String) throws -> String {
        let path =
            directory.hasSuffix("/")
            ? directory + MarkdownRenderer.fileName : directory + "/" + MarkdownRenderer.fileName
        try AtomicFile.write(render(summary).utf8, to: path)
        return path
    }
}
