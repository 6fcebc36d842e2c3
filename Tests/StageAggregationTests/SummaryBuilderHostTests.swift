import StageAggregation
import StageModel
import Testing
import TestHelpers

/// Hosts across runs (report-semantics §6): flaky and failing hosts, streaks, in canonical run
/// order whatever the input order.
@Suite("SummaryBuilder: flaky and failing hosts")
struct SummaryBuilderHostTests {
    /// Night `n` of cluster c1, with the given outcomes; `order` is its input position.
    private func night(_ n: Int, _ hosts: [HostResult], order: Int, cluster: String = "c1") -> StageRun {
        run(
            "2026-01-\(n < 10 ? "0" : "")\(n)T01:00:00Z", cluster: cluster, commit: String(n), hosts: hosts,
            order: order)
    }

    /// h1: S F S F F (flaky, failing, streak 2); h2: F F T (failing, streak 3, not flaky);
    /// h3: F S (flaky, not failing); h4: S K S (neither); h5: T K (not failing: latest is skipped).
    private var nights: [StageRun] {
        [
            night(
                1,
                [
                    host("h1", .succeeded), host("h2", .failed), host("h3", .failed), host("h4", .succeeded),
                    host("h5", .timedOut)
                ], order: 0),
            night(
                2,
                [
                    host("h1", .failed), host("h2", .failed), host("h3", .succeeded), host("h4", .skipped),
                    host("h5", .skipped)
                ], order: 1),
            night(
                3,
                [
                    host("h1", .succeeded), host("h2", .timedOut, reason: Reason(id: "r.timeout")),
                    host("h4", .succeeded)
                ], order: 2),
            night(4, [host("h1", .failed, reason: Reason(id: "r.depot"))], order: 3),
            night(5, [host("h1", .timedOut)], order: 4)
        ]
    }

    @Test("The result does not depend on input order", arguments: [0, 1, 2, 3])
    func inputOrderDoesNotMatter(seed: UInt64) {
        var rng = LCG(state: seed)
        var shuffled = nights
        for i in shuffled.indices.reversed() { shuffled.swapAt(i, rng.below(i + 1)) }
        // Input positions follow the shuffled order, so only canonical order can give the answer.
        for i in shuffled.indices {
            shuffled[i].source = DocumentSource(path: "x.json", position: .index(i), documentIndex: i)
        }
        let s = summarize(shuffled)
        #expect(s.flakyHosts.map(\.key.host) == ["h1", "h3"])
        #expect(s.flakyHosts.map(\.outcomes) == [5, 2])
        #expect(s.flakyHosts.map(\.succeeded) == [2, 1])
        #expect(s.flakyHosts.map(\.failed) == [3, 1])
        #expect(s.failingHosts.map(\.key.host) == ["h2", "h1"])
        #expect(s.failingHosts.map(\.streak) == [3, 2])
        #expect(s.failingHosts.map(\.latestOutcome) == [.timedOut, .timedOut])
        #expect(s.failingHosts.map(\.latestRunStart) == [ts("2026-01-03T01:00:00Z"), ts("2026-01-05T01:00:00Z")])
        #expect(s.failingHosts.map(\.latestReason) == ["r.timeout", "(timed out)"])
    }

    @Test func keysCarryVCenterAndCluster() {
        let s = summarize(nights)
        let key = s.failingHosts.first?.key
        #expect(key?.vcenter == "vc" && key?.cluster == "c1" && key?.host == "h2")
    }

    @Test func theSameHostIdInAnotherClusterIsAnotherHost() {
        let runs = [
            night(1, [host("h1", .succeeded)], order: 0), night(2, [host("h1", .failed)], order: 1, cluster: "c2"),
            night(3, [host("h1", .failed)], order: 2)
        ]
        let s = summarize(runs)
        #expect(s.totals.hosts == 2)
        #expect(s.flakyHosts.map { "\($0.key.cluster)/\($0.key.host)" } == ["c1/h1"])
        #expect(s.failingHosts.map { "\($0.key.cluster)/\($0.key.host)" } == ["c1/h1", "c2/h1"])
        #expect(s.failingHosts.map(\.streak) == [1, 1])
    }

