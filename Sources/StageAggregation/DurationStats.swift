import StageModel

/// The duration statistics of one group of host outcomes (report-semantics §4), in milliseconds.
public struct DurationStats: Sendable, Equatable {
    /// Upper bounds, in seconds, of the fixed display buckets; one more bucket holds the rest.
    public static let bucketBoundsSeconds = [30, 60, 120, 300, 600, 900, 1200, 1800, 2700, 3600, 7200]

    public var count: Int
    public var min: Int64?
    public var mean: Double?
    public var p50: Int64?
    public var p90: Int64?
    public var p95: Int64?
    public var p99: Int64?
    public var max: Int64?
    /// Exact counts per display bucket.
    public var histogram: [Int]

    public init(_ h: DurationHistogram) {
        count = h.count
        min = h.minMilliseconds
        max = h.maxMilliseconds
        mean = h.count == 0 ? nil : Double(h.sumMilliseconds) / Double(h.count)
        let p = h.percentiles([50, 90, 95, 99])
        p50 = p[0]
        p90 = p[1]
        p95 = p[2]
        p99 = p[3]
        histogram = h.displayBuckets
    }
}

/// Overall durations plus one set per outcome that has durations.
public struct DurationSummary: Sendable, Equatable {
    public var overall: DurationStats
    public var succeeded: DurationStats
    public var failed: DurationStats
    public var timedOut: DurationStats
}
