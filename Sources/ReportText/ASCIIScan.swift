/// Word-at-a-time checks of UTF-8 bytes, for the fast paths that every attribute value, case
/// name, table cell and JSON string goes through (`TextSanitizer.isPrintableASCII`,
/// `JUnitText.isCollapsedASCII`, `JSONWriter`). A byte at a time, with four comparisons each,
/// they were a visible share of a whole report's instructions.
///
/// Eight bytes are read at once and flagged by their high bit. Only "is any byte flagged" is
/// used from an arithmetic test, which is exact even where a borrow or carry runs into the
/// next byte: that only happens above a byte that is itself flagged.
public enum ASCIIScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// High bits set where a byte is outside 0x20…0x7E (a control, DEL or non-ASCII byte); at
    /// least one is set exactly when such a byte is in the word.
    @inline(__always)
    private static func unprintable(_ word: UInt64) -> UInt64 {
        let below = (word &- 0x2020_2020_2020_2020) & ~word // < 0x20
        let above = (word &+ ones) | word // ≥ 0x7F
        return (below | above) & highBits
    }

    /// High bits set exactly where a byte equals `byte` (no carries: each byte stays below 0x100).
    @inline(__always)
    private static func equal(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x) & highBits
    }

    @inline(__always)
    private static func word(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self))
    }

    /// Every byte is printable ASCII (0x20–0x7E), tab, LF or CR.
    public static func isPrintableText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 8 else { return bytes.allSatisfy(isPrintableTextByte) }
        var i = 0
        while true {
            // A word with a tab or line end is looked at byte by byte; the rest pass whole.
            if unprintable(word(bytes, at: i)) != 0 {
                for b in bytes[i..<(i + 8)] where !isPrintableTextByte(b) { return false }
            }
            if i == bytes.count - 8 { return true }
            // The last word ends at the last byte, overlapping the one before.
            i = min(i + 8, bytes.count - 8)
        }
    }

    /// Every byte is printable ASCII (0x20–0x7E) and no two spaces are side by side.
    public static func isSingleSpacedPrintable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previousSpace = false
        guard bytes.count >= 8 else {
            for b in bytes {
                guard b >= 0x20, b < 0x7F, !(b == 0x20 && previousSpace) else { return false }
                previousSpace = b == 0x20
            }
            return true
        }
        var i = 0
        while true {
            let w = word(bytes, at: i)
            if unprintable(w) != 0 { return false }
            let s = equal(w, 0x20)
            // Two spaces inside the word, or one ending the last word and one starting this one.
            if s & (s << 8) != 0 || (previousSpace && s & 0x80 != 0) { return false }
            if i == bytes.count - 8 { return true }
            // The last word ends at the last byte, overlapping the one before: the pair across
            // the seam is then inside it, and the byte before it is not next to it.
            let next = min(i + 8, bytes.count - 8)
            previousSpace = next == i + 8 && s >> 63 != 0
            i = next
        }
    }

    /// Every byte is printable ASCII (0x20–0x7E) other than `"` and `\`: a JSON string body
    /// that needs no escaping.
    public static func isPlainJSONString(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 8 else {
            return bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }
        }
        var i = 0
        while true {
            let w = word(bytes, at: i)
            if unprintable(w) | equal(w, 0x22) | equal(w, 0x5C) != 0 { return false }
            if i == bytes.count - 8 { return true }
            i = min(i + 8, bytes.count - 8)
        }
    }

    @inline(__always)
    private static func isPrintableTextByte(_ b: UInt8) -> Bool {
        (b >= 0x20 && b < 0x7F) || b == 0x09 || b == 0x0A || b == 0x0D
    }
}
