/// Matches candidates against a `WaiverIndex` for one thread. It remembers, per match key,
/// which waivers accept each value it has seen (a host name, a notification id, a commit), so
/// that the globs run once per distinct value, not once per outcome: a fleet's outcomes repeat
/// the same hosts, reasons and commits night after night. A candidate then costs one hash
/// look-up per key some waiver uses, and a few word-wise ANDs.
///
/// Not to be shared between threads (it is a value; a copy has its own cache). Its memory grows
/// with the distinct values seen: about 100 bytes per value for up to 64 waivers, 8 more bytes
/// per value for every further 64.
public struct WaiverMatcher: Sendable {
    public let index: WaiverIndex
    private let caching: Bool
    private var cache: [[String: WaiverBits]]
    /// The candidate's waivers so far; kept to spare an allocation per candidate.
    private var scratch: [UInt64]

    public init(index: WaiverIndex) { self.init(index: index, caching: true) }

    init(index: WaiverIndex, caching: Bool) {
        self.index = index
        self.caching = caching
        cache = Array(repeating: [:], count: WaiverMatchKey.allCases.count)
        scratch = [UInt64](repeating: 0, count: index.expired.words.count)
    }

    /// Which waiver waives `candidate`, and which expired one would have: see `WaiverVerdict`.
    public mutating func verdict(for candidate: WaiverCandidate) -> WaiverVerdict {
        guard !index.lookupOrder.isEmpty else { return .none }
        var first = true
        for key in index.lookupOrder {
            switch key {
            case .vcenter: combine(key, candidate.vcenter, nil, first: first)
            case .cluster: combine(key, candidate.clusterID, candidate.clusterName, first: first)
            case .host: combine(key, candidate.hostID, candidate.hostName, first: first)
            case .reason: combine(key, candidate.reasonID, nil, first: first)
            case .commit: combine(key, candidate.commit, nil, first: first)
            }
            first = false
            if scratch.allSatisfy({ $0 == 0 }) { return .none }
        }
        let expired = index.expired.words
        return WaiverVerdict(
            waivedBy: WaiverBits.first(scratch, mask: expired, inverted: true),
            expiredMatch: WaiverBits.first(scratch, mask: expired, inverted: false))
    }

    /// `scratch` ∧= (waivers accepting `a` ∨ waivers accepting `b`); with neither value, only the
    /// waivers without the key remain (a run has no host: a waiver with `host` cannot match it).
    /// Word by word into `scratch`: a union built as a value would copy a cached array.
    private mutating func combine(_ key: WaiverMatchKey, _ a: String?, _ b: String?, first: Bool) {
        let keyIndex = index.keys[key.ordinal]
        let x: WaiverBits, y: WaiverBits
        switch (a, b) {
        case (nil, nil):
            (x, y) = (keyIndex.unkeyed, keyIndex.unkeyed)
        case (let a?, nil), (nil, let a?):
            x = accepting(key, a)
            y = x
        case (let a?, let b?):
            x = accepting(key, a)
            y = b == a ? x : accepting(key, b)
        }
        for i in scratch.indices {
            let accepted = x.words[i] | y.words[i]
            scratch[i] = first ? accepted : scratch[i] & accepted
        }
    }

    private mutating func accepting(_ key: WaiverMatchKey, _ value: String) -> WaiverBits {
        let k = key.ordinal
        if let hit = cache[k][value] { return hit }
        let bits = index.keys[k].accepting(value)
        if caching { cache[k][value] = bits }
        return bits
    }
}
