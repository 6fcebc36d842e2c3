/// The status of a whole run (report-semantics §3): from the stage status when the run has one,
/// else from the CIS task status. The six values mirror `HostOutcome`'s, so that runs and host
/// outcomes are counted with the same keys.
public enum RunStatus: String, CaseIterable, Sendable, Comparable {
    case succeeded
    case failed
    case timedOut = "timed_out"
    case skipped
    case inProgress = "in_progress"
    case unknown

    /// `stageStatus` is `result.status.status`, `taskStatus` the task info's `status`. With
    /// neither (a bare StageResult without `status`, which the API leaves out while the stage
    /// runs) the run is in progress.
    public init(stageStatus: String?, taskStatus: String?) {
        if let stageStatus {
            // The stage status has the hosts' vocabulary (Software.StageStatus.Status).
            self = RunStatus(HostOutcome(stageStatus: stageStatus))
        } else if let taskStatus {
            switch taskStatus {
            case "SUCCEEDED": self = .succeeded
            case "FAILED": self = .failed
            case "PENDING", "RUNNING", "BLOCKED": self = .inProgress
            default: self = .unknown
            }
        } else {
            self = .inProgress
        }
    }

    /// Failed or timed out: the runs the failed-run gate counts.
    @inlinable public var isFailure: Bool { self == .failed || self == .timedOut }

    /// The reason of a run of this status whose first error notification is `firstError`
    /// (report-semantics §3): that error, else `(timed out)` or `(unspecified)`; `nil` for a
    /// run that did not fail or time out.
    public func reason(firstError: Reason?) -> Reason? {
        guard isFailure else { return nil }
        return firstError ?? Reason(id: self == .timedOut ? Reason.timedOut : Reason.unspecified)
    }

    /// The host outcome counted under the same key (`OutcomeCounts` serves both).
    public var countedAs: HostOutcome {
        switch self {
        case .succeeded: return .succeeded
        case .failed: return .failed
        case .timedOut: return .timedOut
        case .skipped: return .skipped
        case .inProgress: return .inProgress
        case .unknown: return .unknown
        }
    }

    public init(_ outcome: HostOutcome) {
        switch outcome {
        case .succeeded: self = .succeeded
        case .failed: self = .failed
        case .timedOut: self = .timedOut
        case .skipped: self = .skipped
        case .inProgress: self = .inProgress
        case .unknown: self = .unknown
        }
    }

    public static func < (a: RunStatus, b: RunStatus) -> Bool { a.countedAs < b.countedAs }
}
