import StageModel
import Testing
import Waivers

/// The ledger: what each waiver did, merged from worker threads in any order, and each
/// waiver's standing (active, expiring soon, expired, stale).
@Suite("WaiverLedger")
struct WaiverLedgerTests {
    static let now = Timestamp(iso8601: "2026-12-07T08:00:00Z")!

    /// Waivers of one fleet: by host glob, by notification id, by cluster, by commit, one expired,
    /// one expiring within 14 days, one stale.
    static func fleetWaivers() throws -> WaiverSet {
        try WaiverSet(
            parsing: """
                waivers:
                  - {match: {host: "esx-0[1-2]*"}, owner: a, justification: j, expires: 2027-03-01}
                  - {match: {reason: r.space}, owner: b, justification: j, expires: 2027-03-01}
                  - {match: {cluster: West}, owner: c, justification: j, expires: 2026-12-21}
                  - {match: {commit: "9"}, owner: d, justification: j, expires: 2026-12-06}
                  - {match: {host: "never-*"}, owner: e, justification: j, expires: 2026-12-20}
                  - {match: {commit: "8", reason: r.depot}, owner: f, justification: j, expires: 2027-01-31}
                """, file: "fleet.yaml")
    }

    /// Failed outcomes and runs of a small fleet, each with the subject it is recorded as.
    static let failures: [(WaiverCandidate, WaiverLedger.Subject)] = {
        var list: [(WaiverCandidate, WaiverLedger.Subject)] = []
        for night in 0..<6 {
            let commit = String(5 + night % 5)
            for host in 1...6 {
                let reason = ["r.space", "r.depot", "r.vib"][(host + night) % 3]
                list.append(
                    (
                        WaiverCandidate(
                            vcenter: "vc01", clusterID: host <= 3 ? "domain-c8" : "domain-c9",
                            clusterName: host <= 3 ? "West" : "East", hostID: "host-\(host)", hostName: "esx-0\(host)",
                            reasonID: reason, commit: commit), .hostOutcome
                    ))
            }
            list.append(
                (WaiverCandidate(vcenter: "vc01", clusterID: "domain-c9", reasonID: "r.depot", commit: commit), .run))
        }
        return list
    }()

    static func ledger(_ set: WaiverSet, _ failures: ArraySlice<(WaiverCandidate, WaiverLedger.Subject)>)
        -> WaiverLedger
    {
        var matcher = WaiverIndex(set, now: now).makeMatcher()
        var ledger = WaiverLedger(waiverCount: set.count)
        for (candidate, subject) in failures { ledger.record(matcher.verdict(for: candidate), for: subject) }
        return ledger
    }

    @Test func standingsOfAFleet() throws {
        let set = try Self.fleetWaivers()
        let ledger = Self.ledger(set, Self.failures[...])
        let standings = ledger.standings(of: set, now: Self.now)
        #expect(standings.map(\.validity) == [.active, .active, .expiringSoon, .expired, .expiringSoon, .active])
        #expect(standings.map(\.daysLeft) == [84, 84, 14, -1, 13, 55])
        #expect(standings.map(\.isStale) == [false, false, false, false, true, false])
        // esx-01 and esx-02 on all 6 nights: 12 outcomes waived by the host glob.
        #expect(standings[0].tally == WaiverTally(waivedHostOutcomes: 12))
        #expect(standings[3].tally.waivedHostOutcomes == 0)
        #expect(standings[3].tally.expiredHostOutcomes == 6)
        #expect(standings[3].tally.expiredRuns == 1)
        // The run of the night of commit 8 carries r.depot: waived by the last waiver.
        #expect(standings[5].tally.waivedRuns == 1)
        let waived = standings.map { $0.tally.waivedHostOutcomes }.reduce(0, +)
        let hostFailures = Self.failures.filter { $0.1 == .hostOutcome }.count
        #expect(waived > 0 && waived < hostFailures)
    }

    @Test func expiringSoonIsWithin14DaysOfNow() throws {
        let set = try WaiverSet(
            parsing: """
                waivers:
                  - {match: {host: a}, owner: o, justification: j, expires: 2026-12-07}
                  - {match: {host: a}, owner: o, justification: j, expires: 2026-12-21}
                  - {match: {host: a}, owner: o, justification: j, expires: 2026-12-22}
                  - {match: {host: a}, owner: o, justification: j, expires: 2026-12-06}
                """, file: "w.yaml")
        let standings = WaiverLedger(waiverCount: set.count).standings(of: set, now: Self.now)
        #expect(standings.map(\.validity) == [.expiringSoon, .expiringSoon, .active, .expired])
        #expect(standings.map(\.daysLeft) == [0, 14, 15, -1])
        #expect(standings.allSatisfy { $0.isStale })
    }

    /// Split the failures among "workers" in several ways and merge the partial ledgers in
    /// every order: always the ledger of one pass over all of them.
    @Test func mergingIsIndependentOfSplitAndOrder() throws {
        let set = try Self.fleetWaivers()
        let whole = Self.ledger(set, Self.failures[...])
        let n = Self.failures.count
        for cuts in [[n / 2], [1, n - 1], [n / 3, 2 * n / 3], [0, 5, 17, n]] {
            var parts: [WaiverLedger] = []
            var start = 0
            for cut in cuts + [n] {
                parts.append(Self.ledger(set, Self.failures[start..<cut]))
                start = cut
            }
            var forward = WaiverLedger(waiverCount: set.count)
            for part in parts { forward.merge(part) }
            var backward = WaiverLedger(waiverCount: set.count)
            for part in parts.reversed() { backward.merge(part) }
            #expect(forward == whole)
            #expect(backward == whole)
            #expect(parts.reduce(WaiverLedger(waiverCount: set.count)) { $0.merged(with: $1) } == whole)
        }
    }
}
