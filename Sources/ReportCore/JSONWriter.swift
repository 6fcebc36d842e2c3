/// A minimal pretty-printing JSON writer with a fixed member order and byte-stable number
/// formatting, so the same summary always gives the same bytes. Given an output file, it
/// streams to it in 64 KiB pieces instead of holding the whole text.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var depth = 0
    private var needsComma: [Bool] = [false]
    private let output: AtomicFile?
    /// The first write error when streaming; writing stops there and `finish()` throws it.
    private var failure: OutputError?

    public init(streamingTo output: AtomicFile? = nil) {
        self.output = output
        bytes.reserveCapacity(1 << 16)
    }

    public mutating func beginObject() { openContainer(0x7B) }
    public mutating func endObject() { closeContainer(0x7D); flushIfLarge() }
    public mutating func beginArray() { openContainer(0x5B) }
    public mutating func endArray() { closeContainer(0x5D); flushIfLarge() }

    /// Ends the text with a newline; returns it (in memory) or what is left after streaming.
    public mutating func finish() throws(OutputError) -> [UInt8] {
        bytes.append(0x0A)
        if let output, failure == nil {
            do { try output.write(bytes) } catch { failure = error }
            bytes.removeAll()
        }
        if let failure { throw failure }
        return bytes
    }

    private mutating func flushIfLarge() {
        guard let output, bytes.count >= 1 << 16 else { return }
        if failure == nil {
            do { try output.write(bytes) } catch { failure = error }
        }
        bytes.removeAll(keepingCapacity: true)
    }

    /// Writes a member name; the value call that follows completes the member.
    public mutating func key(_ name: String) {
        separator()
        appendString(name)
        bytes.append(0x3A)
        bytes.append(0x20)
        pendingKey = true
    }

    public mutating func string(_ s: String?) {
        guard let s else { return null() }
        valuePrefix()
        appendString(s)
    }

    public mutating func int(_ v: Int) {
        valuePrefix()
        appendDecimal(Int64(v))
    }

    public mutating func int(_ v: Int64?) {
        guard let v else { return null() }
        valuePrefix()
        appendDecimal(v)
    }
    public mutating func bool(_ v: Bool) { raw(v ? "true" : "false") }
    public mutating func null() { raw("null") }

    /// A number rounded to `decimals` places, written without exponent or trailing zeros.
    public mutating func decimal(_ v: Double?, decimals: Int) {
        guard let v, v.isFinite else { return null() }
        raw(JSONWriter.format(v, decimals: decimals))
    }

    /// Milliseconds as seconds with up to three decimals (`503.12`), exactly.
    public mutating func seconds(milliseconds ms: Int64?) {
        guard let ms else { return null() }
        raw(JSONWriter.seconds(ms))
    }

    public static func seconds(_ ms: Int64) -> String {
        let sign = ms < 0 ? "-" : ""
        let a = ms.magnitude
        let frac = a % 1_000
        guard frac != 0 else { return sign + String(a / 1_000) }
        var f = String(frac)
        f = String(repeating: "0", count: 3 - f.count) + f
        while f.hasSuffix("0") { f.removeLast() }
        return "\(sign)\(a / 1_000).\(f)"
    }

    public static func format(_ v: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (v * scale).rounded()
        guard abs(scaled) < 9e15 else { return String(v) }
        let n = Int64(scaled)
        let sign = n < 0 ? "-" : ""
        let a = n.magnitude
        let unit = UInt64(scale)
        let whole = a / unit, frac = a % unit
        guard frac != 0 else { return sign + String(whole) }
        var f = String(frac)
        f = String(repeating: "0", count: decimals - f.count) + f
        while f.hasSuffix("0") { f.removeLast() }
        return "\(sign)\(whole).\(f)"
    }

    /// Starts a short array written on one line (`["2026-11-01", "failed", 1]`); its values go
    /// through `compactString` and `compactInt`, and `endCompactRow` closes it.
    public mutating func beginCompactRow() {
        valuePrefix()
        bytes.append(0x5B)
        compactValues = 0
    }

    public mutating func compactString(_ s: String) {
        compactSeparator()
        appendString(s)
    }

    public mutating func compactInt(_ v: Int) {
        compactSeparator()
        appendDecimal(Int64(v))
    }

    public mutating func endCompactRow() { bytes.append(0x5D) }

    // MARK: - Internals

    private var pendingKey = false
    private var compactValues = 0

    private mutating func compactSeparator() {
        if compactValues > 0 {
            bytes.append(0x2C)
            bytes.append(0x20)
        }
        compactValues += 1
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

    private mutating func raw(_ s: String) {
        valuePrefix()
        bytes.append(contentsOf: s.utf8)
    }

    private mutating func valuePrefix() {
        if pendingKey { pendingKey = false } else { separator() }
    }

    private mutating func separator() {
        guard depth > 0 else { return }
        if needsComma[depth] { bytes.append(0x2C) }
        needsComma[depth] = true
        newline()
    }

    private mutating func newline() {
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: depth * 2))
    }

    private mutating func openContainer(_ c: UInt8) {
        valuePrefix()
        bytes.append(c)
        depth += 1
        if needsComma.count <= depth { needsComma.append(false) } else { needsComma[depth] = false }
    }

    private mutating func closeContainer(_ c: UInt8) {
        let hadMembers = needsComma[depth]
        depth -= 1
        if hadMembers { newline() }
        bytes.append(c)
    }

    private mutating func appendString(_ s: String) {
        bytes.append(0x22)
        // Most strings are printable ASCII without a quote or backslash: copied as they are,
        // from the string's own storage.
        var text = s
        let copied = text.withUTF8 { utf8 -> Bool in
            guard ASCIIScan.isPlainJSONString(utf8) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if copied {
            bytes.append(0x22)
            return
        }
        for u in s.unicodeScalars {
            switch u.value {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
            case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
            case 0..<0x20, 0x7F, 0x2028, 0x2029:
                // Control characters, and the two separators that break JavaScript string literals.
                let hex = String(u.value, radix: 16)
                bytes.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
            default:
                UTF8.encode(u) { bytes.append($0) }
            }
        }
        bytes.append(0x22)
    }
}
