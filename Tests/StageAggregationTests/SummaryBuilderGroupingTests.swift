import StageAggregation
import StageIngest
import StageModel
import Testing
import TestHelpers

/// Clusters, commits, days, window and totals (report-semantics §6, docs/summary-json.md).
@Suite("SummaryBuilder: clusters, commits, days, totals")
struct SummaryBuilderGroupingTests {
    /// Two vCenters; vc1/c1 has three runs, vc1/c2 one, vc2/c1 one; one run has no start.
    private var fleet: [StageRun] {
        [
            run(
                "2026-11-01T02:00:00Z", vcenter: "vc1", cluster: "c1", commit: "2",
                hosts: [host("h1", .succeeded, seconds: 60), host("h2", .failed, seconds: 30), host("h3", .skipped)],
                end: "2026-11-01T02:30:00Z", order: 0),
            run(
                "2026-11-02T23:30:00Z", vcenter: "vc1", cluster: "c1", commit: "10",
                hosts: [
                    host("h1", .succeeded, seconds: 90), host("h2", .succeeded, seconds: 45), host("h4", .inProgress)
                ],
                end: "2026-11-03T00:10:00Z", taskStatus: "FAILED", order: 1),
            run(
                nil, vcenter: "vc1", cluster: "c1", commit: "2", hosts: [host("h1", .unknown), host("h5", .timedOut)],
                order: 2),
            run(
                "2026-11-01T03:00:00Z", vcenter: "vc1", cluster: "c2", commit: "1",
                hosts: [host("h1", .failed), host("h2", .failed)], order: 3),
            run(
                "2026-11-02T01:00:00Z", vcenter: "vc2", cluster: "c1", commit: "2",
                hosts: [host("h1", .succeeded, seconds: 10)], order: 4)
        ]
    }

    private func counts(_ s: Int, _ f: Int, _ t: Int, _ k: Int, _ p: Int, _ u: Int) -> OutcomeCounts {
        var c = OutcomeCounts()
        (c.succeeded, c.failed, c.timedOut, c.skipped, c.inProgress, c.unknown) = (s, f, t, k, p, u)
        return c
    }

    @Test func totalsAndWindow() {
        let s = summarize(fleet)
        #expect(s.totals.runs == 5 && s.inputs.runs == 5)
        #expect(s.totals.vcenters == 2)
        #expect(s.totals.clusters == 3)
        #expect(s.totals.hosts == 5 + 2 + 1) // vc1/c1: h1…h5; vc1/c2: h1, h2; vc2/c1: h1
        #expect(s.totals.outcomes == 3 + 3 + 2 + 2 + 1)
        #expect(s.outcomes == counts(4, 3, 1, 1, 1, 1))
        #expect(s.totals.successRate == 4.0 / 8.0)
        #expect(s.window.firstRunStart == ts("2026-11-01T02:00:00Z"))
        #expect(s.window.lastRunStart == ts("2026-11-02T23:30:00Z"))
    }

    @Test func clusters() {
        let s = summarize(fleet)
        #expect(s.clusters.map { "\($0.vcenter)/\($0.id)" } == ["vc1/c1", "vc1/c2", "vc2/c1"])
        let c1 = s.clusters[0]
        #expect(c1.runs == 3)
        #expect(c1.hosts == 5)
        #expect(c1.outcomes == counts(3, 1, 1, 1, 1, 1))
        #expect(c1.outcomes.successRate == 3.0 / 5.0)
        #expect(c1.name == "c1")
        // The latest run in canonical order: the run without a start sorts last (revision 2).
        #expect(c1.latestRun.start == nil)
        #expect(c1.latestRun.commit == "2")
        #expect(c1.latestRun.taskStatus == "SUCCEEDED")
        #expect(c1.latestRun.status == .succeeded)
        #expect(c1.durations.count == 4)
        #expect(c1.durations.min == 30_000 && c1.durations.max == 90_000)
        #expect(s.clusters[1].outcomes == counts(0, 2, 0, 0, 0, 0))
        #expect(s.clusters[1].outcomes.successRate == 0)
        #expect(s.clusters[2].hosts == 1)
        #expect(s.durations.overall.count == 5)
        #expect(s.durations.succeeded.count == 4 && s.durations.failed.count == 1 && s.durations.timedOut.count == 0)
    }

