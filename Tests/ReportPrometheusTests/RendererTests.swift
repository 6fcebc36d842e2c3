import Foundation
import ReportPrometheus
import StageAggregation
import Testing
import TestHelpers

@testable import ReportPrometheus

@Suite struct RendererTests {
    @Test func sharedFleetMatchesGolden() throws {
        try Fixtures.expectGolden(PrometheusRenderer().render(try FleetSummaries.shared()), "shared-fleet.prom")
    }

    @Test func sampleFleetMatchesGolden() throws {
        try Fixtures.expectGolden(PrometheusRenderer().render(try FleetSummaries.sample()), "sample-fleet.prom")
    }

    @Test func hostileFleetMatchesGolden() throws {
        try Fixtures.expectGolden(PrometheusRenderer().render(HostileFleet.injectionSummary()), "hostile.prom")
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("back\\slash", "back\\\\slash"),
        ("say \"hi\"", "say \\\"hi\\\""),
        ("a\nb", "a\\nb"),
        ("a\r\nb", "a\\nb"),
        ("a\rb", "a\\nb"),
        ("\"}\nstage_report_x 1", "\\\"}\\nstage_report_x 1"),
        ("esc\u{1b}[1mbold", "escbold"),
        ("nul\u{0}", "nul\u{FFFD}")
    ])
    func labelValues(raw: String, escaped: String) {
        #expect(MetricFamily.escaped(raw) == escaped)
    }

    /// Every line is a comment or one sample, so no label value spilled onto a line of its own;
    /// every family has its HELP and TYPE, also with no sample.
    @Test func everyLineIsACommentOrASample() throws {
        let text = PrometheusRenderer().render(HostileFleet.injectionSummary())
        #expect(text.hasSuffix("\n"))
        #expect(!text.contains("\r"))
        let sample =
            /stage_report_[a-z_]+(\{[a-z_]+="([^"\\\n]|\\[\\"n])*"(,[a-z_]+="([^"\\\n]|\\[\\"n])*")*\})? [0-9.]+/
        var names: [String] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# HELP ") { names.append(String(line.split(separator: " ")[2])); continue }
            if line.hasPrefix("# TYPE ") {
                #expect(line == "# TYPE \(names.last ?? "") gauge")
                continue
            }
            #expect(line.wholeMatch(of: sample) != nil, "not a sample: \(line)")
            #expect(line.hasPrefix(names.last ?? "?"), "a sample outside its family: \(line)")
        }
        #expect(Set(names).count == names.count, "each family once")
        // An empty summary keeps every family's HELP and TYPE lines.
        var empty = HostileFleet.summary(of: [])
        empty.gates = []
        let emptyText = PrometheusRenderer().render(empty)
        let emptyNames = emptyText.split(separator: "\n").filter { $0.hasPrefix("# HELP ") }.map {
            String($0.split(separator: " ")[2])
        }
        #expect(emptyNames == names)
    }

    @Test func writesTheFileByRename() throws {
        let s = HostileFleet.injectionSummary()
        try withTemporaryDirectory("prom") { dir in
            let path = try PrometheusRenderer().write(summary: s, to: dir.path)
            #expect(path == dir.path + "/stage-report.prom")
            #expect(try dir.read("stage-report.prom") == Data(PrometheusRenderer().render(s).utf8))
            #expect(dir.allEntries() == ["stage-report.prom"])
        }
    }
}
