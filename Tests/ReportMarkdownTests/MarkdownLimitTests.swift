import ReportMarkdown
import Testing

@Suite struct MarkdownLimitTests {
    @Test func parsesArguments() {
        #expect(MarkdownLimit(argument: "pr-comment") == .prComment)
        #expect(MarkdownLimit(argument: "check-run") == .checkRun)
        #expect(MarkdownLimit(argument: "job-summary") == .jobSummary)
        #expect(MarkdownLimit(argument: "4096") == .bytes(4_096))
        #expect(MarkdownLimit(argument: "1") == .bytes(1))
        for bad in [
            "", "0", "-5", "+5", "1e3", "4 096", "4,096", "PR-COMMENT", "pr_comment", "99999999999999999999999", "12kb"
        ] {
            #expect(MarkdownLimit(argument: bad) == nil, "\(bad) should be rejected")
        }
    }

    @Test func boundsFollowGitHub() {
        #expect(MarkdownLimit.prComment.maxCharacters == 65_536)
        #expect(MarkdownLimit.prComment.maxBytes == 262_144)
        #expect(MarkdownLimit.checkRun.maxBytes == 65_535)
        #expect(MarkdownLimit.checkRun.maxCharacters == nil)
        #expect(MarkdownLimit.jobSummary.maxBytes == 1_048_576)
        #expect(MarkdownLimit.jobSummary.maxCharacters == nil)
        #expect(MarkdownLimit.bytes(123).maxBytes == 123)
    }
}
