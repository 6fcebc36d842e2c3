/// One host of one run: a *host outcome* (report-semantics §2).
public struct HostResult: Sendable, Equatable {
    /// The HostSystem MoRef, e.g. `host-12`.
    public var id: String
    /// `host_info[host].name`, else the id.
    public var name: String
    public var outcome: HostOutcome
    /// The raw `status` string, kept so that unknown values can be quoted.
    public var status: String?
    public var start: Timestamp?
    public var end: Timestamp?
    /// Set for skipped, failed and timed-out outcomes.
    public var reason: Reason?
    /// The `warnings` notifications of a succeeded or skipped outcome (report-semantics §6).
    public var warnings: [Reason]

    public init(
        id: String, name: String, outcome: HostOutcome, status: String? = nil,
        start: Timestamp? = nil, end: Timestamp? = nil, reason: Reason? = nil, warnings: [Reason] = []
    ) {
        self.id = id
        self.name = name
        self.outcome = outcome
        self.status = status
        self.start = start
        self.end = end
        self.reason = reason
        self.warnings = warnings
    }

    /// `end − start` in milliseconds for succeeded, failed and timed-out outcomes with both
    /// times and end ≥ start (report-semantics §4); otherwise `nil`.
    public var durationMilliseconds: Int64? {
        HostResult.durationMilliseconds(outcome: outcome, start: start, end: end)
    }

    /// `durationMilliseconds` from the three fields it depends on. A caller reading hosts in
    /// place (through a pointer, to spare copies) passes the fields: any getter called on
    /// `pointer.pointee` makes a copy of the whole host first, a retain and release per string.
    @inlinable
    public static func durationMilliseconds(outcome: HostOutcome, start: Timestamp?, end: Timestamp?) -> Int64? {
        guard outcome.isFinishedAttempt, let start, let end, end >= start else { return nil }
        return end.milliseconds - start.milliseconds
    }
}
