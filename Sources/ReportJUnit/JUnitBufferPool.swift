import Synchronization

/// Chunk buffers handed back once written, for the next chunks to render into.
///
/// A chunk's buffer is above glibc's fixed mmap threshold (see `MemoryPolicy`), so each new
/// one was its own mapping from the system, every page of it faulted in and zeroed again.
/// The pool holds at most the chunks in flight.
final class JUnitBufferPool: Sendable {
    private struct State {
        var free: [[UInt8]] = []
        /// The buffer given back last. It is still referenced by the chunk that the writer is
        /// finishing with, and a shared buffer cannot be reused in place (emptying it would
        /// allocate a new one), so it is offered only once the next one comes back.
        var latest: [UInt8]?
    }

    private let state = Mutex(State())

    /// A buffer given back, or an empty one; its contents are to be discarded.
    func take() -> [UInt8] {
        state.withLock { $0.free.popLast() } ?? []
    }

    /// Called by the one thread that writes the chunks, after each chunk.
    func give(_ buffer: [UInt8]) {
        state.withLock { s in
            if let previous = s.latest.take() { s.free.append(previous) }
            s.latest = buffer
        }
    }
}
