import Files
import StageAggregation
import StageIngest
import StageModel
import Waivers
import Workers

/// Reads inputs and computes the summary: ingest → duplicate resolution → aggregation.
///
/// Runs are spooled to disk while reading and streamed back one at a time in canonical order;
/// what is known of each run (its header, then its place in the orders) is in temporary files
/// too. Memory depends on the number of distinct hosts, clusters and commits, not on the number
/// of runs or the size of the input.
public struct ReportPipeline: Sendable {
    public var ingest: IngestOptions
    public var inventory: ClusterInventory
    public var title: String
    /// The waiver file (`--waivers`), matched at the report's `generated_at`; `nil`: none given,
    /// and the summary has no waiver figures at all.
    public var waivers: WaiverSet?
    /// Whether the summary lists every host (`Summary.hosts`): only hosts.csv reads that list,
    /// and it grows with the number of hosts, so it is made only when CSV is asked for.
    public var listsEveryHost = false
    /// Whether the summary says what changed on the latest night (`Summary.changes`): with a
    /// history, or when asked for.
    public var tracksChanges = false
    /// Gives freed memory back to the system; called while the summary is built (see
    /// `SummaryBuilder.summary`). The command line passes `malloc_trim`.
    public var releaseFreePages: @Sendable () -> Void = {}

    public init(
        ingest: IngestOptions = IngestOptions(), inventory: ClusterInventory = ClusterInventory(),
        title: String = "Stage report"
    ) {
        self.ingest = ingest
        self.inventory = inventory
        self.title = title
    }

    /// The summary, the kept runs in canonical order (for renderers that list host outcomes,
    /// such as JUnit) and the inputs that could not be read.
    public struct Output: Sendable {
        public var summary: Summary
        public var runs: StoredRuns
        public var inputErrors: [FileError]
        /// The waivers as the summary was made with them, for renderers that judge host outcomes
        /// again while reading the runs (JUnit); `nil` without a waiver file.
        public var waivers: WaiverJudge?
        /// With a history, the kept runs this invocation read (`runs` is the window's); nil
        /// without one.
        public var invocationRuns: StoredRuns?
        /// The runs the JUnit files describe when not all of `runs`: with a history, by default
        /// `invocationRuns` (issue 18, `--junit-runs`); nil: `runs`.
        public var junitRuns: StoredRuns?
        /// With `--history`, the history's transaction, still writing while the report is
        /// rendered: `finish()` it before putting the report in place (`HistoryStep`).
        public var pendingHistory: PendingHistoryRecord?
    }

    public func run(_ inputs: [String], generatedAt: Timestamp) throws(PipelineError) -> Output {
        try summarize(read(inputs), generatedAt: generatedAt)
    }

    /// Reads the inputs (the part a `--partial` file records).
    public func read(_ inputs: [String]) throws(PipelineError) -> IngestResult {
        let read = Ingestor(options: ingest).ingest(inputs)
        if let e = read.spoolError { throw PipelineError(reason: e.description) }
        return read
    }

    /// Resolves duplicates and aggregates what was read, here or in partial files.
    public func summarize(_ read: IngestResult, generatedAt: Timestamp) throws(PipelineError) -> Output {
        try summarize(read, generatedAt: generatedAt, duplicatesBefore: 0)
    }

    /// `duplicatesBefore`: duplicates this invocation dropped before `read` (the history step
    /// resolves them before recording, so the window read back has none).
    func summarize(_ read: IngestResult, generatedAt: Timestamp, duplicatesBefore: Int) throws(PipelineError)
        -> Output
    {
        let (runs, duplicates) = try StoredRuns.resolve(read.runs, store: read.store)
        let index = waivers.map { WaiverIndex($0, now: generatedAt) }
        let builder = try aggregate(runs, waivers: index)
        let warmMatcher = builder.waiverMatcher
        var counts = InputCounts()
        counts.files = read.files
        counts.documents = read.documents
        counts.duplicates = duplicatesBefore + duplicates
        counts.rejected = read.rejections.count
        counts.withoutResult = read.withoutResult
        counts.otherOperations = read.otherOperations
        counts.bytes = read.bytes
        let summary = builder.summary(
            title: title, generatedAt: generatedAt, inputs: counts, rejected: read.rejections,
            workers: ingest.workers, listEveryHost: listsEveryHost, releaseFreePages: releaseFreePages)
        return Output(
            summary: summary, runs: runs, inputErrors: read.inputErrors,
            waivers: index.map { WaiverJudge(index: $0, inventory: inventory, warmMatcher: warmMatcher) })
    }
}

extension ReportPipeline {
    /// Folds the runs into a `SummaryBuilder` on all workers: each worker takes whole clusters
    /// (a cluster's hosts and streaks need its runs in order) and sees them in canonical order;
    /// the builders are then merged, which gives the same summary as one builder.
    func aggregate(_ runs: StoredRuns, waivers: WaiverIndex? = nil) throws(PipelineError) -> SummaryBuilder {
        let workers = max(1, min(ingest.workers, runs.count))
        let inventory = self.inventory, tracksChanges = self.tracksChanges
        // Builders merge in worker order, so the result does not depend on which finishes first.
        // The first is taken as it is rather than merged into an empty one, which would copy it.
        var merged: SummaryBuilder?
        try OrderedParallelMap.forEach(count: workers, workers: workers) { w -> Result<SummaryBuilder, PipelineError> in
            // Each worker's builder makes its own waiver matcher: matchers cache and are not shared.
            var builder = SummaryBuilder(inventory: inventory, waivers: waivers, tracksChanges: tracksChanges)
            do throws(PipelineError) {
                // Clusters are numbered in order of first appearance, so they go to workers in turn.
                try runs.forEach(cluster: { $0 % workers == w }) { (p, run) throws(PipelineError) in
                    builder.add(run, canonicalIndex: p)
                }
                // Here, on the thread whose heap holds the host tables.
                builder.sealHosts()
            } catch {
                return .failure(error)
            }
            return .success(builder)
        } consume: { (_, built) throws(PipelineError) in
            let builder = try built.get()
            if merged == nil { merged = builder } else { merged!.merge(builder) }
        }
        return merged ?? SummaryBuilder(inventory: inventory, waivers: waivers, tracksChanges: tracksChanges)
    }
}

/// The pipeline could not complete (its temporary run spool failed).
public struct PipelineError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}
