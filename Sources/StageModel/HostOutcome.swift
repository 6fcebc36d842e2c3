/// What happened to one host in one run (report-semantics §2).
public enum HostOutcome: String, CaseIterable, Sendable, Codable, Comparable {
    case succeeded
    case failed
    case timedOut = "timed_out"
    case skipped
    case inProgress = "in_progress"
    case unknown

    /// Classifies a `host_status[host].status` string; `nil` (no status) is `unknown`.
    public init(stageStatus: String?) {
        switch stageStatus {
        case "OK": self = .succeeded
        case "ERROR": self = .failed
        case "TIMED_OUT": self = .timedOut
        case "SKIPPED": self = .skipped
        case "RUNNING", "RETRY_PENDING": self = .inProgress
        default: self = .unknown
        }
    }

    /// Failed or timed out: the outcomes that count against the success rate.
    @inlinable public var isFailure: Bool { self == .failed || self == .timedOut }

    /// Outcomes that have a duration and count in the success rate's denominator.
    @inlinable public var isFinishedAttempt: Bool { self == .succeeded || isFailure }

    /// Position in `allCases`, the order reports list outcomes in.
    public var ordinal: Int {
        switch self {
        case .succeeded: return 0
        case .failed: return 1
        case .timedOut: return 2
        case .skipped: return 3
        case .inProgress: return 4
        case .unknown: return 5
        }
    }

    public static func < (lhs: HostOutcome, rhs: HostOutcome) -> Bool { lhs.ordinal < rhs.ordinal }
}
