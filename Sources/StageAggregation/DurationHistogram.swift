/// A sparse, mergeable log-linear histogram of durations in milliseconds.
///
/// Values below 256 ms have their own bucket; above, each power of two is split into 256
/// buckets, so a bucket's midpoint is within 0.2 % of any value in it. Memory grows with the
/// number of distinct buckets used (a few hundred for real stage durations), not with the
/// number of values, which keeps one histogram per cluster affordable at fleet scale.
public struct DurationHistogram: Sendable, Equatable {
    /// Counts by bucket index, in pages of 256 buckets made on first use: stage durations span
    /// a few powers of two, so a histogram holds a few pages, and their number stops growing
    /// once the range is covered. A dictionary of buckets cost more per used bucket, kept
    /// growing with the input, and took a hash per recorded duration.
    ///
    /// A cell is one byte: most buckets of one cluster's histogram hold a few durations. A cell
    /// of 255 means the count is in `wideCounts` (saturating at 2³² − 1: billions of equal
    /// durations in one cluster would take terabytes of input): pages of 4-byte counts were
    /// the largest thing on the heap. Each page is its own array of exactly 256 bytes: all
    /// pages in one array, grown by doubling, raised the peak. Equality (`==`) compares
    /// counts, not how they are stored.
    private var pages: [[UInt8]?] = []
    private var wideCounts: [UInt32: UInt32] = [:]
    public private(set) var count = 0
    public private(set) var sumMilliseconds: Int64 = 0
    public private(set) var minMilliseconds: Int64?
    public private(set) var maxMilliseconds: Int64?
    /// Exact counts per display bucket of `DurationStats.bucketBoundsSeconds` (+1 overflow).
    public private(set) var displayBuckets = [Int](repeating: 0, count: DurationStats.bucketBoundsSeconds.count + 1)

    public init() {}

    public mutating func record(_ ms: Int64) {
        let v = max(ms, 0)
        add(DurationHistogram.index(of: v), 1)
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
        for (p, page) in other.pages.enumerated() {
            guard let page else { continue }
            for cell in page.indices where page[cell] > 0 {
                let index = UInt32(p << 8 | cell)
                add(index, Int(other.count(at: index)))
            }
        }
        count += other.count
        sumMilliseconds &+= other.sumMilliseconds
        if let m = other.minMilliseconds { minMilliseconds = Swift.min(minMilliseconds ?? m, m) }
        if let m = other.maxMilliseconds { maxMilliseconds = Swift.max(maxMilliseconds ?? m, m) }
        for i in displayBuckets.indices { displayBuckets[i] += other.displayBuckets[i] }
    }

    /// The nearest-rank percentile (rank ⌈p/100 · n⌉), as its bucket's midpoint clamped to the
    /// exact minimum and maximum.
    public func percentile(_ p: Double) -> Int64? {
        percentiles([p])[0]
    }

    /// `percentile` of each of `ps`, which must be ascending, in one pass over the counts.
    public func percentiles(_ ps: [Double]) -> [Int64?] {
        guard count > 0, let lo = minMilliseconds, let hi = maxMilliseconds else { return ps.map { _ in nil } }
        let ranks = ps.map { Swift.max(1, Int(($0 / 100 * Double(count)).rounded(.up))) }
        precondition(zip(ranks, ranks.dropFirst()).allSatisfy { $0 <= $1 }, "percentiles must be ascending")
        var values: [Int64?] = []
        values.reserveCapacity(ps.count)
        var seen = 0
        for (p, page) in pages.enumerated() {
            guard let page else { continue }
            for cell in page.indices where page[cell] > 0 {
                seen += Int(count(at: UInt32(p << 8 | cell)))
                while values.count < ranks.count, seen >= ranks[values.count] {
                    values.append(Swift.min(Swift.max(DurationHistogram.midpoint(of: UInt32(p << 8 | cell)), lo), hi))
                }
                if values.count == ranks.count { return values }
            }
        }
        while values.count < ranks.count { values.append(hi) }
        return values
    }

    /// The count of bucket `index` (0 where its page was never made).
    private func count(at index: UInt32) -> UInt32 {
        let p = Int(index >> 8)
        guard p < pages.count, let page = pages[p] else { return 0 }
        let cell = page[Int(index & 0xFF)]
        return cell == 0xFF ? wideCounts[index] ?? 0 : UInt32(cell)
    }

    private mutating func add(_ index: UInt32, _ n: Int) {
        let p = Int(index >> 8)
        if p >= pages.count { pages.append(contentsOf: repeatElement(nil, count: p + 1 - pages.count)) }
        if pages[p] == nil { pages[p] = [UInt8](repeating: 0, count: 256) }
        let cell = Int(index & 0xFF)
        let narrow = pages[p]![cell]
        if narrow != 0xFF, Int(narrow) + n < 0xFF {
            pages[p]![cell] = narrow + UInt8(n)
        } else {
            let before = narrow == 0xFF ? Int(wideCounts[index] ?? 0) : Int(narrow)
            pages[p]![cell] = 0xFF
            wideCounts[index] = UInt32(clamping: before + n)
        }
    }

    /// Equal when every bucket holds the same count (whatever order the pages were made in)
    /// and the exact statistics agree.
    public static func == (a: DurationHistogram, b: DurationHistogram) -> Bool {
        guard a.count == b.count, a.sumMilliseconds == b.sumMilliseconds, a.minMilliseconds == b.minMilliseconds,
            a.maxMilliseconds == b.maxMilliseconds, a.displayBuckets == b.displayBuckets
        else { return false }
        let buckets = UInt32(max(a.pages.count, b.pages.count) << 8)
        return (0..<buckets).allSatisfy { a.count(at: $0) == b.count(at: $0) }
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
