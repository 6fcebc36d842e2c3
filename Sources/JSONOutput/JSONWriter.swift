import Files
import ReportText

/// Appends JSON to a byte buffer with a fixed member order and byte-stable number formatting,
/// so the same value always gives the same bytes. Hand-written because JSONSerialization and
/// JSONEncoder are far too slow for gigabyte fleets and neither gives a stable member order.
/// Given an output file, it streams to it in 64 KiB pieces instead of holding the whole text.
///
/// Empty containers are `{}` and `[]` in every style.
public struct JSONWriter {
    /// Layout and escaping of the text.
    public struct Style: Sendable, Equatable {
        /// Spaces per level, with a line per member; `nil` for no whitespace at all.
        public var indent: Int?
        /// Also escape DEL, U+2028 and U+2029 (which break JavaScript string literals), and
        /// write backspace and form feed as `\u` escapes rather than `\b` and `\f`.
        public var scriptSafe: Bool

        public init(indent: Int?, scriptSafe: Bool) {
            self.indent = indent
            self.scriptSafe = scriptSafe
        }

        /// The reports' JSON (`summary.json`): two spaces, safe to embed in a page's script.
        public static let report = Style(indent: 2, scriptSafe: true)
        /// The collector's documents: one space per level, as in its fixtures.
        public static let collector = Style(indent: 1, scriptSafe: false)
        /// One collector document per JSON Lines line.
        public static let collectorLine = Style(indent: nil, scriptSafe: false)
    }

    public private(set) var bytes: [UInt8] = []
    public let style: Style
    private var depth = 0
    /// Bit `d` set: the container at depth `d` already has a member (the next needs a comma).
    private var nonEmpty: UInt64 = 0
    private var afterKey = false
    private var compactValues = 0
    private let output: AtomicFile?
    /// The first write error when streaming; writing stops there and `finish()` throws it.
    private var failure: FileError?

    public init(style: Style = .report, capacity: Int = 1 << 16, streamingTo output: AtomicFile? = nil) {
        self.style = style
        self.output = output
        bytes.reserveCapacity(capacity)
    }