    @Test func commitsAreNumericPerCluster() {
        let s = summarize(fleet)
        #expect(
            s.commits.map { "\($0.vcenter)/\($0.cluster)/\($0.commit)" } == [
                "vc1/c1/2", "vc1/c1/10", "vc1/c2/1", "vc2/c1/2"
            ])
        #expect(s.commits.map(\.runs) == [2, 1, 1, 1])
        #expect(s.commits[0].outcomes == counts(1, 1, 1, 1, 0, 1))
    }

    @Test("Commit order: numbers numerically, then other ids by bytes")
    func commitOrder() {
        let ids = ["10", "2", "abc", "1", "9", "100", "B", "", "07", "config-commit-2"]
        let runs = ids.enumerated().map { i, c in
            run("2026-01-01T00:00:00Z", commit: c, hosts: [host("h", .succeeded)], order: i)
        }
        #expect(
            summarize(runs).commits.map(\.commit) == [
                "1", "2", "07", "9", "10", "100", "", "B", "abc", "config-commit-2"
            ])
    }

    @Test func commitsGroupByClusterFirst() {
        let runs = [
            run("2026-01-01T00:00:00Z", cluster: "c2", commit: "1", order: 0),
            run("2026-01-02T00:00:00Z", cluster: "c1", commit: "10", order: 1),
            run("2026-01-03T00:00:00Z", cluster: "c1", commit: "2", order: 2),
            run("2026-01-04T00:00:00Z", cluster: "c1", commit: "2", order: 3)
        ]
        let commits = summarize(runs).commits
        #expect(commits.map { "\($0.cluster)/\($0.commit)" } == ["c1/2", "c1/10", "c2/1"])
        #expect(commits.map(\.runs) == [2, 1, 1])
    }

    @Test func daysAreTheUTCDateOfTheRunStart() {
        let s = summarize(fleet)
        #expect(s.days.map(\.date) == ["2026-11-01", "2026-11-02"])
        #expect(s.days.map(\.runs) == [2, 2])
        #expect(s.days[0].outcomes == counts(1, 3, 0, 1, 0, 0))
        #expect(s.days[1].outcomes == counts(3, 0, 0, 0, 1, 0))
        #expect(s.days.map(\.runs).reduce(0, +) == s.totals.runs - 1, "the run without a start has no day")
    }

    @Test func offsetsMoveARunToItsUTCDay() {
        let runs = [
            run("2026-11-02T00:30:00+01:00", hosts: [host("h", .succeeded)], order: 0),
            run("2026-11-01T23:30:00-01:00", cluster: "c2", hosts: [host("h", .failed)], order: 1)
        ]
        let s = summarize(runs)
        #expect(s.days.map(\.date) == ["2026-11-01", "2026-11-02"])
    }

    @Test func clusterNameFromAnnotationThenInventoryThenId() {
        var inventory = ClusterInventory()
        inventory.add(id: "c1", name: "Inventory c1", vcenter: nil)
        inventory.add(id: "c2", name: "Inventory c2 on vc1", vcenter: "vc1")
        inventory.add(id: "c2", name: "Inventory c2 anywhere", vcenter: nil)
        let runs = [
            run("2026-01-01T00:00:00Z", vcenter: "vc1", cluster: "c1", name: "Old annotation", order: 0),
            run("2026-01-02T00:00:00Z", vcenter: "vc1", cluster: "c1", name: "New annotation", order: 1),
            // latest has none: keep the newest one
            run("2026-01-03T00:00:00Z", vcenter: "vc1", cluster: "c1", order: 2),
            run("2026-01-01T00:00:00Z", vcenter: "vc1", cluster: "c2", order: 3),
            run("2026-01-01T00:00:00Z", vcenter: "vc2", cluster: "c2", order: 4),
            run("2026-01-01T00:00:00Z", vcenter: "vc2", cluster: "c3", order: 5)
        ]
        let names = summarize(runs, inventory: inventory).clusters.map(\.name)
        #expect(names == ["New annotation", "Inventory c2 on vc1", "Inventory c2 anywhere", "c3"])
        #expect(summarize(runs).clusters.map(\.name) == ["New annotation", "c2", "c2", "c3"])
    }

    @Test func inventoryFileNamesClustersEndToEnd() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let inventory = try dir.write(
            "inventory/clusters.json",
            json: [
                "value": [
                    ["cluster": "domain-c8", "name": "Prod A", "ha_enabled": true],
                    ["cluster": "domain-c9", "name": "Prod B"]
                ]
            ])
        for (i, cluster) in ["domain-c8", "domain-c9", "domain-c10"].enumerated() {
            var doc = StageDoc.task(
                cluster: cluster, start: "2026-01-0\(i + 1)T00:00:00Z", hosts: ["h": StageDoc.status("OK")])
            if cluster == "domain-c9" { doc["cluster_name"] = "Annotated B" }
            try dir.write("runs/\(cluster).json", json: doc)
        }
        let s = try summarizeFiles([dir.path + "/runs"], inventory: ClusterInventoryReader.read(path: inventory))
        #expect(s.clusters.map(\.id) == ["domain-c10", "domain-c8", "domain-c9"])
        #expect(s.clusters.map(\.name) == ["domain-c10", "Prod A", "Annotated B"])
    }

    @Test func clustersAndVCentersSortByBytes() {
        let ids = [
            ("vc", "domain-c9"), ("vc", "domain-c10"), ("VC", "x"), ("vc", "Domain-c1"), ("\u{e9}", "a"), ("z", "a")
        ]
        let runs = ids.enumerated().map { i, v in run("2026-01-01T00:00:00Z", vcenter: v.0, cluster: v.1, order: i) }
        #expect(
            summarize(runs).clusters.map { "\($0.vcenter)/\($0.id)" }
                == ["VC/x", "vc/Domain-c1", "vc/domain-c10", "vc/domain-c9", "z/a", "\u{e9}/a"])
    }

    @Test func emptySummary() {
        let s = summarize([])
        #expect(s.totals.runs == 0 && s.totals.clusters == 0 && s.totals.hosts == 0 && s.totals.outcomes == 0)
        #expect(s.totals.successRate == nil)
        #expect(s.window.firstRunStart == nil && s.window.lastRunStart == nil)
        #expect(s.clusters.isEmpty && s.commits.isEmpty && s.days.isEmpty && s.dataQuality.isEmpty)
    }
}