    @Test func inProgressAndUnknownBreakAStreak() {
        for breaker in [HostOutcome.inProgress, .unknown, .skipped, .succeeded] {
            let runs = [
                night(1, [host("h", .failed)], order: 0), night(2, [host("h", breaker)], order: 1),
                night(3, [host("h", .failed)], order: 2), night(4, [host("h", .timedOut)], order: 3)
            ]
            #expect(summarize(runs).failingHosts.map(\.streak) == [2], "\(breaker)")
        }
    }

    @Test func runWithoutStartIsTheNewest() {
        let runs = [
            night(1, [host("h", .succeeded)], order: 0),
            run(nil, cluster: "c1", commit: "0", hosts: [host("h", .failed)], order: 1)
        ]
        let s = summarize(runs)
        #expect(
            s.failingHosts.map(\.key.host) == ["h"],
            "the run without a start comes last, so the latest outcome is failed")
        #expect(s.flakyHosts.map(\.key.host) == ["h"])
    }

    @Test func orderingTiesBreakByVCenterClusterHost() {
        let runs = [
            run(
                "2026-01-01T00:00:00Z", vcenter: "b", cluster: "c", hosts: [host("h2", .failed), host("h1", .failed)],
                order: 0),
            run("2026-01-01T00:00:00Z", vcenter: "a", cluster: "z", hosts: [host("h9", .failed)], order: 1),
            run(
                "2026-01-01T00:00:00Z", vcenter: "a", cluster: "c",
                hosts: [host("h10", .failed), host("h9", .succeeded)], order: 2),
            run(
                "2026-01-02T00:00:00Z", vcenter: "a", cluster: "c",
                hosts: [host("h9", .failed), host("h10", .succeeded)], order: 3)
        ]
        let s = summarize(runs)
        #expect(
            s.failingHosts.map { "\($0.key.vcenter)/\($0.key.cluster)/\($0.key.host)" }
                == ["a/c/h9", "a/z/h9", "b/c/h1", "b/c/h2"])
        #expect(s.flakyHosts.map { "\($0.key.vcenter)/\($0.key.cluster)/\($0.key.host)" } == ["a/c/h10", "a/c/h9"])
    }

    @Test func flakyOrderIsByFailuresDescending() {
        let runs = (1...4).map { n in
            night(
                n,
                [
                    host("a", n == 1 ? .succeeded : .failed), host("b", n <= 3 ? .succeeded : .timedOut),
                    host("c", n % 2 == 0 ? .succeeded : .failed)
                ], order: n)
        }
        let s = summarize(runs)
        #expect(s.flakyHosts.map(\.key.host) == ["a", "c", "b"])
        #expect(s.flakyHosts.map(\.failed) == [3, 2, 1])
    }

    @Test func nameIsTheLatestRealName() {
        let runs = [
            night(1, [host("h", .failed, name: "old")], order: 0),
            night(2, [host("h", .succeeded, name: "new")], order: 1),
            night(3, [host("h", .failed)], order: 2)
        ] // no host_info this time: name is the id
        let s = summarize(runs)
        #expect(s.failingHosts.first?.name == "new")
        #expect(s.flakyHosts.first?.name == "new")
    }

    /// The list of every host (for hosts.csv): each host once, in key order, with its latest
    /// outcome, streak, start and reason; made only when asked for.
    @Test func everyHostIsListedWhenAskedFor() {
        #expect(summarize(nights).hosts.isEmpty)
        let s = summarize(nights, listEveryHost: true)
        #expect(s.hosts.count == s.totals.hosts)
        #expect(s.hosts.map(\.key.host) == ["h1", "h2", "h3", "h4", "h5"])
        #expect(s.hosts.map(\.latestOutcome) == [.timedOut, .timedOut, .succeeded, .succeeded, .skipped])
        #expect(s.hosts.map(\.streak) == [2, 3, 0, 0, 0])
        #expect(
            s.hosts.map(\.latestRunStart)
                == ["2026-01-05", "2026-01-03", "2026-01-02", "2026-01-03", "2026-01-02"].map { ts($0 + "T01:00:00Z") })
        #expect(s.hosts[1].latestReason == "r.timeout")
        // Asking for the list changes nothing else.
        var without = s
        without.hosts = []
        #expect(without == summarize(nights))
    }
}
