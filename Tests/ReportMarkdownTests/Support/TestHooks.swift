@testable import ReportMarkdown

/// Internal pieces the tests look at.
enum ReportMarkdownTestHooks {
    static func destination(_ url: String) -> String? { MarkdownEscaper.linkDestination(url) }
}
