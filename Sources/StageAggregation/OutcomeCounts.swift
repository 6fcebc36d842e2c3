import StageModel

/// Host outcomes counted by kind; every grouping of the summary carries one. Each count is a
/// `Count32`: every commit and day of every cluster carries two of these.
public struct OutcomeCounts: Sendable, Equatable, Hashable {
    @Count32 public var succeeded = 0
    @Count32 public var failed = 0
    @Count32 public var timedOut = 0
    @Count32 public var skipped = 0
    @Count32 public var inProgress = 0
    @Count32 public var unknown = 0

    public init() {}

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
