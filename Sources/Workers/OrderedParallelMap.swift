/// Computes `produce(0)`, `produce(1)`, … `produce(count - 1)` on worker threads and hands each
/// result to `consume` **on the calling thread, in index order**, with memory bounded by a fixed
/// window of results.
///
/// For renderers whose work splits into independent pieces that must end up in one stream in
/// a fixed order (JUnit suites into one file): the pieces are made in parallel, the stream is
/// written by the thread that owns it. The calling thread keeps its task-local values
/// (`AtomicFile.batch`), which raw threads do not inherit.
///
/// - Bounded: a worker starts index `i` only once fewer than `window` results are waiting or in
///   progress beyond the last one handed out, so at most `window` results exist besides the one
///   `consume` is holding, however slow `consume` is.
/// - With one worker (or fewer than two indices) there is no thread at all: `produce` and
///   `consume` alternate on the calling thread, in the same order.
/// - When `consume` throws, no further index is started, the workers finish the ones they are
///   on and are joined, and the error is rethrown. Results not yet consumed are dropped.
///
/// `produce` runs concurrently with itself and must be safe to call from any thread; it cannot
/// throw (return a `Result` to carry a failure to `consume`). The calling thread blocks while it
/// waits for a result, so call this from synchronous code, not from a task that must not block.
public enum OrderedParallelMap {
    /// The window the JUnit writer and most callers want: two results per worker, so that
    /// every worker can start its next piece while `consume` takes the previous one.
    public static func defaultWindow(workers: Int) -> Int { 2 * max(workers, 1) }

    /// Processors online, the default worker count.
    public static var defaultWorkers: Int { WorkerThreads.processorCount }

    /// - Parameters:
    ///   - count: the number of indices, `0..<count`.
    ///   - workers: worker threads to start (at most `count`); `1` or less runs serially.
    ///   - window: results that may exist beyond the last one consumed; raised to `workers`.
    public static func forEach<Output: Sendable, Failure: Error>(
        count: Int, workers: Int, window: Int? = nil,
        produce: @Sendable (Int) -> Output,
        consume: (Int, Output) throws(Failure) -> Void
    ) throws(Failure) {
        precondition(count >= 0, "count must not be negative")
        let threads = min(workers, count)
        guard threads > 1 else {
            for index in 0..<count { try consume(index, produce(index)) }
            return
        }
        let limit = max(window ?? defaultWindow(workers: threads), threads)
        // Every thread is joined before this returns, so `produce` never outlives the call.
        try withoutActuallyEscaping(produce) { (produce) throws(Failure) -> Void in
            let handoff = OrderedHandoff<Output>(count: count, window: limit)
            let started = WorkerPool.start(threads) { handoff.work(produce) }
            defer {
                handoff.cancel()
                started.join()
            }
            guard started.count > 0 else {
                // No thread could be created: the same work, serially.
                for index in 0..<count { try consume(index, produce(index)) }
                return
            }
            for index in 0..<count {
                try consume(index, handoff.take(index))
            }
        }
    }
}
