#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one way this package runs work in parallel: plain POSIX threads (`WorkerPool`), not
/// Dispatch or tasks. The work is CPU-bound and blocking, the pool is exact, and each thread
/// allocates from its own malloc arena, which the aggregation relies on (it seals what a
/// worker built on that worker's thread, so that freeing it gives the arena back whole).
public enum WorkerThreads {
    /// Processors online: the default number of workers of every stage.
    public static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Runs `body` on `count` threads and waits for all of them.
    public static func run(count: Int, _ body: @escaping @Sendable () -> Void) {
        let pool = WorkerPool.start(count, body)
        // A thread the system refused: its share runs on this one.
        for _ in pool.count..<max(count, pool.count) { body() }
        pool.join()
    }

    /// Calls `body(0)`, `body(1)`, … `body(count - 1)` on up to `workers` threads, each index
    /// once, in no particular order, and returns when all are done. With one worker (or one
    /// index) everything runs on the calling thread, in order.
    public static func forEach(count: Int, workers: Int = processorCount, _ body: @Sendable (Int) -> Void) {
        let threads = min(max(workers, 1), count)
        guard threads > 1 else {
            for index in 0..<count { body(index) }
            return
        }
        // Every thread is joined before this returns, so `body` never outlives the call.
        withoutActuallyEscaping(body) { body in
            let next = IndexCounter()
            run(count: threads) {
                while let index = next.claim(below: count) { body(index) }
            }
        }
    }
}
