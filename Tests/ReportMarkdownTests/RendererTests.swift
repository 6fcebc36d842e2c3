import Foundation
import ReportMarkdown
import StageAggregation
import StageModel
import Testing
import TestHelpers

@Suite struct RendererTests {
    static let url = "https://ci.example.com/job/42/artifact/report/index.html?run=1&x=(y)"

    @Test
    func sharedFleetIsValidGFM() throws {
        try ExternalTool.cmarkGFM.require()
        let summary = try Fixtures.sharedFleetSummary()
        try expectValidGFM(MarkdownRenderer().render(summary), "shared fleet")
        let linked = MarkdownRenderer(options: MarkdownOptions(htmlURL: Self.url)).render(summary)
        try expectValidGFM(linked, href: expectedHref(Self.url), "shared fleet with link")
    }

    @Test
    func hostileDataCannotBreakTheMarkdown() throws {
        let summary = TestSummaries.hostileSummary()
        for url in [nil, Self.url, "reports/<b>|x.html"] {
            let md = MarkdownRenderer(options: MarkdownOptions(htmlURL: url)).render(summary)
            try expectValidGFM(md, href: url.flatMap(expectedHref), "hostile, url \(url ?? "none")")
            // Every section is there, so the hostile strings were really rendered.
            for title in [
                "Quality gates", "Key figures", "Clusters that need attention", "Top failure reasons", "Skip reasons",
                "Durations", "Nightly trend", "Failing hosts", "Flaky hosts", "Data quality"
            ] {
                #expect(md.contains("\n### \(title)\n"), "missing section \(title)")
            }
        }
    }

    @Test func unsafeURLsAreLeftOut() throws {
        let summary = TestSummaries.hostileSummary()
        for url in [
            "javascript:alert(1)", "//evil.example", "data:text/html,<script>", "java\nscript:x",
            "https://x.example/\n# h"
        ] {
            let md = MarkdownRenderer(options: MarkdownOptions(htmlURL: url)).render(summary)
            #expect(!md.contains("HTML report]("))
            #expect(!md.contains("see the HTML report"))
            try expectValidGFM(md, "url \(url.debugDescription)")
        }
    }

    @Test func verdictLineComesFirst() throws {
        var s = TestSummaries.hostileSummary()
        try expectValidGFM(MarkdownRenderer().render(s), "hostile with gates")
        #expect(MarkdownRenderer().render(s).hasPrefix("## ❌ Nightly \\<b\\>stage\\</b\\> \\| report \\# "))
        #expect(
            MarkdownRenderer().render(s).split(separator: "\n")[0].contains(
                "FAILED · 2 of 3 quality gates failed (fail-under, \\| pipe"))
        s.gates = s.gates.map {
            var g = $0; g.passed = true; return g
        }
        try expectValidGFM(MarkdownRenderer().render(s), "hostile, gates passed")
        #expect(
            MarkdownRenderer().render(s).split(separator: "\n")[0].contains(
                ": passed · all 3 quality gates passed · success rate "))
        s.gates = []
        #expect(
            MarkdownRenderer().render(s).split(separator: "\n")[0].contains(": no quality gates set · success rate "))
        #expect(!MarkdownRenderer().render(s).contains("### Quality gates"))
        try expectValidGFM(MarkdownRenderer().render(s), "hostile without gates")
    }

    @Test func emptyInputStillRenders() throws {
        let empty = SummaryBuilder().summary(
            title: "", generatedAt: Timestamp(milliseconds: 0), inputs: InputCounts(), rejected: [])
        let md = MarkdownRenderer().render(empty)
        #expect(md.hasPrefix("## Stage report: no quality gates set · success rate n/a\n"))
        #expect(md.contains("No stage runs were found in the inputs."))
        try expectValidGFM(md, "empty")
        for limit in [MarkdownLimit.bytes(1), .bytes(30), .bytes(100), .checkRun] {
            let cut = MarkdownRenderer(options: MarkdownOptions(limit: limit)).render(empty)
            #expect(limit.admits(cut))
            try expectValidGFM(cut, "empty at \(limit)")
        }
    }

    @Test func isDeterministic() {
        let r = MarkdownRenderer(options: MarkdownOptions(limit: .checkRun, htmlURL: Self.url))
        let s = TestSummaries.hostileSummary()
        #expect(r.render(s) == r.render(TestSummaries.hostileSummary()))
    }

    @Test func writesReportFileAtomically() throws {
        let scratch = try TemporaryDirectory("md-write")
        let dir = scratch.url
        let r = MarkdownRenderer(options: MarkdownOptions(limit: .prComment))
        let s = try Fixtures.sharedFleetSummary()
        let path = try r.write(summary: s, to: dir.path)
        #expect(path == dir.path + "/report.md")
        #expect(FileManager.default.contents(atPath: path) == Data(r.render(s).utf8))
        #expect(try r.write(summary: s, to: dir.path + "/") == path)
        #expect(throws: (any Error).self) { try r.write(summary: s, to: dir.path + "/missing/dir") }
    }
}
