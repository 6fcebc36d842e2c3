/// How one waiver stands at the end of a report: whether it still applies, whether it is about
/// to stop, and whether it matched anything (a stale waiver is one to clean out of the file).
public struct WaiverStanding: Sendable, Hashable {
    /// Whether the waiver applies at `now`.
    public enum Validity: String, Sendable, Hashable {
        /// Applies, and for more than `WaiverLedger.expiringSoonDays` days yet.
        case active
        /// Applies, but its last day is at most `WaiverLedger.expiringSoonDays` days away.
        case expiringSoon = "expiring_soon"
        /// Its last day is over: it waives nothing.
        case expired
    }

    public var waiver: Waiver
    public var validity: Validity
    /// Days from `now`'s UTC day to the waiver's last day: 0 on the last day, negative after.
    public var daysLeft: Int64
    public var tally: WaiverTally
    /// It matched nothing in the report's window, waived or expired.
    public var isStale: Bool { !tally.matchedAnything }

    public init(waiver: Waiver, validity: Validity, daysLeft: Int64, tally: WaiverTally) {
        self.waiver = waiver
        self.validity = validity
        self.daysLeft = daysLeft
        self.tally = tally
    }
}
