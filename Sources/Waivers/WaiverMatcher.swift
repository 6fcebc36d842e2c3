/// Matches candidates against a `WaiverIndex` for one thread. It remembers, per match key,
/// which waivers accept each value it has seen (a host's id and name, a cluster's, a
/// notification id, a commit), so that the globs run once per distinct value, not once per
/// outcome: a fleet's outcomes repeat the same hosts, reasons and commits night after night. A
/// host outcome then costs one hash of its host id for its vCenter, cluster and host together,
/// at most one more per other key some waiver uses (none for a value equal to the previous
/// candidate's), and a few word-wise ANDs.
///
/// Not to be shared between threads (it is a value; a copy has its own cache); one per worker,
/// which then records its verdicts in its own `WaiverLedger`. Its memory grows with the distinct
/// hosts and values it sees: a few hundred bytes each, plus 8 bytes per answer per 64 waivers.
public struct WaiverMatcher: Sendable {
    public let index: WaiverIndex
    private let caching: Bool
    private let wordCount: Int
    /// The answers, `wordCount` words each, one after another: answers are read by their offset
    /// here, so that no answer is an array of its own to retain and release per candidate.
    private var answers: [UInt64] = []
    /// Per key: the first value (the id, or the only value) → the second value (the name) it
    /// was seen with, and the offset of the answer for the two together. Keying on one value and
    /// comparing the other costs one hash instead of two; an id that comes with another name
    /// gets its answer recomputed.
    private var cache: [[String: (second: String?, offset: Int)]]
    /// Per key: the offset of the answer for a candidate without any value (the waivers without
    /// the key: a run has no host, and a waiver with `host` cannot match it).
    private var noValue: [Int] = []
    /// Per key: the previous candidate's values and answer. Outcomes come run by run, so the
    /// vCenter, cluster and commit repeat, and comparing strings is cheaper than hashing them.
    private var recent: [(first: String?, second: String?, offset: Int)?]
    /// Per host id: the place it was last seen in (vCenter, cluster id and name, host name) and
    /// the offset of the answer for those three keys together. A host outcome then costs one
    /// hash of a short id and a few string comparisons for them, instead of a hash per key.
    private var places: [String: (place: HostPlace, offset: Int)] = [:]
    /// The keys of a host's place that some waiver uses (with none, places are not kept).
    private let placeKeys: [WaiverMatchKey]
    /// The other keys some waiver uses (reason, commit), looked up per candidate.
    private let otherKeys: [WaiverMatchKey]
    /// The candidate's waivers so far.
    private var scratch: [UInt64]

    public init(index: WaiverIndex) { self.init(index: index, caching: true) }

    init(index: WaiverIndex, caching: Bool) {
        self.index = index
        self.caching = caching
        wordCount = index.expired.words.count
        cache = Array(repeating: [:], count: WaiverMatchKey.allCases.count)
        recent = Array(repeating: nil, count: WaiverMatchKey.allCases.count)
        scratch = [UInt64](repeating: 0, count: wordCount)
        let placeKeys = index.lookupOrder.filter { $0 == .vcenter || $0 == .cluster || $0 == .host }
        self.placeKeys = placeKeys
        otherKeys = index.lookupOrder.filter { !placeKeys.contains($0) }
        for key in index.keys { noValue.append(store(key.unkeyed)) }
    }

    /// Which waiver waives `candidate`, and which expired one would have: see `WaiverVerdict`.
    public mutating func verdict(for candidate: WaiverCandidate) -> WaiverVerdict {
        guard wordCount > 0 else { return .none }
        var first = true
        if let hostID = candidate.hostID, !placeKeys.isEmpty {
            if !intersect(placeAnswer(hostID, candidate), first: true) { return .none }
            first = false
        } else {
            for key in placeKeys {
                if !intersect(answer(key, candidate), first: first) { return .none }
                first = false
            }
        }
        for key in otherKeys {
            if !intersect(answer(key, candidate), first: first) { return .none }
            first = false
        }
        let expired = index.expired.words
        return WaiverVerdict(
            waivedBy: WaiverBits.first(scratch, mask: expired, inverted: true),
            expiredMatch: WaiverBits.first(scratch, mask: expired, inverted: false))
    }

