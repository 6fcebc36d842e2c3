import StageAggregation
import StageIngest
import StageModel

/// Reads inputs and computes the summary: ingest → duplicate resolution → aggregation.
///
/// Runs are spooled to disk while reading and streamed back one at a time in canonical order,
/// so memory depends on the number of runs (a small header each) and of distinct hosts and
/// clusters, not on the size of the input.
public struct ReportPipeline: Sendable {
    public var ingest: IngestOptions
    public var inventory: ClusterInventory
    public var title: String

    public init(ingest: IngestOptions = IngestOptions(), inventory: ClusterInventory = ClusterInventory(),
                title: String = "Stage report") {
        self.ingest = ingest
        self.inventory = inventory
        self.title = title
    }

    /// The summary, the kept runs in canonical order (for renderers that list host outcomes,
    /// such as JUnit) and the inputs that could not be read.
    public struct Output: Sendable {
        public var summary: Summary
        public var runs: StoredRuns
        public var inputErrors: [InputError]
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
        let (kept, duplicates) = RunDeduplicator.resolve(read.runs)
        let runs = StoredRuns(store: read.store, runs: read.runs, kept: kept)
        let builder = try aggregate(runs)
        var counts = InputCounts()
        counts.files = read.files
        counts.documents = read.documents
        counts.duplicates = duplicates
        counts.rejected = read.rejections.count
        counts.withoutResult = read.withoutResult
        counts.otherOperations = read.otherOperations
        counts.bytes = read.bytes
        let summary = builder.summary(title: title, generatedAt: generatedAt, inputs: counts, rejected: read.rejections,
                                      workers: ingest.workers)
        return Output(summary: summary, runs: runs, inputErrors: read.inputErrors)
    }
}

extension ReportPipeline {
    /// Folds the runs into a `SummaryBuilder` on all workers: each worker takes whole clusters
    /// (a cluster's hosts and streaks need its runs in order) and sees them in canonical order;
    /// the builders are then merged, which gives the same summary as one builder.
    func aggregate(_ runs: StoredRuns) throws(PipelineError) -> SummaryBuilder {
        let workers = max(1, min(ingest.workers, runs.count))
        // Clusters go to workers in turn, in order of first appearance.
        var share = [[Int]](repeating: [], count: workers)
        var workerOf: [Int64: Int] = [:]
        for i in runs.indices {
            let n = runs.clusterNumber(i)
            if workerOf[n] == nil { workerOf[n] = workerOf.count % workers }
            share[workerOf[n]!].append(i)
        }
        let inventory = self.inventory
        // Builders merge in worker order, so the result does not depend on which finishes first.
        // The first is taken as it is rather than merged into an empty one, which would copy it.
        var merged: SummaryBuilder?
        try OrderedParallelMap.forEach(count: workers, workers: workers) { [share] w -> Result<SummaryBuilder, PipelineError> in
            var builder = SummaryBuilder(inventory: inventory)
            for i in share[w] {
                do throws(PipelineError) { builder.add(try runs.load(i), canonicalIndex: i) } catch { return .failure(error) }
            }
            return .success(builder)
        } consume: { (_, built) throws(PipelineError) in
            let builder = try built.get()
            if merged == nil { merged = builder } else { merged!.merge(builder) }
        }
        return merged ?? SummaryBuilder(inventory: inventory)
    }
}

/// Runs in canonical order that can tell a run's identity without decoding its hosts.
public protocol RunCollection: RandomAccessCollection where Element == StageRun, Index == Int {
    func identity(_ i: Int) -> RunIdentity
}

extension Array: RunCollection where Element == StageRun {
    public func identity(_ i: Int) -> RunIdentity { self[i].identity }
}

/// The kept runs in canonical order, decoded from the spool one at a time on access.
public struct StoredRuns: RunCollection, Sendable {
    let store: RunStore
    /// Every run read, in input order; `kept` picks and orders the ones that count.
    let runs: RunHeaderTable
    let kept: [Int]

    public var startIndex: Int { 0 }
    public var endIndex: Int { kept.count }

    public func identity(_ i: Int) -> RunIdentity { runs.identity(kept[i]) }

    /// Equal for runs of the same cluster.
    func clusterNumber(_ i: Int) -> Int64 { runs.clusterNumber(kept[i]) }

    public func load(_ i: Int) throws(PipelineError) -> StageRun {
        let row = kept[i]
        do {
            var run = try store.load(runs.location(row))
            // The spool holds the run as read: its path is the table's, its line numbers are
            // not yet shifted to the whole file's.
            run.source = runs.source(row, path: run.source.path)
            return run
        } catch {
            throw PipelineError(reason: "cannot read back run \(runs.source(row)): \(error.reason)")
        }
    }

    /// Decodes on access. A spool that cannot be read back (it is this process's own temporary
    /// file) is a broken invariant, hence the trap rather than a thrown error here; `load(_:)`
    /// is the throwing form.
    public subscript(i: Int) -> StageRun {
        do { return try load(i) } catch { preconditionFailure(error.reason) }
    }
}

/// The pipeline could not complete (its temporary run spool failed).
public struct PipelineError: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}
