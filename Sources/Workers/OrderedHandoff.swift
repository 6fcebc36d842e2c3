#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The state `OrderedParallelMap` shares between its workers and the calling thread: which
/// index is next to start, which results are ready, and how far the caller has got.
///
/// A monitor: one pthread mutex guards every stored property, with one condition for the
/// caller (its next result is ready) and one for the workers (the window has room, or the work
/// was cancelled). `@unchecked Sendable` because that locking is what makes it safe.
final class OrderedHandoff<Output: Sendable>: @unchecked Sendable {
    private let count: Int
    private let window: Int
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let ready = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let room = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    /// Result of index `i` at `i % window` until the caller takes it.
    private var slots: [Output?]
    /// The next index a worker will start.
    private var next = 0
    /// Indices the caller has taken; `next - taken` never exceeds `window`.
    private var taken = 0
    private var cancelled = false

    init(count: Int, window: Int) {
        self.count = count
        self.window = window
        slots = Array(repeating: nil, count: window)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(ready, nil)
        pthread_cond_init(room, nil)
    }

    deinit {
        pthread_cond_destroy(room)
        pthread_cond_destroy(ready)
        pthread_mutex_destroy(mutex)
        room.deallocate()
        ready.deallocate()
        mutex.deallocate()
    }

    /// A worker's loop: claim the next index while the window has room, produce it, publish it.
    func work(_ produce: (Int) -> Output) {
        while let index = claim() {
            let output = produce(index)
            pthread_mutex_lock(mutex)
            slots[index % window] = output
            // Only the caller waits on `ready`, and only for index `taken`.
            if index == taken { pthread_cond_signal(ready) }
            pthread_mutex_unlock(mutex)
        }
    }

    /// Waits for result `index` (which must be the next one in order) and takes it out.
    func take(_ index: Int) -> Output {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        precondition(index == taken, "results are taken in order")
        while slots[index % window] == nil { pthread_cond_wait(ready, mutex) }
        let output = slots[index % window].take()!
        taken = index + 1
        pthread_cond_broadcast(room)
        return output
    }

    /// Starts no further index and wakes every waiting worker so that it can leave.
    func cancel() {
        pthread_mutex_lock(mutex)
        cancelled = true
        pthread_cond_broadcast(room)
        pthread_mutex_unlock(mutex)
    }

    /// The next index to produce, once the window has room; `nil` when all are claimed or the
    /// work was cancelled.
    private func claim() -> Int? {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while !cancelled, next < count, next - taken >= window { pthread_cond_wait(room, mutex) }
        guard !cancelled, next < count else { return nil }
        next += 1
        return next - 1
    }
}
