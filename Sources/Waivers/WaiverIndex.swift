import StageModel

/// A waiver set ready for matching at one `now`: per match key, exact values hashed and each
/// distinct glob compiled once, and which waivers have expired. Immutable, and shared by all
/// worker threads; each thread matches through its own `WaiverMatcher`, which caches.
public final class WaiverIndex: Sendable {
    public let set: WaiverSet
    /// The time expiry is judged at (the report's `generated_at`).
    public let now: Timestamp
    /// Waivers whose last day is before `now`'s UTC day.
    let expired: WaiverBits
    /// One per `WaiverMatchKey.allCases`, in that order.
    let keys: [WaiverKeyIndex]
    /// The keys some waiver uses, most selective first, so that a candidate no waiver can match
    /// is usually rejected at the first: host, reason, cluster, commit, vCenter.
    let lookupOrder: [WaiverMatchKey]

    public init(_ set: WaiverSet, now: Timestamp) {
        self.set = set
        self.now = now
        var expired = WaiverBits(count: set.count)
        for waiver in set.waivers where waiver.isExpired(at: now) { expired.insert(waiver.position) }
        self.expired = expired
        let keys = WaiverMatchKey.allCases.map { WaiverKeyIndex(key: $0, waivers: set.waivers) }
        self.keys = keys
        let order: [WaiverMatchKey] = [.host, .reason, .cluster, .commit, .vcenter]
        lookupOrder = order.filter { keys[$0.ordinal].isUsed }
    }

    /// A matcher for one thread.
    public func makeMatcher() -> WaiverMatcher { WaiverMatcher(index: self) }

    /// The verdict without any cache: what `WaiverMatcher.verdict(for:)` returns, at a cost of
    /// every glob of the used keys per call. For a few candidates (tests, a run or two).
    public func verdict(for candidate: WaiverCandidate) -> WaiverVerdict {
        var matcher = WaiverMatcher(index: self, caching: false)
        return matcher.verdict(for: candidate)
    }
}

extension WaiverMatchKey {
    /// Position in `allCases`.
    var ordinal: Int {
        switch self {
        case .vcenter: return 0
        case .cluster: return 1
        case .host: return 2
        case .reason: return 3
        case .commit: return 4
        }
    }
}