    /// Starts a new document in the same buffer (keeps its capacity).
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        depth = 0
        nonEmpty = 0
        afterKey = false
    }

    /// Ends the text with a newline; returns it (in memory) or what is left after streaming.
    public mutating func finish() throws(FileError) -> [UInt8] {
        endLine()
        if let output, failure == nil {
            do { try output.write(bytes) } catch { failure = error }
            bytes.removeAll()
        }
        if let failure { throw failure }
        return bytes
    }

    /// A line break outside any value: the end of a document, or of a JSON Lines line.
    public mutating func endLine() { bytes.append(0x0A) }

    // MARK: Structure

    public mutating func beginObject() { open(0x7B) }
    public mutating func endObject() { close(0x7D) }
    public mutating func beginArray() { open(0x5B) }
    public mutating func endArray() { close(0x5D) }

    /// Writes a member name; the value call that follows completes the member.
    public mutating func key(_ name: String) {
        beforeMember()
        appendQuoted(name)
        appendKeyEnd()
    }

    /// A member name known to need no escaping, copied as it is.
    public mutating func key(_ name: StaticString) {
        beforeMember()
        bytes.append(0x22)
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(0x22)
        appendKeyEnd()
    }

    // MARK: Values

    public mutating func string(_ s: String?) {
        guard let s else { return null() }
        beforeValue()
        appendQuoted(s)
    }

    /// A string known to need no escaping, copied as it is.
    public mutating func string(_ value: StaticString) {
        beforeValue()
        bytes.append(0x22)
        value.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(0x22)
    }

    /// A string whose bytes `fill` appends and which need no escaping (a formatted time).
    public mutating func unescapedString(_ fill: (inout [UInt8]) -> Void) {
        beforeValue()
        bytes.append(0x22)
        fill(&bytes)
        bytes.append(0x22)
    }

    /// An integer written as a JSON string (commits are decimal strings on the wire).
    public mutating func decimalString(_ value: Int) {
        beforeValue()
        bytes.append(0x22)
        appendDecimal(Int64(value))
        bytes.append(0x22)
    }

    public mutating func int(_ v: Int) {
        beforeValue()
        appendDecimal(Int64(v))
    }

    public mutating func int(_ v: Int64?) {
        guard let v else { return null() }
        beforeValue()
        appendDecimal(v)
    }

    public mutating func bool(_ v: Bool) { if v { raw("true" as StaticString) } else { raw("false" as StaticString) } }
    public mutating func null() { raw("null" as StaticString) }

    /// A number rounded to `decimals` places, written without exponent or trailing zeros.
    public mutating func decimal(_ v: Double?, decimals: Int) {
        guard let v, v.isFinite else { return null() }
        raw(DecimalFormat.format(v, decimals: decimals))
    }

    /// Milliseconds as seconds with up to three decimals (`503.12`), exactly.
    public mutating func seconds(milliseconds ms: Int64?) {
        guard let ms else { return null() }
        raw(DecimalFormat.seconds(ms))
    }

    /// Starts a short array written on one line (`["2026-11-01", "failed", 1]`); its values go
    /// through `compactString` and `compactInt`, and `endCompactRow` closes it.
    public mutating func beginCompactRow() {
        beforeValue()
        bytes.append(0x5B)
        compactValues = 0
    }

    public mutating func compactString(_ s: String) {
        compactSeparator()
        appendQuoted(s)
    }

    public mutating func compactInt(_ v: Int) {
        compactSeparator()
        appendDecimal(Int64(v))
    }

    public mutating func endCompactRow() { bytes.append(0x5D) }

    // MARK: Internals

    private mutating func open(_ c: UInt8) {
        beforeValue()
        bytes.append(c)
        depth += 1
        nonEmpty &= ~(1 << UInt64(depth & 63))
    }

    private mutating func close(_ c: UInt8) {
        let hadMembers = nonEmpty & (1 << UInt64(depth & 63)) != 0
        depth -= 1
        if hadMembers { newline() }
        bytes.append(c)
        flushIfLarge()
    }

    private mutating func beforeMember() {
        let bit: UInt64 = 1 << UInt64(depth & 63)
        if nonEmpty & bit != 0 { bytes.append(0x2C) }
        nonEmpty |= bit
        newline()
    }

    private mutating func beforeValue() {
        if afterKey {
            afterKey = false
            return
        }
        if depth > 0 { beforeMember() }
    }

    private mutating func appendKeyEnd() {
        bytes.append(0x3A)
        if style.indent != nil { bytes.append(0x20) }
        afterKey = true
    }

    private mutating func newline() {
        guard let indent = style.indent else { return }
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: depth * indent))
    }

    private mutating func compactSeparator() {
        if compactValues > 0 {
            bytes.append(0x2C)
            bytes.append(0x20)
        }
        compactValues += 1
    }

    private mutating func raw(_ s: StaticString) {
        beforeValue()
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func raw(_ s: String) {
        beforeValue()
        bytes.append(contentsOf: s.utf8)
    }

    private mutating func flushIfLarge() {
        guard let output, bytes.count >= 1 << 16 else { return }
        if failure == nil {
            do { try output.write(bytes) } catch { failure = error }
        }
        bytes.removeAll(keepingCapacity: true)
    }

    /// The decimal digits of `v`, without a String in between.
    private mutating func appendDecimal(_ v: Int64) {
        if v < 0 { bytes.append(0x2D) }
        var magnitude = v.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var n = 20
            repeat {
                n -= 1
                digits[n] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[n..<20]))
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// `s` quoted and escaped: quote, backslash and control characters (and, for a script-safe
    /// style, DEL, U+2028 and U+2029); everything else is copied as UTF-8.
    private mutating func appendQuoted(_ s: String) {
        bytes.append(0x22)
        var text = s
        text.withUTF8 { utf8 in
            // Most strings are printable ASCII without a quote or backslash: copied whole.
            if ASCIIScan.isPlainJSONString(utf8) {
                bytes.append(contentsOf: utf8)
                return
            }
            var runStart = 0, i = 0
            while i < utf8.count {
                let b = utf8[i]
                var escape: [UInt8]?
                var width = 1
                switch b {
                case 0x22: escape = [0x5C, 0x22]
                case 0x5C: escape = [0x5C, 0x5C]
                case 0x0A: escape = [0x5C, 0x6E]
                case 0x0D: escape = [0x5C, 0x72]
                case 0x09: escape = [0x5C, 0x74]
                case 0x08 where !style.scriptSafe: escape = [0x5C, 0x62]
                case 0x0C where !style.scriptSafe: escape = [0x5C, 0x66]
                case 0..<0x20: escape = Self.unicodeEscape(UInt32(b))
                case 0x7F where style.scriptSafe: escape = Self.unicodeEscape(0x7F)
                case 0xE2
                where style.scriptSafe && i + 2 < utf8.count && utf8[i + 1] == 0x80
                    && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                    escape = Self.unicodeEscape(utf8[i + 2] == 0xA8 ? 0x2028 : 0x2029)
                    width = 3
                default: break
                }
                if let escape {
                    if runStart < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                    bytes.append(contentsOf: escape)
                    runStart = i + width
                }
                i += width
            }
            if runStart < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        bytes.append(0x22)
    }

    /// `\uXXXX` in lower-case hex.
    private static func unicodeEscape(_ v: UInt32) -> [UInt8] {
        [0x5C, 0x75] + [12, 8, 4, 0].map { hexDigits[Int((v >> UInt32($0)) & 0xF)] }
    }
}
