import StageAggregation
import StageModel
import Waivers

extension SyntheticFleet {
    /// A waiver file's outcome where every waiver list of the page is longer than `topN: 1`:
    /// waived and expired hits, a waiver expiring soon, a stale one.
    static func populatedWaivers() throws -> WaiverSummary {
        func waiver(_ i: Int, host: String, expires: String, ticket: String?) throws -> Waiver {
            Waiver(
                position: i, line: 2 + 6 * i, match: WaiverMatch(host: try GlobPattern(host)), owner: "owner-\(i)",
                ticket: ticket, justification: "known", expires: ExpiryDate(expires)!)
        }
        let standings = [
            WaiverStanding(
                waiver: try waiver(0, host: "esx-0[1-4].*", expires: "2027-03-31", ticket: "OPS-1"), validity: .active,
                daysLeft: 114, tally: WaiverTally(waivedHostOutcomes: 2, waivedRuns: 1)),
            WaiverStanding(
                waiver: try waiver(1, host: "esx-09", expires: "2026-12-15", ticket: nil), validity: .expiringSoon,
                daysLeft: 8, tally: WaiverTally(waivedHostOutcomes: 1)),
            WaiverStanding(
                waiver: try waiver(2, host: "esx-1?", expires: "2026-11-30", ticket: "OPS-3"), validity: .expired,
                daysLeft: -7, tally: WaiverTally(expiredHostOutcomes: 2)),
            WaiverStanding(
                waiver: try waiver(3, host: "esx-gone-*", expires: "2027-05-01", ticket: "OPS-4"), validity: .active,
                daysLeft: 145, tally: WaiverTally())
        ]
        func hit(_ host: String?, _ waiver: Int, day: Int64) -> WaiverHit {
            WaiverHit(
                vcenter: "vc01", cluster: "domain-c1", clusterName: "Cluster 1", host: host.map { "host-" + $0 },
                hostName: host.map { "esx-" + $0 }, commit: "3",
                start: Timestamp(milliseconds: 1_780_000_000_000 + day * 86_400_000),
                outcome: host == nil ? "failed" : "timed_out", reason: "com.vmware.Fail", waiver: waiver)
        }
        return WaiverSummary(
            file: "waivers.yaml", standings: standings,
            waived: [hit("01", 0, day: 0), hit("02", 0, day: 0), hit(nil, 0, day: 0), hit("09", 1, day: 1)],
            waivedCount: 4, expiredMatches: [hit("11", 2, day: 1), hit("12", 2, day: 2)], expiredMatchCount: 2)
    }
}
