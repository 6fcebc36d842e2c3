/// What waivers took out of one grouping (the totals, a cluster, a commit, a day): the waived
/// failures are still counted as what they are in `OutcomeCounts`; these say how many of them
/// the gates do not see (docs/waivers.md §6). Kept as 32-bit counts, as `OutcomeCounts` is:
/// every commit and day carries one.
public struct WaivedCounts: Sendable, Equatable, Hashable {
    @usableFromInline var failedCount: UInt32 = 0
    @usableFromInline var timedOutCount: UInt32 = 0
    @usableFromInline var runsCount: UInt32 = 0
    @usableFromInline var runsWithoutHostsCount: UInt32 = 0

    public init() {}

    /// Waived failed host outcomes.
    @inlinable public var failed: Int {
        get { Int(failedCount) }
        set { failedCount = UInt32(newValue) }
    }
    /// Waived timed-out host outcomes.
    @inlinable public var timedOut: Int {
        get { Int(timedOutCount) }
        set { timedOutCount = UInt32(newValue) }
    }
    /// Waived failed or timed-out runs (run-level verdicts, with or without hosts).
    @inlinable public var runs: Int {
        get { Int(runsCount) }
        set { runsCount = UInt32(newValue) }
    }
    /// Of `runs`, those without any host outcome: `--max-failed` counts these too.
    @inlinable public var runsWithoutHosts: Int {
        get { Int(runsWithoutHostsCount) }
        set { runsWithoutHostsCount = UInt32(newValue) }
    }

    /// Waived failed plus timed-out host outcomes.
    public var hostOutcomes: Int { failed + timedOut }

    public mutating func add(_ other: WaivedCounts) {
        failed += other.failed
        timedOut += other.timedOut
        runs += other.runs
        runsWithoutHosts += other.runsWithoutHosts
    }
}

extension OutcomeCounts {
    /// These counts with the waived failed and timed-out outcomes taken out: the figures the
    /// gates read. The success rate of the result leaves waived failures out of its denominator
    /// (they are neither successes nor failures for a gate).
    public func afterWaivers(_ waived: WaivedCounts) -> OutcomeCounts {
        var result = self
        result.failed -= waived.failed
        result.timedOut -= waived.timedOut
        return result
    }
}
