import StageModel

/// Host outcomes counted by kind; every grouping of the summary carries one.
///
/// Kept as 32-bit counts: every commit and day of every cluster carries two of these (host
/// outcomes and run statuses), and a month of a large estate has 20,000 commits. A window
/// never holds four billion outcomes of one kind; a count that would go past it (or below
/// zero) stops the program rather than wrap.
public struct OutcomeCounts: Sendable, Equatable, Hashable {
    @usableFromInline var succeededCount: UInt32 = 0
    @usableFromInline var failedCount: UInt32 = 0
    @usableFromInline var timedOutCount: UInt32 = 0
    @usableFromInline var skippedCount: UInt32 = 0
    @usableFromInline var inProgressCount: UInt32 = 0
    @usableFromInline var unknownCount: UInt32 = 0

    public init() {}

    @inlinable public var succeeded: Int {
        get { Int(succeededCount) }
        set { succeededCount = UInt32(newValue) }
    }
    @inlinable public var failed: Int {
        get { Int(failedCount) }
        set { failedCount = UInt32(newValue) }
    }
    @inlinable public var timedOut: Int {
        get { Int(timedOutCount) }
        set { timedOutCount = UInt32(newValue) }
    }
    @inlinable public var skipped: Int {
        get { Int(skippedCount) }
        set { skippedCount = UInt32(newValue) }
    }
    @inlinable public var inProgress: Int {
        get { Int(inProgressCount) }
        set { inProgressCount = UInt32(newValue) }
    }
    @inlinable public var unknown: Int {
        get { Int(unknownCount) }
        set { unknownCount = UInt32(newValue) }
    }

    public subscript(_ outcome: HostOutcome) -> Int {
        get {
            switch outcome {
            case .succeeded: return succeeded
            case .failed: return failed
            case .timedOut: return timedOut
            case .skipped: return skipped
            case .inProgress: return inProgress
            case .unknown: return unknown
            }
        }
        set {
            switch outcome {
            case .succeeded: succeeded = newValue
            case .failed: failed = newValue
            case .timedOut: timedOut = newValue
            case .skipped: skipped = newValue
            case .inProgress: inProgress = newValue
            case .unknown: unknown = newValue
            }
        }
    }

    public var total: Int { succeeded + failed + timedOut + skipped + inProgress + unknown }

    /// succeeded / (succeeded + failed + timed_out), or `nil` when nothing finished (§3).
    public var successRate: Double? {
        let denominator = succeeded + failed + timedOut
        return denominator == 0 ? nil : Double(succeeded) / Double(denominator)
    }

    public mutating func add(_ other: OutcomeCounts) {
        for o in HostOutcome.allCases { self[o] += other[o] }
    }

    public mutating func add(_ outcome: HostOutcome) { self[outcome] += 1 }
}
