import Foundation
import ReportJUnit
import StageAggregation
import StageModel
import StagePipeline
import Testing
import TestHelpers

/// The shared fleet through the real pipeline: golden bytes, both schemas, counts, ordering.
@Suite struct SharedFleetTests {
    let output: ReportPipeline.Output

    init() throws { output = try TestSupport.sharedFleetOutput() }

    @Test func matchesGoldenAndValidates() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let paths = try JUnitRenderer().write(summary: output.summary, runs: output.runs, to: dir)
            #expect(paths == [dir + "/junit.xml"])
            try JUnitChecks.verify(paths[0])
            let golden = TestSupport.goldenDirectory.appendingPathComponent("shared-fleet.junit.xml")
            try GoldenFile.expect(Data(try #require(FileBytes.read(paths[0]))), equals: golden)
        }
    }

    @Test func countsEqualTheSummary() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = try JUnitRenderer().write(summary: output.summary, runs: output.runs, to: dir)[0]
            let suites = try JUnitChecks.verify(path).children
            #expect(suites.count == output.runs.count)
            var total = JUnitChecks.Counts()
            for suite in suites {
                let run = try #require(
                    output.runs.first {
                        $0.vcenter == JUnitChecks.property("vcenter", of: suite)
                            && $0.clusterID == JUnitChecks.property("cluster.id", of: suite)
                            && $0.commit == JUnitChecks.property("commit", of: suite)
                            && ($0.start?.iso8601 ?? "") == JUnitChecks.property("run.start", of: suite)
                    })
                var outcomes = OutcomeCounts()
                for host in run.hosts { outcomes.add(host.outcome) }
                #expect(JUnitChecks.counts(of: suite) == JUnitChecks.Counts(outcomes: outcomes))
                total = total + JUnitChecks.counts(of: suite)
            }
            #expect(total == JUnitChecks.Counts(outcomes: output.summary.outcomes))
        }
    }

    /// GitLab keeps the first of duplicate identities: each cluster's latest run comes first,
    /// and names carry neither commit nor time, so every run of a cluster has the same ones.
    @Test func latestRunFirstWithStableIdentities() throws {
        try TestSupport.withTemporaryDirectory { dir in
            let path = try JUnitRenderer().write(summary: output.summary, runs: output.runs, to: dir)[0]
            let suites = try JUnitChecks.verify(path).children
            var byCluster: [String: [ParsedElement]] = [:]
            var order: [String] = []
            for suite in suites {
                let key =
                    (JUnitChecks.property("vcenter", of: suite) ?? "") + "/"
                    + (JUnitChecks.property("cluster.id", of: suite) ?? "")
                if byCluster[key] == nil { order.append(key) }
                byCluster[key, default: []].append(suite)
            }
            #expect(
                order == output.summary.clusters.map { "\($0.vcenter)/\($0.id)" },
                "clusters in summary order, contiguous")
            for cluster in output.summary.clusters {
                let group = try #require(byCluster["\(cluster.vcenter)/\(cluster.id)"])
                #expect(group.count == cluster.runs)
                let starts = group.map { JUnitChecks.property("run.start", of: $0) ?? "" }
                #expect(starts == starts.sorted(by: >), "latest run first")
                #expect(JUnitChecks.property("commit", of: group[0]) == cluster.latestRun.commit)
                #expect(group.allSatisfy { $0["name"] == cluster.name })
                for suite in group {
                    // Case names are the hosts' display names, in host order: nothing run-specific.
                    let run = try #require(
                        output.runs.first {
                            $0.vcenter == cluster.vcenter && $0.clusterID == cluster.id
                                && $0.commit == JUnitChecks.property("commit", of: suite)
                                && ($0.start?.iso8601 ?? "") == JUnitChecks.property("run.start", of: suite)
                        })
                    #expect(suite.children(named: "testcase").map { $0["name"] } == run.hosts.map(\.name))
                }
                #expect(
                    group.allSatisfy {
                        $0.children(named: "testcase").allSatisfy {
                            $0["classname"] == "\(cluster.vcenter).\(cluster.id)"
                        }
                    })
            }
        }
    }
}
