/// What a generation wrote. The run and outcome counts are what a reader following
/// report-semantics.md must find, so tests and benchmarks can check a report against them.
public struct SampleFleetStats: Sendable, Equatable {
    /// Files written (documents files or JSONL files).
    public var files: Int
    /// Every document written: stage runs, duplicate polls, pending tasks, other operations.
    public var documents: Int
    /// Total size of the files written.
    public var bytes: Int
    /// Host outcomes of the distinct runs (duplicates counted once), as `totals.outcomes`.
    public var hostOutcomes: Int
    /// Distinct stage runs with a result (`inputs.runs`).
    public var runs: Int
    /// Extra copies of a run (`inputs.duplicates`).
    public var duplicates: Int
    /// Stage tasks saved while still `PENDING`, without `result` (`inputs.without_result`).
    public var withoutResult: Int
    /// Task infos of another operation (`inputs.other_operations`).
    public var otherOperations: Int
    /// The host outcomes by class, as `outcomes` in the summary.
    public var outcomes: SampleOutcomeCounts

    public init(
        files: Int = 0, documents: Int = 0, bytes: Int = 0, hostOutcomes: Int = 0,
        runs: Int = 0, duplicates: Int = 0, withoutResult: Int = 0,
        otherOperations: Int = 0, outcomes: SampleOutcomeCounts = SampleOutcomeCounts()
    ) {
        self.files = files
        self.documents = documents
        self.bytes = bytes
        self.hostOutcomes = hostOutcomes
        self.runs = runs
        self.duplicates = duplicates
        self.withoutResult = withoutResult
        self.otherOperations = otherOperations
        self.outcomes = outcomes
    }

    static func += (lhs: inout SampleFleetStats, rhs: SampleFleetStats) {
        lhs.files += rhs.files
        lhs.documents += rhs.documents
        lhs.bytes += rhs.bytes
        lhs.hostOutcomes += rhs.hostOutcomes
        lhs.runs += rhs.runs
        lhs.duplicates += rhs.duplicates
        lhs.withoutResult += rhs.withoutResult
        lhs.otherOperations += rhs.otherOperations
        lhs.outcomes += rhs.outcomes
    }
}

/// Host outcomes classified as in report-semantics.md §2.
public struct SampleOutcomeCounts: Sendable, Equatable {
    public var succeeded = 0
    public var failed = 0
    public var timedOut = 0
    public var skipped = 0
    public var inProgress = 0
    public var unknown = 0

    public init(
        succeeded: Int = 0, failed: Int = 0, timedOut: Int = 0, skipped: Int = 0,
        inProgress: Int = 0, unknown: Int = 0
    ) {
        self.succeeded = succeeded
        self.failed = failed
        self.timedOut = timedOut
        self.skipped = skipped
        self.inProgress = inProgress
        self.unknown = unknown
    }

    public var total: Int { succeeded + failed + timedOut + skipped + inProgress + unknown }

    static func += (lhs: inout SampleOutcomeCounts, rhs: SampleOutcomeCounts) {
        lhs.succeeded += rhs.succeeded
        lhs.failed += rhs.failed
        lhs.timedOut += rhs.timedOut
        lhs.skipped += rhs.skipped
        lhs.inProgress += rhs.inProgress
        lhs.unknown += rhs.unknown
    }
}
