import Dispatch

/// Two pieces of work that share nothing, run at the same time when asked to.
enum ForkJoin {
    /// `(first(), second())`, computed on two threads when `parallel` (the calling thread takes
    /// one of them); returns when both are done.
    static func both<A, B>(parallel: Bool, _ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
        guard parallel else { return (first(), second()) }
        let results = Results<A, B>()
        // Each iteration writes its own slot, and concurrentPerform returns after both.
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            if i == 0 { results.first = first() } else { results.second = second() }
        }
        guard let a = results.first, let b = results.second else { preconditionFailure("both parts have run") }
        return (a, b)
    }

    private final class Results<A, B>: @unchecked Sendable {
        var first: A?
        var second: B?
    }
}
