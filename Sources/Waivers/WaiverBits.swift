/// A set of waiver positions as bits, one word per 64 waivers: the index's answer to "which
/// waivers accept this value", so that a candidate's waivers are a few word-wise ANDs.
struct WaiverBits: Sendable, Equatable {
    var words: [UInt64]

    init(count: Int) { words = [UInt64](repeating: 0, count: (count + 63) / 64) }

    mutating func insert(_ position: Int) { words[position >> 6] |= 1 << UInt64(position & 63) }

    mutating func formUnion(_ other: WaiverBits) {
        for i in words.indices { words[i] |= other.words[i] }
    }

    func contains(_ position: Int) -> Bool { words[position >> 6] & (1 << UInt64(position & 63)) != 0 }

    /// The lowest position in `words & mask` (or in `words & ~mask` when `inverted`).
    static func first(_ words: [UInt64], mask: [UInt64], inverted: Bool) -> Int? {
        for i in words.indices {
            let w = words[i] & (inverted ? ~mask[i] : mask[i])
            if w != 0 { return i * 64 + w.trailingZeroBitCount }
        }
        return nil
    }
}
