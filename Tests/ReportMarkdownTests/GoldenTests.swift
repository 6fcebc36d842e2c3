import Foundation
import ReportMarkdown
import StageAggregation
import Testing
import TestHelpers

@Suite struct GoldenTests {
    @Test func sharedFleetMatchesGolden() throws {
        let md = MarkdownRenderer().render(try Fixtures.sharedFleetSummary())
        try Fixtures.expectGolden(md, "shared-fleet.md")
        try expectValidGFM(md, "golden shared fleet")
    }

    /// A fleet whose changes are planted (TestHelpers.ChangeFleet), with the change gates: the
    /// "what changed" sections come first.
    @Test func changeFleetMatchesGolden() throws {
        var s = summarize(ChangeFleet.runs, tracksChanges: true)
        s.gates = GateEvaluator.evaluate([.failOnNew, .maxNewFailed(2)], on: s)
        let md = MarkdownRenderer().render(s)
        try Fixtures.expectGolden(md, "change-fleet.md")
        try expectValidGFM(md, "golden change fleet")
    }

    /// The same fleet with gates, the HTML link and a budget that forces cuts: shows the verdict
    /// with gate results, shortened sections, stubs and their "+N more" lines.
    @Test func sharedFleetCutToABudgetMatchesGolden() throws {
        var s = try Fixtures.sharedFleetSummary()
        s.gates = [
            GateResult(name: "fail-under", threshold: "95.0 %", measured: "97.7 %", passed: true),
            GateResult(
                name: "fail-under-cluster", threshold: "95.0 %", measured: "92.9 %", passed: false,
                detail: "domain-c8 (vc01.dc0.example.com) at 92.9 %"),
            GateResult(name: "max-failed", threshold: "0", measured: "1", passed: false)
        ]
        let options = MarkdownOptions(limit: .bytes(2_500), htmlURL: "https://ci.example.com/job/7/report/index.html")
        let md = MarkdownRenderer(options: options).render(s)
        #expect(md.utf8.count <= 2_500)
        try Fixtures.expectGolden(md, "shared-fleet-gates-2500.md")
        try expectValidGFM(md, href: options.htmlURL, "golden shared fleet, gates, 2,500 bytes")
    }
}
