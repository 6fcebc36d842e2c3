import StageAggregation
import Foundation
import StageModel
import Testing
import TestHelpers

/// The commit-regression test's false-positive rate and power on seeded fleets (docs/changes.md
/// states both): 8 clusters of 10 hosts over 24 nights, a new commit every 3 nights (56 commit
/// pairs per fleet), each host outcome failing at random with probability 5 %.
@Suite("Commit regressions on 100 seeded fleets")
struct CommitRegressionRateTests {
    /// The fleet of `seed`; with `planted`, cluster 0's commits from night 12 on fail at 50 %.
    static func fleet(seed: UInt64, planted: Bool) -> [StageRun] {
        var random = LCG(state: seed &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        var runs: [StageRun] = []
        for night in 0..<24 {
            let day = String(format: "2026-11-%02d", night + 1)
            for cluster in 0..<8 {
                let start = "\(day)T\(String(format: "%02d", cluster + 1)):00:00Z"
                let failRate = planted && cluster == 0 && night >= 12 ? 500 : 50
                let hosts = (0..<10).map { h in
                    host("h\(h)", random.below(1_000) < failRate ? .failed : .succeeded, at: start)
                }
                runs.append(run(start, cluster: "c\(cluster)", commit: String(night / 3 + 1), hosts: hosts))
            }
        }
        return runs
    }

    static func regressions(seed: UInt64, planted: Bool) -> [CommitRegression] {
        summarize(fleet(seed: seed, planted: planted), tracksChanges: true).changes?.commitRegressions ?? []
    }

    @Test("Without a regression, at most 5 of 100 fleets flag one (family-wise 5 %); measured: 0")
    func falsePositives() {
        let flagged = (0..<100).filter { !Self.regressions(seed: UInt64($0), planted: false).isEmpty }.count
        // Bonferroni over 56 pairs with Fisher's conservative test: the bound is 5; the seeds give 0.
        #expect(flagged == 0)
    }

    /// The price of a 5 % family-wise level over 56 pairs: 30 outcomes a commit do not always
    /// tell 50 % from 95 % at 0.05 / 56.
    @Test("A commit that drops a cluster from 95 % to 50 % over 30 outcomes is flagged in 77 of 100 fleets")
    func power() {
        var found = 0, wrong = 0
        for seed in 0..<100 {
            let flagged = Self.regressions(seed: UInt64(seed), planted: true)
            if flagged.contains(where: { $0.cluster == "c0" && $0.commit == "5" }) { found += 1 }
            wrong += flagged.filter { !($0.cluster == "c0" && $0.commit == "5") }.count
        }
        #expect(found == 77)
        #expect(wrong == 0)
    }
}
