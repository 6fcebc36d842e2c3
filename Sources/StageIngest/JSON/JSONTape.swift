/// A validated JSON text held as a flat tape of 64-bit entries over the original bytes.
///
/// Nothing is copied or decoded while parsing: strings and numbers are (offset, length) pairs,
/// and containers store the index just past their last element, so skipping any value is O(1).
/// Only the few fields a summary needs are ever turned into Swift strings. The parser is
/// iterative (an explicit stack), so nesting depth is bounded by memory, not the call stack.
///
/// Entry layout: bits 60–63 kind; for strings bit 59 "has escapes"; for strings and numbers
/// bits 32–58 length and bits 0–31 offset; for containers bits 0–59 the index past the end.
struct JSONTape {
    enum Kind: UInt64 {
        case object = 1, array, string, number, trueValue, falseValue, null
    }

    /// The bytes of the JSON text. Must outlive every use of the tape.
    let bytes: UnsafeRawBufferPointer
    private(set) var entries: [UInt64]

    init(bytes: UnsafeRawBufferPointer, entries: [UInt64]) {
        self.bytes = bytes
        self.entries = entries
    }

    static let root = 0

    func kind(_ i: Int) -> Kind {
        Kind(rawValue: entries[i] >> 60) ?? .null
    }

    /// The index of the value after the one at `i` (its next sibling).
    func next(_ i: Int) -> Int {
        let e = entries[i]
        switch Kind(rawValue: e >> 60) {
        case .object, .array: return Int(e & 0x0FFF_FFFF_FFFF_FFFF)
        default: return i + 1
        }
    }

    // MARK: Objects

    /// The value of the member named `name` in the object at `i`; the last one wins when a key
    /// repeats. `nil` when `i` is not an object or has no such member.
    func member(_ i: Int, _ name: StaticString) -> Int? {
        // One pass over the entries' own memory, the common key compared in place: through
        // `entries[k]`, `next(_:)` and a call per key, a lookup cost many times more, and
        // there are three per host.
        entries.withUnsafeBufferPointer { e -> Int? in
            let object = e[i]
            guard object >> 60 == Kind.object.rawValue else { return nil }
            let end = Int(object & 0x0FFF_FFFF_FFFF_FFFF)
            let length = name.utf8CodeUnitCount
            var k = i + 1
            var found: Int?
            while k < end {
                let key = e[k]
                if key & (1 << 59) != 0 {
                    if keyEquals(k, name) { found = k + 1 }
                } else if Int((key >> 32) & 0x07FF_FFFF) == length,
                    JSONTape.equal(bytes.baseAddress! + Int(key & 0xFFFF_FFFF), name.utf8Start, length)
                {
                    found = k + 1
                }
                let value = e[k + 1]
                let kind = value >> 60
                k =
                    kind == Kind.object.rawValue || kind == Kind.array.rawValue
                    ? Int(value & 0x0FFF_FFFF_FFFF_FFFF) : k + 2
            }
            return found
        }
    }

    /// `n` bytes at `a` and `b` are equal. Member names are short: words compared inline beat a
    /// call into libc's `memcmp`; from 8 bytes on, the last word overlaps the one before it.
    @inline(__always)
    private static func equal(_ a: UnsafeRawPointer, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let b = UnsafeRawPointer(b)
        guard n >= 8 else {
            for k in 0..<n where a.load(fromByteOffset: k, as: UInt8.self) != b.load(fromByteOffset: k, as: UInt8.self)
            {
                return false
            }
            return true
        }
        var k = 0
        while k < n - 8 {
            if a.loadUnaligned(fromByteOffset: k, as: UInt64.self)
                != b.loadUnaligned(fromByteOffset: k, as: UInt64.self)
            {
                return false
            }
            k += 8
        }
        return a.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            == b.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
    }

    /// The (key index, value index) pairs of the object at `i`, in order; empty for a non-object.
    /// An iterator rather than a closure: closures capturing mutable state cost boxes and
    /// dynamic exclusivity checks on this hot path.
    func members(_ i: Int) -> MemberSequence {
        MemberSequence(tape: self, at: i + 1, end: kind(i) == .object ? next(i) : i + 1)
    }

    /// How many members the object at `i`, or elements the array at `i`, has (0 for a scalar):
    /// a walk over its direct children only, to size an array before filling it.
    func childCount(_ i: Int) -> Int {
        switch kind(i) {
        case .object: return members(i).reduce(0) { n, _ in n + 1 }
        case .array: return elements(i).reduce(0) { n, _ in n + 1 }
        default: return 0
        }
    }

    /// The element indices of the array at `i`, in order; empty for a non-array.
    func elements(_ i: Int) -> ElementSequence {
        ElementSequence(tape: self, at: i + 1, end: kind(i) == .array ? next(i) : i + 1)
    }

    struct MemberSequence: Sequence, IteratorProtocol {
        let tape: JSONTape
        var at: Int
        let end: Int

        mutating func next() -> (key: Int, value: Int)? {
            guard at < end else { return nil }
            let k = at
            at = tape.next(k + 1)
            return (k, k + 1)
        }
    }

    struct ElementSequence: Sequence, IteratorProtocol {
        let tape: JSONTape
        var at: Int
        let end: Int

        mutating func next() -> Int? {
            guard at < end else { return nil }
            let e = at
            at = tape.next(e)
            return e
        }
    }

    /// `member`'s comparison for a key written with escapes: unescaped first.
    private func keyEquals(_ k: Int, _ name: StaticString) -> Bool {
        string(k) == name.description
    }

    // MARK: Scalars

    /// The string at `i`, unescaped; `nil` when the value is not a string. Escaped lone
    /// surrogates become U+FFFD.
    func string(_ i: Int) -> String? {
        let e = entries[i]
        guard e >> 60 == Kind.string.rawValue else { return nil }
        let length = Int((e >> 32) & 0x07FF_FFFF)
        let offset = Int(e & 0xFFFF_FFFF)
        let raw = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)])
        if e & (1 << 59) == 0 { return String(decoding: raw, as: UTF8.self) }
        return JSONStringUnescaper.unescape(raw)
    }

    /// Raw bytes of the string at `i` when it has no escapes, for cheap comparisons.
    func rawStringBytes(_ i: Int) -> UnsafeRawBufferPointer? {
        let e = entries[i]
        guard e >> 60 == Kind.string.rawValue, e & (1 << 59) == 0 else { return nil }
        let length = Int((e >> 32) & 0x07FF_FFFF)
        let offset = Int(e & 0xFFFF_FFFF)
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)])
    }

    /// A short name of the JSON type at `i`, for diagnostics.
    func typeName(_ i: Int) -> String {
        switch kind(i) {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .trueValue, .falseValue: return "a boolean"
        case .null: return "null"
        }
    }

    func isNull(_ i: Int) -> Bool { kind(i) == .null }
}

extension JSONTape {
    /// Whether a string of the value at `i` (member names included) covers one of the byte
    /// offsets in `offsets` (sorted): tells which documents of a repaired text were repaired.
    func containsString(at offsets: [Int], in i: Int) -> Bool {
        guard !offsets.isEmpty else { return false }
        for k in i..<next(i) {
            let e = entries[k]
            guard e >> 60 == Kind.string.rawValue else { continue }
            let offset = Int(e & 0xFFFF_FFFF), length = Int((e >> 32) & 0x07FF_FFFF)
            // The first offset at or after the string's start.
            var lo = 0, hi = offsets.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if offsets[mid] < offset { lo = mid + 1 } else { hi = mid }
            }
            if lo < offsets.count, offsets[lo] < offset + length { return true }
        }
        return false
    }
}
