import ReportMarkdown
import Testing
import TestHelpers

extension MarkdownLimit {
    /// Whether `md` keeps within both bounds.
    func admits(_ md: String) -> Bool {
        md.utf8.count <= maxBytes && md.unicodeScalars.count <= (maxCharacters ?? .max)
    }
}

/// Expects `md` to render cleanly through cmark-gfm; `href` is the one link allowed. Without
/// cmark-gfm this one check is skipped (the test goes on), or fails under STAGE_REPORT_REQUIRE_TOOLS=1.
func expectValidGFM(
    _ md: String, href: String? = nil, _ context: String = "", sourceLocation: SourceLocation = #_sourceLocation
) throws {
    guard let cmark = ExternalTool.cmarkGFM.pathForCheck(sourceLocation: sourceLocation) else { return }
    let problems = try GFMCheck.problems(in: md, href: href, cmark: cmark)
    #expect(problems.isEmpty, "\(context): \(problems.prefix(10))", sourceLocation: sourceLocation)
}

/// The `href` cmark-gfm writes for the HTML report link of `url`.
func expectedHref(_ url: String) -> String? {
    guard MarkdownOptions.acceptsHTMLURL(url) else { return nil }
    // Percent-encoded by the renderer; cmark-gfm only turns `\&` back into `&`.
    return ReportMarkdownTestHooks.destination(url)?.replacingOccurrences(of: "\\&", with: "&")
}
