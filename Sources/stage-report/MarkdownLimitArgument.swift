import ArgumentParser
import ReportMarkdown

/// `--markdown-limit`: a `MarkdownLimit`, or `none` for no budget at all.
struct MarkdownLimitArgument: ExpressibleByArgument, Sendable {
    var limit: MarkdownLimit?

    init(limit: MarkdownLimit?) { self.limit = limit }

    init?(argument: String) {
        if argument == "none" {
            limit = nil
        } else {
            guard let limit = MarkdownLimit(argument: argument) else { return nil }
            self.limit = limit
        }
    }

    var defaultValueDescription: String {
        switch limit {
        case nil: "none"
        case .prComment: "pr-comment"
        case .checkRun: "check-run"
        case .jobSummary: "job-summary"
        case .bytes(let n): "\(n)"
        }
    }
}
