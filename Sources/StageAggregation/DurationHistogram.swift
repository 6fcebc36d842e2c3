/// A sparse, mergeable log-linear histogram of durations in milliseconds.
///
/// Values below 256 ms have their own bucket; above, each power of two is split into 256
/// buckets, so a bucket's midpoint is within 0.2 % of any value in it. Memory grows with the
/// number of distinct buckets used (a few hundred for real stage durations), not with the
/// number of values, which keeps one histogram per cluster affordable at fleet scale.
public struct DurationHistogram: Sendable, Equatable {
    public private(set) var buckets: [UInt32: Int] = [:]
    public private(set) var count = 0
    public private(set) var sumMilliseconds: Int64 = 0
    public private(set) var minMilliseconds: Int64?
    public private(set) var maxMilliseconds: Int64?
    /// Exact counts per display bucket of `DurationStats.bucketBoundsSeconds` (+1 overflow).
    public private(set) var displayBuckets = [Int](repeating: 0, count: DurationStats.bucketBoundsSeconds.count + 1)

    public init() {}

    public mutating func record(_ ms: Int64) {
        let v = max(ms, 0)
        buckets[DurationHistogram.index(of: v), default: 0] += 1
        count += 1
        sumMilliseconds &+= v
        minMilliseconds = Swift.min(minMilliseconds ?? v, v)
        maxMilliseconds = Swift.max(maxMilliseconds ?? v, v)
        let bounds = DurationStats.bucketBoundsSeconds
        var slot = bounds.count
        for (i, b) in bounds.enumerated() where v <= Int64(b) * 1_000 {
            slot = i
            break
        }
        displayBuckets[slot] += 1
    }

    public mutating func merge(_ other: DurationHistogram) {
        for (k, n) in other.buckets { buckets[k, default: 0] += n }
        count += other.count
        sumMilliseconds &+= other.sumMilliseconds
        if let m = other.minMilliseconds { minMilliseconds = Swift.min(minMilliseconds ?? m, m) }
        if let m = other.maxMilliseconds { maxMilliseconds = Swift.max(maxMilliseconds ?? m, m) }
        for i in displayBuckets.indices { displayBuckets[i] += other.displayBuckets[i] }
    }

    /// The nearest-rank percentile (rank ⌈p/100 · n⌉), as its bucket's midpoint clamped to the
    /// exact minimum and maximum.
    public func percentile(_ p: Double) -> Int64? {
        guard count > 0, let lo = minMilliseconds, let hi = maxMilliseconds else { return nil }
        let rank = Swift.max(1, Int((p / 100 * Double(count)).rounded(.up)))
        var seen = 0
        for key in buckets.keys.sorted() {
            seen += buckets[key] ?? 0
            if seen >= rank { return Swift.min(Swift.max(DurationHistogram.midpoint(of: key), lo), hi) }
        }
        return hi
    }

    static func index(of v: Int64) -> UInt32 {
        if v < 256 { return UInt32(v) }
        let e = 63 - v.leadingZeroBitCount // ≥ 8
        let mantissa = (v >> (e - 8)) & 0xFF
        return UInt32(256 + (e - 8) * 256 + Int(mantissa))
    }

    static func midpoint(of index: UInt32) -> Int64 {
        if index < 256 { return Int64(index) }
        let e = Int(index - 256) / 256 + 8
        let mantissa = Int64((index - 256) % 256)
        let low = (256 + mantissa) << (e - 8)
        let width = Int64(1) << (e - 8)
        return low + (width - 1) / 2
    }
}
