import Synchronization

/// Hands out `0`, `1`, `2`, … to whichever worker asks next (see `WorkerThreads.forEach`).
final class IndexCounter: Sendable {
    private let next = Atomic<Int>(0)

    /// The next unclaimed index, or `nil` once `count` have been claimed.
    func claim(below count: Int) -> Int? {
        let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
        return index < count ? index : nil
    }
}
