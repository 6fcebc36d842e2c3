import RunHistory
import RunStorage
import StageIngest
import StageModel

/// The history step (`--history FILE`, issue 18): between reading and aggregating, the runs this
/// invocation kept go into the history, and the window is read back from it and aggregated
/// instead. The window goes through the same spool and duplicate resolution as runs read from
/// files, so a report from the history is the report over the same runs read raw.
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

    /// The window's runs, spooled as if they had been read: with this invocation's input counts,
    /// rejections and input errors from `read`, which are not in the history.
    public func readWindow(inputs read: IngestResult) throws(PipelineError) -> IngestResult {
        var out = IngestResult()
        out.files = read.files
        out.documents = read.documents
        out.withoutResult = read.withoutResult
        out.otherOperations = read.otherOperations
        out.bytes = read.bytes
        out.rejections = read.rejections
        out.inputErrors = read.inputErrors
        var spool = SpoolWriter(store: out.store)
        var table = RunHeaderTable()
        do {
            try history.forEachRun(in: window) { run in
                guard let spooled = spool.append(run) else { return }
                table.append(spooled.header, at: spooled.location)
            }
        } catch {
            throw PipelineError(reason: "\(error)")
        }
        spool.flush()
        if let e = spool.error ?? table.storageError { throw PipelineError(reason: e.description) }
        out.runs = table
        return out
    }
}

extension ReportPipeline {
    /// `summarize` with the history: records the kept runs of `read`, then aggregates the window
    /// read back. `inputs.*` and `rejected` describe this invocation's inputs (`read`).
    public func summarize(_ read: IngestResult, history: HistoryStep, generatedAt: Timestamp) throws(PipelineError)
        -> Output
    {
        let (_, duplicates) = try history.record(read)
        let window = try history.readWindow(inputs: read)
        return try summarize(window, generatedAt: generatedAt, duplicatesBefore: duplicates)
    }
}
