import RunHistory
import RunStorage
import StageIngest
import StageModel
import Workers

/// The history step (`--history FILE`, issue 18): between reading and aggregating, the runs this
/// invocation kept go into the history, and the history's window is aggregated instead. The
/// window goes through the same spool and duplicate resolution as runs read from files, so a
/// report from the history is the report over the same runs read raw.
public struct HistoryStep: Sendable {
    public var history: RunHistory
    /// The nights reported on, up to the latest run.
    public var window: HistoryWindow
    /// The nights kept; older runs are pruned in the recording transaction.
    public var keep: HistoryWindow

    public init(
        history: RunHistory, window: HistoryWindow = HistoryWindow(),
        keep: HistoryWindow = HistoryWindow(nights: HistoryWindow.defaultKeepNights)
    ) {
        self.history = history
        self.window = window
        self.keep = keep
    }

    /// Records the runs of `read` that duplicate resolution keeps, in one transaction.
    @discardableResult
    public func record(_ read: IngestResult) throws(PipelineError) -> (stats: RecordStats, duplicates: Int) {
        let (runs, duplicates) = try StoredRuns.resolve(read.runs, store: read.store)
        do {
            let stats = try history.record(keep: keep) { recorder in
                try runs.forEach(cluster: { _ in true }) { (_, run) throws(PipelineError) in
                    do { try recorder.add(run) } catch { throw PipelineError(reason: "\(error)") }
                }
            }
            return (stats, duplicates)
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError(reason: "\(error)")
        }
    }

    /// Records the runs of `read` that duplicate resolution keeps and summarises the window with
    /// `summarize` (given the window's runs as if read, with this invocation's input counts,
    /// rejections and input errors, which the history does not hold, and the duplicates
    /// dropped). One transaction: which runs are stored is decided from their headers first;
    /// the window is this invocation's stored runs, from its spool (they are what the history
    /// will hold, byte for byte), and the file's other runs, spooled again; it is aggregated
    /// on the workers while the runs are written on this thread.
    func recordAndSummarize(
        _ read: IngestResult,
        _ summarize: @escaping @Sendable (IngestResult, Int) throws(PipelineError) -> ReportPipeline.Output
    ) throws(PipelineError) -> ReportPipeline.Output {
        let (runs, duplicates, position) = try StoredRuns.resolvePlacing(read.runs, store: read.store)
        var out = IngestResult()
        out.files = read.files
        out.documents = read.documents
        out.withoutResult = read.withoutResult
        out.otherOperations = read.otherOperations
        out.bytes = read.bytes
        out.rejections = read.rejections
        out.inputErrors = read.inputErrors
        out.store = read.store
        // Whether each kept run (by canonical position) is to be stored.
        var admitted = [Bool](repeating: false, count: runs.count)
        var table = RunHeaderTable()
        var spool = SpoolWriter(store: read.store)
        do {
            return try history.record(keep: keep, window: window) { recorder in
                var row = 0
                try read.runs.forEach { header, _ in
                    defer { row += 1 }
                    let p = Int(position[row])
                    if p >= 0 { admitted[p] = try recorder.admit(header) }
                }
            } older: { run in
                guard let spooled = spool.append(run) else { return }
                table.append(spooled.header, at: spooled.location)
            } store: { recorder, cutoff in
                var row = 0
                try read.runs.forEach { header, location in
                    defer { row += 1 }
                    let p = Int(position[row])
                    guard p >= 0, admitted[p] else { return }
                    if let cutoff, !HistoryWindow.includes(header, cutoff: cutoff) { return }
                    table.append(header, at: location)
                }
                spool.flush()
                if let e = spool.error ?? table.storageError { throw PipelineError(reason: e.description) }
                out.runs = table
                return try Self.write(runs, admitted: admitted, recorder: recorder) { [out] () throws(PipelineError) in
                    try summarize(out, duplicates)
                }
            }.result
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError(reason: "\(error)")
        }
    }

    /// Writes the admitted runs on this thread (the database's) while `aggregate` runs on
    /// another, which starts the aggregation's own workers: recording no longer waits for the
    /// aggregation, nor the aggregation for recording (docs/performance.md).
    private static func write(
        _ runs: StoredRuns, admitted: [Bool], recorder: HistoryRecorder,
        while aggregate: @escaping @Sendable () throws(PipelineError) -> ReportPipeline.Output
    ) throws -> ReportPipeline.Output {
        // Used on this thread only, as `RunHistory.record` requires.
        nonisolated(unsafe) let recorder = recorder
        let (summary, written) = ForkJoin.both(parallel: true) {
            Result { () throws(PipelineError) in try aggregate() }
        } _: {
            Result { () throws(PipelineError) in
                try runs.order.forEach { (p, entry) throws(PipelineError) in
                    guard admitted[p] else { return }
                    let run = try runs.load(entry, position: p)
                    do { try recorder.insert(run) } catch { throw PipelineError(reason: "\(error)") }
                }
            }
        }
        try written.get()
        return try summary.get()
    }
}

extension ReportPipeline {
    /// `summarize` with the history: records the kept runs of `read`, then aggregates the window
    /// read back. `inputs.*` and `rejected` describe this invocation's inputs (`read`).
    public func summarize(_ read: IngestResult, history: HistoryStep, generatedAt: Timestamp) throws(PipelineError)
        -> Output
    {
        try history.recordAndSummarize(read) { (window, duplicates) throws(PipelineError) in
            try summarize(window, generatedAt: generatedAt, duplicatesBefore: duplicates)
        }
    }
}