    /// Takes in the answers `other` has cached that this one has not (both from the same
    /// index): a matcher that starts where the aggregation's left off does not run the globs
    /// again for the hosts and values they already met. Answers depend only on the values, so
    /// the verdicts are the same.
    public mutating func absorb(_ other: WaiverMatcher) {
        guard caching, other.caching, other.index === index, !other.answers.isEmpty else { return }
        let shift = answers.count
        answers.append(contentsOf: other.answers)
        for k in cache.indices {
            for (value, entry) in other.cache[k] where cache[k][value] == nil {
                cache[k][value] = (entry.second, entry.offset + shift)
            }
        }
        for (id, entry) in other.places where places[id] == nil { places[id] = (entry.place, entry.offset + shift) }
    }

    /// The offset of the answer for the vCenter, cluster and host of a host outcome together.
    private mutating func placeAnswer(_ hostID: String, _ c: WaiverCandidate) -> Int {
        let place = HostPlace(
            vcenter: c.vcenter, clusterID: c.clusterID, clusterName: c.clusterName, hostName: c.hostName)
        if let hit = places[hostID], hit.place == place { return hit.offset }
        var first = true
        for key in placeKeys { _ = intersect(answer(key, c), first: first); first = false }
        let offset = answers.count
        answers.append(contentsOf: scratch)
        if caching { places[hostID] = (place, offset) }
        return offset
    }

    private mutating func answer(_ key: WaiverMatchKey, _ c: WaiverCandidate) -> Int {
        switch key {
        case .vcenter: return answer(key, c.vcenter, nil)
        case .cluster: return answer(key, c.clusterID, c.clusterName)
        case .host: return answer(key, c.hostID, c.hostName)
        case .reason: return answer(key, c.reasonID, nil)
        case .commit: return answer(key, c.commit, nil)
        }
    }

    /// `scratch` ∧= the answer at `offset` (or = it, for the first key); whether any bit is left.
    private mutating func intersect(_ offset: Int, first: Bool) -> Bool {
        let n = wordCount
        return answers.withUnsafeBufferPointer { answers in
            scratch.withUnsafeMutableBufferPointer { scratch in
                var any: UInt64 = 0
                for i in 0..<n {
                    let w = first ? answers[offset + i] : scratch[i] & answers[offset + i]
                    scratch[i] = w
                    any |= w
                }
                return any != 0
            }
        }
    }

    /// The offset of the answer for a key's one or two values: the waivers accepting either.
    private mutating func answer(_ key: WaiverMatchKey, _ a: String?, _ b: String?) -> Int {
        let k = key.ordinal
        // Accepting is symmetric in the two values, so a lone second value is keyed as a first.
        guard let first = a ?? b else { return noValue[k] }
        let second = a == nil ? nil : b
        if let last = recent[k], last.first == first, last.second == second { return last.offset }
        let offset: Int
        if let hit = cache[k][first], hit.second == second {
            offset = hit.offset
        } else {
            let keyIndex = index.keys[k]
            var bits = keyIndex.accepting(first)
            if let second, second != first { bits.formUnion(keyIndex.accepting(second)) }
            offset = store(bits)
            if caching { cache[k][first] = (second, offset) }
        }
        recent[k] = (first, second, offset)
        return offset
    }

    private mutating func store(_ bits: WaiverBits) -> Int {
        let offset = answers.count
        answers.append(contentsOf: bits.words)
        return offset
    }
}

/// Where a host was seen: what a host outcome's vCenter, cluster and host keys are matched on
/// besides its id.
struct HostPlace: Equatable, Sendable {
    let vcenter: String
    let clusterID: String
    let clusterName: String?
    let hostName: String?
}
