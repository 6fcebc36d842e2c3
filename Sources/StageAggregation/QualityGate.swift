/// A threshold the run must meet; evaluated once, in the run that renders, on the summary.
public enum QualityGate: Sendable, Equatable {
    /// The overall success rate must be at least this (0…1).
    case failUnder(Double)
    /// Every cluster's success rate must be at least this (0…1).
    case failUnderCluster(Double)
    /// Failed plus timed-out host outcomes, plus failed and timed-out runs without any host
    /// outcome, must be at most this.
    case maxFailed(Int)
    /// Runs whose run status is failed or timed out must be at most this.
    case maxFailedRuns(Int)
    /// At least one run must have been found.
    case failOnEmpty
    /// No host or cluster may have newly failed on the latest night (`Summary.changes`).
    case failOnNew
    /// Hosts and clusters that newly failed on the latest night must be at most this.
    case maxNewFailed(Int)
}

/// One gate's verdict with the value it measured.
public struct GateResult: Sendable, Equatable {
    /// `fail-under`, `fail-under-cluster`, `max-failed`, `max-failed-runs`, `fail-on-empty`,
    /// `fail-on-new`, `max-new-failed`.
    public var name: String
    public var threshold: String
    public var measured: String
    public var passed: Bool
    /// What failed, for people: e.g. the clusters under the threshold.
    public var detail: String?

    public init(name: String, threshold: String, measured: String, passed: Bool, detail: String? = nil) {
        self.name = name
        self.threshold = threshold
        self.measured = measured
        self.passed = passed
        self.detail = detail
    }
}
