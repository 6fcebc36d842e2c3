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

    /// Records the runs of `read` that duplicate resolution keeps and returns the window's runs
    /// as if they had been read, with this invocation's input counts, rejections and input
    /// errors (which the history does not hold), and how many duplicates were dropped. One
    /// transaction: the runs it stored are taken from this invocation's spool (they are what
    /// the history now holds, byte for byte), the window's other runs are read from the file.
    public func recordAndReadWindow(_ read: IngestResult) throws(PipelineError) -> (
        window: IngestResult, duplicates: Int
    ) {
        let (runs, duplicates) = try StoredRuns.resolve(read.runs, store: read.store)
        var out = IngestResult()
        out.files = read.files
        out.documents = read.documents
        out.withoutResult = read.withoutResult
        out.otherOperations = read.otherOperations
        out.bytes = read.bytes
        out.rejections = read.rejections
        out.inputErrors = read.inputErrors
        out.store = read.store
        // The runs stored now, with their place in this invocation's spool, until the window is
        // known (it ends at the latest run, which may be among them); on disk, as run tables are.
        var stored = RunHeaderTable()
        var times: [Int64?] = []
        var table = RunHeaderTable()
        var spool = SpoolWriter(store: read.store)
        let cutoff: Int64?
        do {
            // Unordered: duplicate resolution sorts the window as it sorts runs read from files.
            (_, cutoff) = try history.record(keep: keep, window: window, ordered: false) { recorder in
                try runs.order.forEach { (p, entry) throws(PipelineError) in
                    let run = try runs.load(entry, position: p)
                    let written: Bool
                    do { written = try recorder.add(run) } catch { throw PipelineError(reason: "\(error)") }
                    guard written else { return }
                    stored.append(run.header, at: entry.location)
                    times.append((run.start ?? run.end ?? run.lastUpdate)?.milliseconds)
                }
            } older: { run in
                guard let spooled = spool.append(run) else { return }
                table.append(spooled.header, at: spooled.location)
            }
            var row = 0
            try stored.forEach { header, location in
                defer { row += 1 }
                if let cutoff, let time = times[row], time < cutoff { return }
                table.append(header, at: location)
            }
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError(reason: "\(error)")
        }
        spool.flush()
        if let e = spool.error ?? table.storageError ?? stored.storageError {
            throw PipelineError(reason: e.description)
        }
        out.runs = table
        return (out, duplicates)
    }
}

extension ReportPipeline {
    /// `summarize` with the history: records the kept runs of `read`, then aggregates the window
    /// read back. `inputs.*` and `rejected` describe this invocation's inputs (`read`).
    public func summarize(_ read: IngestResult, history: HistoryStep, generatedAt: Timestamp) throws(PipelineError)
        -> Output
    {
        let (window, duplicates) = try history.recordAndReadWindow(read)
        return try summarize(window, generatedAt: generatedAt, duplicatesBefore: duplicates)
    }
}
