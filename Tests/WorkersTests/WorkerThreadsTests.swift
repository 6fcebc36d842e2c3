import Synchronization
import Testing
import Workers

/// The worker threads every stage runs on: each index handed out once, both halves of a
/// fork-join computed, whatever the number of workers.
@Suite struct WorkerThreadsTests {
    @Test("forEach calls the body once for every index", arguments: [1, 2, 3, 8])
    func forEachVisitsEveryIndexOnce(workers: Int) {
        let count = 1_000
        let visits = Mutex([Int](repeating: 0, count: count))
        WorkerThreads.forEach(count: count, workers: workers) { i in
            visits.withLock { $0[i] += 1 }
        }
        #expect(visits.withLock { $0 } == [Int](repeating: 1, count: count))
    }

    @Test("forEach with no indices calls nothing")
    func forEachOfNothing() {
        let calls = Atomic<Int>(0)
        WorkerThreads.forEach(count: 0, workers: 4) { _ in calls.add(1, ordering: .relaxed) }
        #expect(calls.load(ordering: .relaxed) == 0)
    }

    @Test("run calls the body once per thread asked for", arguments: [1, 2, 5])
    func runCallsEachBodyOnce(count: Int) {
        let calls = Atomic<Int>(0)
        WorkerThreads.run(count: count) { calls.add(1, ordering: .relaxed) }
        #expect(calls.load(ordering: .relaxed) == count)
    }

    @Test("ForkJoin.both returns both results, in parallel or not", arguments: [false, true])
    func forkJoin(parallel: Bool) {
        let (a, b) = ForkJoin.both(parallel: parallel, { (1...100).reduce(0, +) }, { "second" })
        #expect(a == 5_050)
        #expect(b == "second")
    }
}
