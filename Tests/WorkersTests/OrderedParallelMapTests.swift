import Workers

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Synchronization
import Testing

/// `OrderedParallelMap`: order, the window bound, stopping on an error, and that it really is
/// parallel.
@Suite struct OrderedParallelMapTests {
    struct Stop: Error, Equatable {}

    /// A little uneven work, so that workers finish out of order.
    static func work(_ i: Int) -> Int {
        var x = UInt64(i) &+ 1
        for _ in 0..<((i * 7_919) % 2_000) { x = x &* 6_364_136_223_846_793_005 &+ 1 }
        return i * i + Int(x & 0)
    }

    @Test(arguments: [0, 1, 2, 5, 300], [1, 2, 3, 8])
    func deliversEveryResultInOrder(count: Int, workers: Int) {
        for window in [nil, 1, 3] as [Int?] {
            var seen: [(Int, Int)] = []
            OrderedParallelMap.forEach(count: count, workers: workers, window: window) { i in
                Self.work(i)
            } consume: { i, value in
                seen.append((i, value))
            }
            #expect(seen.map(\.0) == Array(0..<count), "workers \(workers) window \(String(describing: window))")
            #expect(seen.allSatisfy { $0.1 == $0.0 * $0.0 })
        }
    }

    /// However slow the consumer, workers never get more than `window` results ahead of it. The
    /// consumer holds the first result until the workers have filled the window (an event, not
    /// a delay), so running ahead is shown whatever the machine's speed.
    @Test(arguments: [(2, 2), (3, 4), (2, 6)])
    func staysWithinTheWindow(workers: Int, window: Int) {
        let started = Atomic<Int>(0)
        var furthestAhead = 0
        var filled = false
        OrderedParallelMap.forEach(count: 200, workers: workers, window: window) { i in
            started.add(1, ordering: .sequentiallyConsistent)
            return i
        } consume: { i, _ in
            if i == 0 {
                // Bounded at 10 s: a map that never runs ahead fails below instead of hanging.
                for _ in 0..<10_000 where started.load(ordering: .sequentiallyConsistent) < window { usleep(1_000) }
                filled = started.load(ordering: .sequentiallyConsistent) >= window
            }
            // `i` results were consumed before this one; the one in hand counts as ahead.
            furthestAhead = max(furthestAhead, started.load(ordering: .sequentiallyConsistent) - i)
        }
        #expect(filled, "workers should run ahead of a consumer that waits")
        #expect(furthestAhead <= window + 1)
        #expect(furthestAhead >= window)
    }

    @Test(arguments: [1, 2, 3])
    func stopsWhenConsumeThrows(workers: Int) {
        let window = 4
        let started = Atomic<Int>(0)
        var consumed: [Int] = []
        #expect(throws: Stop()) {
            try OrderedParallelMap.forEach(count: 1_000, workers: workers, window: window) { i in
                started.add(1, ordering: .relaxed)
                return i
            } consume: { (i, _) throws(Stop) in
                consumed.append(i)
                if i == 10 { throw Stop() }
            }
        }
        #expect(consumed == Array(0...10))
        #expect(started.load(ordering: .relaxed) <= 11 + window, "no index starts after the error")
    }

    /// Two results that can only be made together: each waits (up to 10 s) for the other to
    /// start. With two workers both see the other; run one after the other, neither would.
    @Test func producesConcurrently() {
        let arrived = Atomic<Int>(0)
        var results: [Bool] = []
        OrderedParallelMap.forEach(count: 2, workers: 2) { _ in
            arrived.add(1, ordering: .sequentiallyConsistent)
            for _ in 0..<10_000 where arrived.load(ordering: .sequentiallyConsistent) < 2 { usleep(1_000) }
            return arrived.load(ordering: .sequentiallyConsistent) == 2
        } consume: { _, met in
            results.append(met)
        }
        #expect(results == [true, true])
    }

    /// One worker means no thread: everything happens on the calling thread.
    @Test func oneWorkerStaysOnTheCallingThread() {
        let caller = pthread_self()
        var onCaller: [Bool] = []
        OrderedParallelMap.forEach(count: 20, workers: 1) { _ in
            pthread_equal(pthread_self(), caller) != 0
        } consume: { _, same in
            onCaller.append(same)
        }
        #expect(onCaller == Array(repeating: true, count: 20))
    }
}
