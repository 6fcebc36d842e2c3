import Foundation
import ReportHTML
import ReportJSON
import ReportText
import StageAggregation
import StageModel
import Testing
import TestHelpers

@Suite("The page and the digest for the shared fleet")
struct PageContentTests {
    @Test func sharedFleetMatchesGoldenFiles() throws {
        let (page, email) = try Fixture.render(Fixture.sharedSummary())
        try Fixture.assertGolden(page, named: "shared-fleet.report.html")
        try Fixture.assertGolden(email, named: "shared-fleet.report-email.html")
    }

    @Test func writeCreatesBothFilesAtomicallyAndReturnsTheirPaths() throws {
        let scratch = try TemporaryDirectory()
        let dir = scratch.url
        let out = dir.appendingPathComponent("nested/out").path
        let paths = try HTMLRenderer().write(summary: try Fixture.sharedSummary(), to: out)
        #expect(paths == [out + "/report.html", out + "/report-email.html"])
        let (page, email) = try Fixture.render(Fixture.sharedSummary())
        #expect(FileManager.default.contents(atPath: paths[0]) == Data(page.utf8))
        #expect(FileManager.default.contents(atPath: paths[1]) == Data(email.utf8))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    /// The figures the header shows are the ones summary.json holds, formatted.
    @Test func headerFiguresEqualSummaryJSON() throws {
        let summary = try Fixture.sharedSummary()
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(SummaryJSONRenderer.render(summary))) as? [String: Any])
        let (page, _) = try Fixture.render(summary)
        let doc = HTMLDocument(page)
        let keys = doc.tags.compactMap { tag in tag.attributes.first { $0.name == "data-figure" }?.value }
        #expect(keys.count >= 15)
        for key in keys {
            // A path into summary.json; `a+b` as the last part is the sum of two members.
            let parts = key.split(separator: ".").map(String.init)
            var object: [String: Any]? = json
            for part in parts.dropLast() { object = object?[part] as? [String: Any] }
            let terms = parts[parts.count - 1].split(separator: "+").map(String.init)
            let values = terms.map { object?[$0] }
            let value: Any = try #require(
                terms.count == 1 ? values[0] : values.reduce(0) { $0 + (($1 as? Int) ?? -1_000_000) },
                "summary.json has no \(key)")
            let expected: String
            if key.hasSuffix("success_rate") {
                expected = ReportFormatting.percent((value as? NSNumber)?.doubleValue)
            } else if key == "inputs.bytes" {
                expected = "38.1 KiB"
                #expect((value as? Int) == 38_992)
            } else {
                expected = grouped(try #require(value as? Int))
            }
            let shown = try #require(page.between("data-figure=\"\(key)\"><dt>", "</dd>"))
            #expect(shown.contains("<dd>\(expected)"), "\(key): page shows \(shown), summary.json has \(expected)")
        }
    }

    /// Every cluster's and commit's success rate on the page (the sort value) is the one in
    /// summary.json, to the digit.
    @Test func tableRatesEqualSummaryJSON() throws {
        let summary = try Fixture.sharedSummary()
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(SummaryJSONRenderer.render(summary))) as? [String: Any])
        let (page, _) = try Fixture.render(summary)
        for (table, member) in [("t-clusters", "clusters"), ("t-commits", "commits")] {
            let rows = try #require(json[member] as? [[String: Any]])
            let expected = rows.map {
                ($0["success_rate"] as? NSNumber).map { DecimalFormat.format($0.doubleValue, decimals: 6) } ?? "-1"
            }
            let body = try #require(page.between("id=\"\(table)\"", "</table>"))
            let shown = HTMLDocument(body).tags(named: "td").filter {
                $0.attributes.contains { $0 == ("class", "rate") }
            }
            .compactMap { $0.attributes.first { $0.name == "data-v" }?.value }
            #expect(shown.sorted() == expected.sorted(), "\(table)")
        }
    }

    @Test func clustersAreWorstFirst() throws {
        let (page, _) = try Fixture.render(Fixture.sharedSummary())
        let body = try #require(page.between("id=\"t-clusters\"", "</table>"))
        let rates = HTMLDocument(body).tags(named: "td").filter { $0.attributes.contains { $0 == ("class", "rate") } }
            .compactMap { $0.attributes.first { $0.name == "data-v" }?.value }.compactMap(Double.init)
        #expect(rates.first == 0.928571)
        #expect(rates == rates.sorted())
    }

    @Test func hostNightGridShowsEveryNightWithATextMark() throws {
        let s = try SyntheticFleet.populated()
        let nights = SyntheticFleet.hostNights(for: s)
        let (page, _) = try Fixture.render(s, topN: 1, hostNights: nights)
        let grid = try #require(page.between("id=\"t-grid\"", "</table>"))
        let cells = HTMLDocument(grid).tags(named: "td").filter {
            $0.attributes.contains { $0.name == "class" && $0.value.hasPrefix("cell ") }
        }
        #expect(cells.count == 31, "one row (top 1) of the latest 31 nights")
        let lines = [
            "\(nights.count - 1) more hosts that failed in summary.json",
            "89 earlier nights, as totals per night, in summary.json"
        ]
        for line in lines {
            let shown = page.contains(line)
            #expect(shown, "missing: \(line)")
        }
        for mark in ["✓", "✗", "T", "S", "·"] {
            let shown = grid.contains(">\(mark)</td>")
            #expect(shown, "no \(mark) cell")
        }
        // Without per-night data the grid is left out rather than drawn empty.
        let withoutGrid = try Fixture.render(s, topN: 1, hostNights: []).page
        #expect(!withoutGrid.contains("id=\"t-grid\""))
    }

    @Test func cutListsSayHowManyMoreAreInSummaryJSON() throws {
        let s = try SyntheticFleet.populated()
        let (page, _) = try Fixture.render(s, topN: 1)
        for line in [
            "\(s.clusters.count - 1) more clusters", "\(s.commits.count - 1) more commits", "30 more earlier nights",
            "\(s.rejected.count - 1) more rejected documents",
            "\(s.failingHosts.count - 1) more failing hosts", "\(s.flakyHosts.count - 1) more flaky hosts",
            "\(s.failureReasons.count - 1) more failure reasons", "\(s.skipReasons.count - 1) more skip reasons"
        ] {
            let shown = page.contains("<p class=\"more\">\(line) in summary.json</p>")
            #expect(shown, "missing: \(line) in summary.json")
        }
    }

    private func grouped(_ n: Int) -> String {
        let f = NumberFormatter()
        f.numberStyle = .decimal
        f.groupingSeparator = ","
        f.usesGroupingSeparator = true
        return f.string(from: NSNumber(value: n)) ?? "\(n)"
    }
}
