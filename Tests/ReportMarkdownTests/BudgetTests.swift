import Foundation
@testable import ReportMarkdown
import StageAggregation
import StageModel
import Testing

@Suite struct BudgetTests {
    static let url = "https://ci.example.com/job/42/artifact/report/index.html"
    static let titles = [
        "Quality gates", "Key figures", "Clusters that need attention", "Top failure reasons", "Skip reasons",
        "Durations", "Nightly trend", "Failing hosts", "Flaky hosts", "Data quality"
    ]

    /// Each GitHub target holds on a fleet of 1M host outcomes, stays valid, and says what it cut.
    @Test(arguments: [MarkdownLimit.prComment, .checkRun, .jobSummary, .bytes(20_000), .bytes(4_096)], [nil, url])
    func fleetFitsEveryTarget(_ limit: MarkdownLimit, _ url: String?) throws {
        let md = MarkdownRenderer(options: MarkdownOptions(limit: limit, htmlURL: url)).render(TestSummaries.fleet)
        let bytes = md.utf8.count, chars = md.unicodeScalars.count
        #expect(limit.admits(md), "\(limit): \(bytes) bytes, \(chars) characters")
        // The budget is used, not wasted: within a few rows of the bound that binds.
        let used = max(Double(bytes) / Double(limit.maxBytes), Double(chars) / Double(limit.maxCharacters ?? .max))
        // At 4,096 bytes (the smallest budget) the verdict and key figures take most of it, and a
        // section that does not fit whole leaves a few rows' room: 90 % there, 95 % elsewhere.
        #expect(used > (limit == .bytes(4_096) ? 0.9 : 0.95), "\(limit) used only \(used)")
        #expect(md.hasPrefix("## ❌ Nightly \\<b\\>stage\\</b\\> \\| report \\# "))
        #expect(md.contains(" more (\(url == nil ? "see summary.json" : "see the HTML report"))\n"))
        #expect(url == nil || md.contains("[Full HTML report](\(url!))\n"))
        // Every section shows, at least as a "+N more" stub.
        for title in Self.titles { #expect(md.contains("### \(title)\n") || md.contains("**\(title):** ")) }
        try expectValidGFM(md, href: url, "fleet at \(limit)")
        print(
            "fleet at \(limit) url=\(url != nil): \(bytes) bytes, \(chars) characters, "
                + "\(md.split(separator: "\n").count) lines"
        )
    }

    /// Sections are cut from the lowest priority up: first shortened to their preview, then shed.
    @Test(arguments: [MarkdownLimit.prComment, .checkRun, .jobSummary, .bytes(20_000), .bytes(6_000)])
    func cutsFromTheLowestPriorityUp(_ limit: MarkdownLimit) throws {
        let budget = Budget(limit)
        let doc = MarkdownReport(summary: TestSummaries.fleet, options: MarkdownOptions(limit: limit), budget: budget)
            .document
        let plan = try #require(doc.fit(budget))
        #expect(plan.sectionsShown)
        let previews = doc.sections.map { min($0.preview, $0.available) }
        // The highest-priority section that lost anything: every lower one is at most at its
        // preview, and a lower one below its preview means all lower ones after it are stubs.
        for (i, s) in doc.sections.enumerated() where plan.shown[i] < s.available {
            for j in (i + 1)..<doc.sections.count {
                #expect(
                    plan.shown[j] <= previews[j], "\(doc.sections[j].title) kept more than its preview under \(s.title)"
                )
                if plan.shown[i] < previews[i] {
                    #expect(plan.shown[j] == 0, "\(doc.sections[j].title) not shed before \(s.title)")
                }
            }
            break
        }
    }

