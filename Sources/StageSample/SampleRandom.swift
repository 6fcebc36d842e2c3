/// SplitMix64: tiny, fast and fully specified, so the same seed gives the same fleet on every
/// platform and toolchain (the standard library's generators and `random(in:)` make no such promise).
/// Public for the other programs that need the same numbers on every run (`waivers-benchmark`).
public struct SampleRandom: Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// A seed for an independent stream, derived from a parent seed and a path of indices, so
    /// every cluster and every night can be generated on its own, in any order, on any thread.
    static func derive(_ seed: UInt64, _ a: UInt64, _ b: UInt64 = 0, _ c: UInt64 = 0) -> UInt64 {
        var x = mix(seed ^ 0x5851_F42D_4C95_7F2D)
        x = mix(x ^ (a &* 0x9E37_79B9_7F4A_7C15))
        x = mix(x ^ (b &* 0xC2B2_AE3D_27D4_EB4F))
        x = mix(x ^ (c &* 0x1656_67B1_9E37_79F9))
        return x
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// Uniform in [0, 1) with 53 bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform integer in `range`; the modulo bias is below 2^-40 for any range used here.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) &+ 1
        if width == 0 { return range.lowerBound &+ Int(truncatingIfNeeded: next()) }
        return range.lowerBound + Int(next() % width)
    }

    mutating func int64(_ range: ClosedRange<Int64>) -> Int64 {
        let width = UInt64(range.upperBound - range.lowerBound) &+ 1
        if width == 0 { return range.lowerBound &+ Int64(truncatingIfNeeded: next()) }
        return range.lowerBound + Int64(next() % width)
    }

    /// Uniform integer in `0..<n`, `n` > 0: `next() % n`.
    public mutating func below(_ n: Int) -> Int { int(0...(n - 1)) }

    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// Index drawn from relative weights (they need not sum to 1).
    mutating func weighted(_ weights: [Double]) -> Int {
        var total = 0.0
        for weight in weights { total += weight }
        var point = unit() * total
        for (index, weight) in weights.enumerated() {
            if point < weight { return index }
            point -= weight
        }
        return weights.count - 1
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[int(0...(items.count - 1))]
    }
}
