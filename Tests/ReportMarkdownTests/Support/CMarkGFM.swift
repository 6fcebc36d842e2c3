import Foundation
import Testing
import TestHelpers

/// Debian's `cmark-gfm`, the reference GFM renderer, run on every Markdown the tests produce.
enum CMarkGFM {
    /// HTML as GitHub would render it, with raw HTML kept (`--unsafe`) so that our own
    /// `<details>` and anything injected by the data stay visible to the checks. A test that
    /// calls it without cmark-gfm is skipped (or fails under STAGE_REPORT_REQUIRE_TOOLS=1).
    static func html(_ markdown: String) throws -> String {
        try html(markdown, cmark: try ExternalTool.cmarkGFM.require())
    }

    static func html(_ markdown: String, cmark: String) throws -> String {
        let scratch = try TemporaryDirectory("cmark")
        let input = try scratch.write("in.md", markdown)
        let result = try ProcessRunner.run(
            executable: cmark,
            [
                "-e", "table", "-e", "strikethrough", "-e", "autolink",
                "-e", "tagfilter", "--unsafe", input
            ], timeout: 120)
        guard result.exitCode == 0 else { throw CMarkError(status: result.exitCode, stderr: result.stderr) }
        return result.stdout
    }

    struct CMarkError: Error { var status: Int32; var stderr: String }
}