    /// "+N more" counts what was left out: shown rows plus N is the total.
    @Test func moreLinesCountWhatIsMissing() throws {
        let md = MarkdownRenderer(options: MarkdownOptions(limit: .checkRun)).render(TestSummaries.fleet)
        var checked = 0
        for block in md.components(separatedBy: "\n### ").dropFirst() {
            let title = String(block.prefix { $0 != "\n" })
            guard let total = Self.totals[title], let more = block.firstMatch(of: /\n\+([0-9,]+) more \(/) else {
                continue
            }
            let rows = block.split(separator: "\n").filter { $0.hasPrefix("| ") }.count
            let headers = block.components(separatedBy: "\n|:---").count - 1
            let n = Int(more.1.replacingOccurrences(of: ",", with: ""))!
            #expect(rows - headers + n == total, "\(title): \(rows - headers) rows + \(n) more != \(total)")
            checked += 1
        }
        #expect(checked >= 1)
        try expectValidGFM(md, "fleet at check-run")
    }

    static let totals: [String: Int] = {
        let s = TestSummaries.fleet
        return [
            "Clusters that need attention": s.clusters.filter { $0.outcomes.failed + $0.outcomes.timedOut > 0 }.count,
            "Top failure reasons": s.failureReasons.count, "Skip reasons": s.skipReasons.count,
            "Failing hosts": s.failingHosts.count, "Flaky hosts": s.flakyHosts.count
        ]
    }()

    /// At any budget the output fits and is valid; from `minimumBudget` on, the verdict line is
    /// whole; below, it is cut to a shorter form but always there.
    @Test func everyBudgetFitsAndKeepsTheVerdict() throws {
        let summary = TestSummaries.fleet
        let full = try #require(
            MarkdownRenderer(options: MarkdownOptions(limit: .jobSummary)).render(summary).split(separator: "\n").first)
        var budgets =
            Array(1...40) + Array(stride(from: 45, to: 600, by: 15)) + Array(stride(from: 600, to: 9_000, by: 250))
        budgets += [MarkdownRenderer.minimumBudget - 1, MarkdownRenderer.minimumBudget]
        for n in budgets {
            let limit = MarkdownLimit.bytes(n)
            let md = MarkdownRenderer(options: MarkdownOptions(limit: limit, htmlURL: Self.url)).render(summary)
            #expect(limit.admits(md), "bytes(\(n)): \(md.utf8.count)")
            #expect(!md.isEmpty)
            let first = md.split(separator: "\n", omittingEmptySubsequences: false)[0]
            #expect("FAILED".hasPrefix(first) || first.hasPrefix("## ❌"), "bytes(\(n)): \(first)")
            if n >= MarkdownRenderer.minimumBudget { #expect(first == full) }
            if n % 5 == 0 || n >= 600 { try expectValidGFM(md, href: Self.url, "bytes(\(n))") }
        }
    }

    /// The minimum budget holds for the longest verdict, link and stubs the data can make.
    @Test func minimumBudgetHoldsForTheWorstCase() throws {
        var s = TestSummaries.fleet
        // Four bytes per scalar is the most escaping can make of the capped title and gate names.
        s.title = String(repeating: "🙂", count: 200)
        s.gates = (0..<10).map { _ in
            GateResult(name: String(repeating: "🙂", count: 40), threshold: "1", measured: "0", passed: false)
        }
        // The longest accepted link: 23 + 329 × 6 = 1,997 bytes once percent-encoded.
        let url = "https://ci.example.com/" + String(repeating: "é", count: 329)
        #expect(MarkdownOptions.acceptsHTMLURL(url))
        #expect(!MarkdownOptions.acceptsHTMLURL(url + "é"))
        let limit = MarkdownLimit.bytes(MarkdownRenderer.minimumBudget)
        let md = MarkdownRenderer(options: MarkdownOptions(limit: limit, htmlURL: url)).render(s)
        #expect(limit.admits(md))
        let full = MarkdownRenderer().render(s).split(separator: "\n")[0]
        #expect(md.split(separator: "\n")[0] == full)
        #expect(md.contains("[Full HTML report]("))
        for title in Self.titles {
            #expect(md.contains("**\(title):** ") || md.contains("### \(title)\n"), "no \(title)")
        }
        try expectValidGFM(md, href: expectedHref(url), "worst case at the minimum budget")
        print("worst-case minimum document: \(md.utf8.count) bytes")
    }

    /// A PR comment is bounded by characters, so multi-byte text must not push it past 65,536.
    @Test func prCommentCountsCharactersNotBytes() throws {
        var s = TestSummaries.fleet
        s.failureReasons = s.failureReasons.map {
            var r = $0; r.message = String(repeating: "🙂", count: 300); return r
        }
        let md = MarkdownRenderer(options: MarkdownOptions(limit: .prComment)).render(s)
        #expect(md.unicodeScalars.count <= 65_536)
        #expect(md.unicodeScalars.count > 60_000)
        #expect(md.utf8.count > 65_536)
        try expectValidGFM(md, "emoji PR comment")
    }
}
