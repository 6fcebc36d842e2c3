import Foundation
import ReportJSON
import ReportJUnit
import StageAggregation
import StageModel
import Testing
import TestHelpers

/// What changed, as suite properties (issue 18): on `ChangeFleet`, whose changes are planted,
/// the files still pass both schemas and the Python clients, and each suite says its cluster's.
struct ChangePropertiesTests {
    static func summary() -> Summary { summarize(ChangeFleet.runs, tracksChanges: true) }

    @Test func propertiesNameEachClustersChange() throws {
        let summary = Self.summary()
        try TestSupport.withTemporaryDirectory { dir in
            let path = try JUnitRenderer().write(summary: summary, runs: ChangeFleet.runs, to: dir)[0]
            let root = try JUnitChecks.verify(path)
            var byCluster: [String: [String: String]] = [:]
            for suite in root.children(named: "testsuite") {
                let properties = suite.children(named: "properties").first?.children(named: "property") ?? []
                let values = Dictionary(properties.map { ($0["name"] ?? "", $0["value"] ?? "") }) { a, _ in a }
                #expect(values["changes.night"] == "2026-12-06")
                #expect(values["changes.new_failures"] == "2")
                #expect(values["changes.still_failing"] == "4")
                #expect(values["changes.fixed"] == "1")
                #expect(values["changes.commit_regressions"] == "1")
                let cluster = values["cluster.id"] ?? ""
                // Each cluster's suites come latest run first: only that one carries the change.
                if byCluster[cluster] == nil {
                    byCluster[cluster] = values
                } else {
                    #expect(values["change.cluster"] == nil, "\(cluster): an older run's suite")
                }
            }
            #expect(byCluster["domain-c1"]?["change.cluster"] == "still-failing")
            #expect(byCluster["domain-c1"]?["change.still_failing"] == "4")
            #expect(byCluster["domain-c2"]?["change.new_failures"] == "1")
            #expect(byCluster["domain-c2"]?["change.fixed"] == "1")
            #expect(byCluster["domain-c3"]?["change.cluster"] == "new-failure")
        }
    }

    @Test func pythonClientsReadThem() throws {
        try ExternalTool.pythonJUnitClients.require()
        let summary = Self.summary()
        try TestSupport.withTemporaryDirectory { dir in
            let path = try JUnitRenderer().write(summary: summary, runs: ChangeFleet.runs, to: dir)[0]
            let summaryPath = dir + "/summary.json"
            try Data(SummaryJSONRenderer.render(summary)).write(to: URL(fileURLWithPath: summaryPath))
            let result = try PythonClients.run([TestSupport.checker, path, summaryPath, "--html-dir", dir + "/html"])
            #expect(result.status == 0, "\(result.output)")
            #expect(result.output.contains(" passed, 0 failed"), "\(result.output)")
        }
    }

    @Test func withoutChangesNoneIsWritten() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = try JUnitRenderer().write(summary: summarize(ChangeFleet.runs), runs: ChangeFleet.runs, to: dir)[
                0]
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(!text.contains("change"))
        }
    }
}
