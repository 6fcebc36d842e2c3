@testable import StageAggregation
import StageModel
import Testing
import TestHelpers

/// What changed (issue 18, docs/changes.md) on `ChangeFleet`, whose changes are planted.
@Suite("What changed since the previous night")
struct ChangeSummaryTests {
    let changes: ChangeSummary

    init() throws {
        changes = try #require(summarize(ChangeFleet.runs, tracksChanges: true).changes)
    }

    private func point(_ night: Int, _ cluster: Int, _ commit: String?) -> RunPoint {
        RunPoint(start: ts("2026-12-0\(night)T0\(cluster):00:00Z"), commit: commit)
    }

    @Test("Every host change is the planted one, in order: new failures, still failing, fixed, new, gone")
    func hosts() {
        let listed = changes.hosts.map { "\($0.kind.rawValue) \($0.key.cluster)/\($0.key.host)" }
        #expect(
            listed == [
                "new-failure domain-c2/c2-h1",
                "still-failing domain-c1/c1-h1", "still-failing domain-c1/c1-h2", "still-failing domain-c1/c1-h3",
                "still-failing domain-c1/c1-h4",
                "fixed domain-c2/c2-h2", "new domain-c2/c2-h5", "gone domain-c2/c2-h4"
            ])
        #expect(changes.night == "2026-12-06")
        #expect(changes.clustersCompared == 3)
        #expect(changes.clusters == 3)
        let fixed = changes.hosts[5]
        #expect(fixed.outcome == .succeeded && fixed.previous == .failed && fixed.regression == nil)
        #expect(changes.hosts[6].previous == nil)
    }

    @Test("Regression windows: the commit that broke the whole cluster, and the night one host broke")
    func regressionWindows() throws {
        let c1 = try #require(changes.hosts.first { $0.key.host == "c1-h3" }?.regression)
        #expect(c1 == RegressionWindow(lastGood: point(4, 1, "7"), firstBad: point(5, 1, "8"), wholeCluster: true))
        #expect(c1.label(host: true) == "broke between commit 7, 2026-12-04, and commit 8, 2026-12-05 (whole cluster)")
        let h1 = try #require(changes.hosts.first { $0.key.host == "c2-h1" })
        #expect(h1.previous == .succeeded)
        #expect(
            h1.regression
                == RegressionWindow(lastGood: point(5, 2, "4"), firstBad: point(6, 2, "4"), wholeCluster: false))
    }

    @Test("Clusters: c3 newly failed outright, c1 and c2 still fail, each with its window")
    func clusters() throws {
        let listed = changes.clusterChanges.map { "\($0.kind.rawValue) \($0.id)" }
        #expect(listed == ["new-failure domain-c3", "still-failing domain-c1", "still-failing domain-c2"])
        let c3 = changes.clusterChanges[0]
        #expect(c3.failedOutright && c3.status == .failed && c3.newlyFailedHosts == 0)
        #expect(c3.reason == "com.vmware.vcIntegrity.lifecycle.DepotUnreachable")
        #expect(
            c3.regression
                == RegressionWindow(lastGood: point(5, 3, "1"), firstBad: point(6, 3, nil), wholeCluster: true))
        #expect(changes.clusterChanges[1].regression?.firstBad == point(5, 1, "8"))
        let c2 = changes.clusterChanges[2]
        #expect(c2.newlyFailedHosts == 1)
        #expect(
            c2.regression
                == RegressionWindow(lastGood: point(3, 2, "3"), firstBad: point(4, 2, "4"), wholeCluster: false))
        // The new host failure and the cluster that failed outright.
        #expect(changes.newFailures(includingWaived: true) == 2)
    }

    @Test("Commit regressions: commit 8 of domain-c1 only, with both rates and the level")
    func commitRegressions() throws {
        #expect(changes.commitComparisons == 3)
        let r = try #require(changes.commitRegressions.first)
        #expect(changes.commitRegressions.count == 1)
        #expect(r.cluster == "domain-c1" && r.commit == "8" && r.previousCommit == "7")
        #expect(r.succeeded == 0 && r.finished == 8 && r.previousSucceeded == 8 && r.previousFinished == 8)
        #expect(abs(r.pValue - 1.0 / 12_870) < 1e-12)
        #expect(abs(r.level - 0.05 / 3) < 1e-15)
        #expect(r.interval.upperBound < r.previousInterval.lowerBound)
    }

    @Test("Without tracking, a summary has no changes")
    func offByDefault() {
        #expect(summarize(ChangeFleet.runs).changes == nil)
    }

    @Test("Fisher's one-sided p-value matches hand-computed hypergeometric tails")
    func fisher() {
        // 3 failures among 24 outcomes, all 3 in the later 12: C(12,3) / C(24,3).
        #expect(
            abs(CommitRegression.fisherLower(failuresNow: 3, finishedNow: 12, failuresTotal: 3, 24) - 220.0 / 2_024)
                < 1e-12)
        // At least 1 of 1 failure in the later 10 of 20: one half.
        #expect(abs(CommitRegression.fisherLower(failuresNow: 1, finishedNow: 10, failuresTotal: 1, 20) - 0.5) < 1e-12)
        #expect(CommitRegression.fisherLower(failuresNow: 0, finishedNow: 10, failuresTotal: 4, 20) == 1)
    }
}
