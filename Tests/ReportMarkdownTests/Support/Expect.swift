import ReportMarkdown
import Testing

extension MarkdownLimit {
    /// Whether `md` keeps within both bounds.
    func admits(_ md: String) -> Bool {
        md.utf8.count <= maxBytes && md.unicodeScalars.count <= (maxCharacters ?? .max)
    }
}

/// Expects `md` to render cleanly through cmark-gfm (when installed); `href` is the one link allowed.
func expectValidGFM(_ md: String, href: String? = nil, _ context: String = "", sourceLocation: SourceLocation = #_sourceLocation) throws {
    guard CMarkGFM.isAvailable else {
        _ = missingWarning
        return
    }
    let problems = try GFMCheck.problems(in: md, href: href)
    #expect(problems.isEmpty, "\(context): \(problems.prefix(10))", sourceLocation: sourceLocation)
}

/// One warning per run (in the first test that wanted cmark-gfm), not one per output.
private let missingWarning: Void = { Issue.record(CMarkGFM.missing, severity: .warning) }()

/// The `href` cmark-gfm writes for the HTML report link of `url`.
func expectedHref(_ url: String) -> String? {
    guard MarkdownOptions.acceptsHTMLURL(url) else { return nil }
    // Percent-encoded by the renderer; cmark-gfm only turns `\&` back into `&`.
    return ReportMarkdownTestHooks.destination(url)?.replacingOccurrences(of: "\\&", with: "&")
}
