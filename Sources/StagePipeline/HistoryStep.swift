import RunHistory
import RunStorage
import StageIngest
import StageModel

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
    /// dropped). One transaction, on a thread of its own: which runs are stored is decided from
    /// their headers first; the window is this invocation's stored runs, from its spool (they
    /// are what the history will hold, byte for byte), and the file's other runs, spooled
    /// again; the report is made from it while the runs are written. The output's
    /// `pendingHistory` must be finished before the report is put in place.
    func recordAndSummarize(
        _ read: IngestResult, _ summarize: (IngestResult, Int) throws(PipelineError) -> ReportPipeline.Output
    ) throws(PipelineError) -> ReportPipeline.Output {
        let (runs, duplicates, position) = try StoredRuns.resolvePlacing(read.runs, store: read.store)
        let pending = PendingHistoryRecord()
        let started = pending.start { [self] in
            pending.end(
                Result { () throws(PipelineError) in
                    try transaction(read, runs: runs, position: position, duplicates: duplicates, pending: pending)
                })
        }
        // No thread to be had: the transaction runs here, and commits before the report is made.
        if !started {
            pending.end(
                Result { () throws(PipelineError) in
                    try transaction(read, runs: runs, position: position, duplicates: duplicates, pending: pending)
                })
        }
        let (window, dropped) = try pending.window()
        var output: ReportPipeline.Output
        do { output = try summarize(window, dropped) } catch {
            pending.abandon()
            throw error
        }
        output.pendingHistory = pending
        // This invocation's kept runs: what JUnit describes with a history (`--junit-runs`).
        output.invocationRuns = runs
        return output
    }

    /// The record: admits the kept runs, reads the window and gives it to `pending`, then
    /// writes the admitted runs (rolled back when the report was abandoned meanwhile).
    private func transaction(
        _ read: IngestResult, runs: StoredRuns, position: [Int32], duplicates: Int, pending: PendingHistoryRecord
    ) throws(PipelineError) {
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
        // The window's older runs, spooled again by the part of the window they were read in.
        let parts = [WindowPart(store: read.store), WindowPart(store: read.store)]
        do {
            _ = try history.record(keep: keep, window: window) { recorder in
                var row = 0
                try read.runs.forEach { header, _ in
                    defer { row += 1 }
                    let p = Int(position[row])
                    if p >= 0 { admitted[p] = try recorder.admit(header) }
                }
            } older: { part, run in
                parts[part].append(run)
            } store: { recorder, cutoff in
                var table = parts[0].table
                var spool = parts[0].spool
                spool.flush()
                parts[1].spool.flush()
                if let e = parts[1].spool.error ?? parts[1].table.storageError {
                    throw PipelineError(reason: e.description)
                }
                try parts[1].table.forEach { header, location in table.append(header, at: location) }
                var row = 0
                try read.runs.forEach { header, location in
                    defer { row += 1 }
                    let p = Int(position[row])
                    guard p >= 0, admitted[p] else { return }
                    if let cutoff, !HistoryWindow.includes(header, cutoff: cutoff) { return }
                    table.append(header, at: location)
                }
                if let e = spool.error ?? table.storageError { throw PipelineError(reason: e.description) }
                out.runs = table
                pending.give(.success((out, duplicates)))
                try runs.order.forEach { (p, entry) throws(PipelineError) in
                    guard admitted[p] else { return }
                    let run = try runs.load(entry, position: p)
                    do { try recorder.insert(run) } catch { throw PipelineError(reason: "\(error)") }
                }
                if pending.isAbandoned { throw PipelineError(reason: "the report failed") }
            }
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError(reason: "\(error)")
        }
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

/// One part of the window read from the history (`RunHistory.record`'s `older`), spooled by
/// the thread that reads it: each part is appended to by one thread only.
private final class WindowPart: @unchecked Sendable {
    var spool: SpoolWriter
    var table = RunHeaderTable()

    init(store: RunStore) { spool = SpoolWriter(store: store) }

    func append(_ run: StageRun) {
        guard let spooled = spool.append(run) else { return }
        table.append(spooled.header, at: spooled.location)
    }
}
