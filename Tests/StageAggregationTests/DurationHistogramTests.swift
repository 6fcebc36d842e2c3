import StageAggregation
import StageModel
import Testing
import TestHelpers

/// Durations (report-semantics §4): nearest-rank percentiles within 1 % (0.2 % promised by
/// docs/summary-json.md), exact count/min/max/mean, exact display buckets.
@Suite("DurationHistogram and DurationStats")
struct DurationHistogramTests {
    /// The exact nearest-rank value: rank ⌈p/100 · n⌉ of the sorted values.
    static func nearestRank(_ sorted: [Int64], _ p: Int) -> Int64 {
        let rank = max(1, (p * sorted.count + 99) / 100)
        return sorted[rank - 1]
    }

    private func histogram(_ values: [Int64]) -> DurationHistogram {
        var h = DurationHistogram()
        for v in values { h.record(v) }
        return h
    }

    private func expectPercentiles(
        _ values: [Int64], tolerance: Double = 0.002,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let sorted = values.sorted()
        let h = histogram(values)
        let ps = [1, 10, 25, 50, 75, 90, 95, 99, 100]
        // The one-pass form (several ranks can fall in one cell) gives what each single one does.
        #expect(
            h.percentiles(ps.map(Double.init)) == ps.map { h.percentile(Double($0)) }, sourceLocation: sourceLocation)
        for p in ps {
            let exact = DurationHistogramTests.nearestRank(sorted, p)
            guard let got = h.percentile(Double(p)) else {
                Issue.record("p\(p) missing", sourceLocation: sourceLocation)
                continue
            }
            let error = abs(Double(got - exact)) / Double(max(exact, 1))
            #expect(error <= tolerance, "p\(p): \(got) vs exact \(exact)", sourceLocation: sourceLocation)
        }
    }

    @Test func empty() {
        let h = DurationHistogram()
        #expect(h.count == 0 && h.minMilliseconds == nil && h.maxMilliseconds == nil)
        #expect(h.percentile(50) == nil)
        let s = DurationStats(h)
        #expect(s.count == 0)
        #expect(
            s.min == nil && s.max == nil && s.mean == nil && s.p50 == nil && s.p90 == nil && s.p95 == nil
                && s.p99 == nil)
        #expect(s.histogram == Array(repeating: 0, count: 12))
    }

    @Test func oneToAThousandSeconds() {
        let values = (1...1000).map { Int64($0) * 1_000 }
        expectPercentiles(values)
        let s = DurationStats(histogram(values.shuffled()))
        #expect(s.count == 1000)
        #expect(s.min == 1_000 && s.max == 1_000_000)
        #expect(s.mean == 500_500)
        for (p, exact) in [(s.p50, 500_000.0), (s.p90, 900_000), (s.p95, 950_000), (s.p99, 990_000)] {
            #expect(abs(Double(p ?? 0) - exact) / exact <= 0.01)
        }
        // 1…30 s, 31…60 s, 61…120 s, 121…300 s, 301…600 s, 601…900 s, 901…1000 s.
        #expect(s.histogram == [30, 30, 60, 180, 300, 300, 100, 0, 0, 0, 0, 0])
    }

    @Test func longTail() {
        var values = Array(repeating: Int64(45_000), count: 980)
        values += Array(repeating: 3_600_000, count: 15)
        values += [7_200_000, 7_200_001, 10_000_000, 36_000_000, 86_400_000]
        expectPercentiles(values)
        let s = DurationStats(histogram(values))
        #expect(s.p50.map { abs($0 - 45_000) <= 90 } == true)
        #expect(s.p99.map { abs($0 - 3_600_000) <= 7_200 } == true) // rank 990 is in the 3600 s group
        #expect(s.max == 86_400_000 && s.min == 45_000)
        #expect(s.mean == Double(values.reduce(0, +)) / 1000)
        #expect(s.histogram == [0, 980, 0, 0, 0, 0, 0, 0, 0, 15, 1, 4])
    }

    @Test("Random distributions spanning milliseconds to hours", arguments: [1, 2, 3, 4, 5])
    func randomDistributions(seed: UInt64) {
        var rng = LCG(state: seed)
        let values = (0..<5_000).map { _ -> Int64 in
            // Log-uniform from 1 ms to about 4.6 h.
            let bits = rng.below(24)
            return Int64(1 << bits) + Int64(rng.below(1 << max(bits, 1)))
        }
        expectPercentiles(values)
        let s = DurationStats(histogram(values))
        #expect(s.min == values.min() && s.max == values.max())
        #expect(s.mean == Double(values.reduce(0, +)) / Double(values.count))
    }

    @Test func smallValuesAreExact() {
        let values: [Int64] = [0, 1, 2, 3, 100, 255, 255, 17]
        let sorted = values.sorted()
        let h = histogram(values)
        for p in [1, 20, 50, 51, 75, 90, 100] {
            #expect(h.percentile(Double(p)) == DurationHistogramTests.nearestRank(sorted, p), "p\(p)")
        }
    }

    @Test func singleValueIsExactEverywhere() {
        let h = histogram([1_234_567])
        for p in [0.0, 1, 50, 99, 100] { #expect(h.percentile(p) == 1_234_567) }
    }

    @Test func extremesAreNearMinAndMaxAndNeverOutside() {
        let h = histogram([5_000, 70_001, 333_333, 999_999_999])
        let low = h.percentile(0) ?? -1, high = h.percentile(100) ?? -1
        #expect(low >= 5_000 && Double(low - 5_000) <= 5_000 * 0.002)
        #expect(high <= 999_999_999 && Double(999_999_999 - high) <= 999_999_999 * 0.002)
        #expect(h.minMilliseconds == 5_000 && h.maxMilliseconds == 999_999_999)
    }

    @Test(
        "Display bucket edges: a duration goes in the first bucket whose bound it does not exceed",
        arguments: Array(zip(DurationStats.bucketBoundsSeconds.indices, DurationStats.bucketBoundsSeconds)))
    func bucketEdges(index: Int, bound: Int) {
        var expected = Array(repeating: 0, count: 12)
        expected[index] += 1 // exactly the bound
        expected[index + 1] += 1 // one millisecond more
        if index > 0 { expected[index] += 1 } // one millisecond above the previous bound
        let previous = index > 0 ? Int64(DurationStats.bucketBoundsSeconds[index - 1]) * 1_000 + 1 : nil
        var values: [Int64] = [Int64(bound) * 1_000, Int64(bound) * 1_000 + 1]
        if let previous { values.append(previous) }
        #expect(histogram(values).displayBuckets == expected)
    }

    @Test func zeroAndTheOpenBucket() {
        #expect(histogram([0]).displayBuckets.first == 1)
        #expect(histogram([7_200_001, 1 << 40]).displayBuckets == Array(repeating: 0, count: 11) + [2])
        #expect(DurationStats.bucketBoundsSeconds == [30, 60, 120, 300, 600, 900, 1200, 1800, 2700, 3600, 7200])
    }

    @Test func mergeEqualsRecordingAll() {
        var rng = LCG(state: 99)
        let values = (0..<3_000).map { _ in Int64(rng.below(10_000_000)) }
        var parts = [DurationHistogram(), DurationHistogram(), DurationHistogram(), DurationHistogram()]
        for (i, v) in values.enumerated() { parts[i % 3].record(v) } // parts[3] stays empty
        var merged = DurationHistogram()
        for p in parts { merged.merge(p) }
        let all = histogram(values)
        #expect(merged == all)
        #expect(DurationStats(merged) == DurationStats(all))
        var intoFull = all
        intoFull.merge(DurationHistogram())
        #expect(intoFull == all)
    }

    /// A bucket's count past what its one-byte cell holds (254) moves to the wide counts: the
    /// percentiles, the merge and equality see the full count, whichever way it was reached.
    @Test func countsBeyondOneByte() {
        for n in [253, 254, 255, 256, 600, 70_000] {
            // n equal durations beside single ones, recorded, and merged from two halves.
            let values = [Int64](repeating: 120_000, count: n) + [1_000, 60_000, 3_600_000]
            let all = histogram(values)
            var merged = histogram(Array(values[..<(n / 2)]))
            merged.merge(histogram(Array(values[(n / 2)...])))
            #expect(merged == all, "\(n)")
            #expect(all != histogram(values + [120_000]), "\(n)")
            expectPercentiles(values)
            // With n ≥ 3, ranks 2 … n + 1 are the repeated value: p50 lands there.
            #expect(all.percentile(50).map { abs(Double($0 - 120_000)) / 120_000 <= 0.002 } == true, "\(n)")
            #expect(all.percentile(100) == 3_600_000 && all.percentile(0) == 1_000)
        }
        // Counts merged from many histograms add up in the wide form too.
        var total = DurationHistogram()
        for _ in 0..<300 { total.merge(histogram([5_000, 5_000])) }
        #expect(total == histogram([Int64](repeating: 5_000, count: 600)))
        #expect(total.count == 600)
    }

    @Test func meanIsExactInMilliseconds() {
        let s = DurationStats(histogram([1, 2, 2]))
        #expect(s.mean == 5.0 / 3.0)
        #expect(histogram([1, 2, 2]).sumMilliseconds == 5)
    }
}
