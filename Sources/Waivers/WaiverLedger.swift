import StageModel

/// What every waiver of a set did, counted as verdicts come in. Each worker thread keeps its own
/// and the partial ledgers are merged: counts only add, so the merged ledger is the same in any
/// merge order and for any split of the work.
public struct WaiverLedger: Sendable, Hashable {
    /// A waiver whose last day is at most this many days after `now`'s UTC day is expiring soon
    /// (issue 19: "expire within 14 days").
    public static let expiringSoonDays: Int64 = 14

    /// What a verdict was about.
    public enum Subject: Sendable {
        case hostOutcome
        case run
    }

    /// Indexed by waiver position.
    public private(set) var tallies: [WaiverTally]

    /// An empty ledger for a set of `waiverCount` waivers.
    public init(waiverCount: Int) { tallies = Array(repeating: WaiverTally(), count: waiverCount) }

    /// Counts `verdict` for a failed or timed-out host outcome, or a failed run. Only failures are
    /// to be recorded: a waiver that matched no failure is stale, however many successes it
    /// would have matched.
    public mutating func record(_ verdict: WaiverVerdict, for subject: Subject) {
        if let position = verdict.waivedBy {
            switch subject {
            case .hostOutcome: tallies[position].waivedHostOutcomes += 1
            case .run: tallies[position].waivedRuns += 1
            }
        }
        if let position = verdict.expiredMatch {
            switch subject {
            case .hostOutcome: tallies[position].expiredHostOutcomes += 1
            case .run: tallies[position].expiredRuns += 1
            }
        }
    }

    /// Adds `other`'s counts; both must be for the same waiver set.
    public mutating func merge(_ other: WaiverLedger) {
        precondition(other.tallies.count == tallies.count, "ledgers of different waiver sets")
        for i in tallies.indices { tallies[i] = tallies[i] + other.tallies[i] }
    }

    public func merged(with other: WaiverLedger) -> WaiverLedger {
        var result = self
        result.merge(other)
        return result
    }

    /// Every waiver of `set` (which this ledger counted for) with its validity at `now` and its
    /// tally, in file order.
    public func standings(of set: WaiverSet, now: Timestamp) -> [WaiverStanding] {
        precondition(set.count == tallies.count, "a ledger of another waiver set")
        return set.waivers.map { waiver in
            let daysLeft = waiver.expires.daysLeft(at: now)
            let validity: WaiverStanding.Validity =
                daysLeft < 0 ? .expired : daysLeft <= Self.expiringSoonDays ? .expiringSoon : .active
            return WaiverStanding(
                waiver: waiver, validity: validity, daysLeft: daysLeft, tally: tallies[waiver.position])
        }
    }
}
