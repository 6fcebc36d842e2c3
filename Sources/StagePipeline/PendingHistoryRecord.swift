import Dispatch
import StageIngest
import Synchronization
import Workers

/// The history's transaction, running on a thread of its own while the report is made from
/// the window it gave (`HistoryStep.recordAndSummarize`): the runs are written while the
/// window is aggregated and rendered, instead of before (docs/performance.md). The report's
/// files are put in place only after `finish` has seen the transaction commit, so a failed
/// record leaves no report, as when recording came first.
public final class PendingHistoryRecord: Sendable {
    /// The transaction's thread, until joined; set and taken under `threadLock`.
    private nonisolated(unsafe) var thread: WorkerPool?
    private let threadLock = Mutex(())
    private let windowReady = DispatchSemaphore(value: 0)
    private let state = Mutex(State())

    private struct State {
        var window: Result<(IngestResult, Int), PipelineError>?
        var committed: Result<Void, PipelineError>?
        /// The report failed: the transaction is rolled back rather than committed.
        var abandoned = false
    }

    init() {}

    /// Runs `transaction` on a new thread; false when the system gives none.
    func start(_ transaction: @escaping @Sendable () -> Void) -> Bool {
        let pool = WorkerPool.start(1, transaction)
        guard pool.count == 1 else { return false }
        threadLock.withLock { _ in thread = pool }
        return true
    }

    /// Called by the transaction: the window's runs, and the duplicates dropped, or why there
    /// is none. Only the first call counts.
    func give(_ window: Result<(IngestResult, Int), PipelineError>) {
        let first = state.withLock { s -> Bool in
            guard s.window == nil else { return false }
            s.window = window
            return true
        }
        if first { windowReady.signal() }
    }

    /// Waits for the window.
    func window() throws(PipelineError) -> (IngestResult, Int) {
        windowReady.wait()
        windowReady.signal()
        guard let window = state.withLock({ $0.window }) else { preconditionFailure("a window was given") }
        return try window.get()
    }

    /// Whether the report was abandoned, so that the transaction rolls back.
    var isAbandoned: Bool { state.withLock { $0.abandoned } }

    /// Joins the thread once, whoever asks first.
    private func join() {
        let pool = threadLock.withLock { _ -> WorkerPool? in
            defer { thread = nil }
            return thread
        }
        pool?.join()
    }

    /// Called by the transaction when it ends, committed or not.
    func end(_ result: Result<Void, PipelineError>) {
        give(.failure(result.failure ?? PipelineError(reason: "the history gave no window")))
        state.withLock { $0.committed = result }
    }

    /// The report could not be made: the transaction is to roll back. Waits for it.
    func abandon() {
        state.withLock { $0.abandoned = true }
        join()
    }

    /// Waits for the transaction; throws what made it fail.
    public func finish() throws(PipelineError) {
        join()
        guard let result = state.withLock({ $0.committed }) else { preconditionFailure("the transaction ended") }
        try result.get()
    }
}

extension Result {
    fileprivate var failure: Failure? {
        if case .failure(let e) = self { return e }
        return nil
    }
}
