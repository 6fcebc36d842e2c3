/// Two pieces of work that share nothing, run at the same time when asked to.
public enum ForkJoin {
    /// `(first(), second())`, computed on two threads when `parallel` (the calling thread takes
    /// `second`, a worker thread `first`); returns when both are done.
    public static func both<A, B>(parallel: Bool, _ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
        guard parallel else { return (first(), second()) }
        let results = Results<A, B>()
        // `first` is joined before this returns, so neither closure outlives the call.
        withoutActuallyEscaping(first) { first in
            let pool = WorkerPool.start(1) { results.first = first() }
            // A thread the system refused: `first` runs here as well.
            if pool.count == 0 { results.first = first() }
            results.second = second()
            pool.join()
        }
        guard let a = results.first, let b = results.second else { preconditionFailure("both parts have run") }
        return (a, b)
    }

    /// Each slot is written by one thread only, and read after the join.
    private final class Results<A, B>: @unchecked Sendable {
        var first: A?
        var second: B?
    }
}
