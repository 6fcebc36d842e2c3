/// What waivers took out of one grouping (the totals, a cluster, a commit, a day): the waived
/// failures are still counted as what they are in `OutcomeCounts`; these say how many of them
/// the gates do not see (docs/waivers.md §6). Each count is a `Count32`, as in `OutcomeCounts`.
public struct WaivedCounts: Sendable, Equatable, Hashable {
    /// Waived failed host outcomes.
    @Count32 public var failed = 0
    /// Waived timed-out host outcomes.
    @Count32 public var timedOut = 0
    /// Waived failed or timed-out runs (run-level verdicts, with or without hosts).
    @Count32 public var runs = 0
    /// Of `runs`, those without any host outcome: `--max-failed` counts these too.
    @Count32 public var runsWithoutHosts = 0

    public init() {}

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
