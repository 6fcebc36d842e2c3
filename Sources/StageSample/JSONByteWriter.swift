/// Appends JSON straight into a byte buffer. Hand-written because JSONSerialization and
/// JSONEncoder are far too slow for gigabyte fleets and neither gives a stable member order.
///
/// Pretty mode matches the collector fixtures: one space per level, `"key": value`, empty
/// containers as `{}` / `[]`. Compact mode has no whitespace at all (one document per JSONL line).
struct JSONByteWriter {
    var bytes: [UInt8]
    let pretty: Bool
    private var depth = 0
    /// Bit `d` set: the container at depth `d` already has a member (so the next one needs a comma).
    private var nonEmpty: UInt64 = 0
    private var afterKey = false

    init(pretty: Bool, capacity: Int = 1 << 16) {
        self.pretty = pretty
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Starts a new document in the same buffer (keeps its capacity).
    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        depth = 0
        nonEmpty = 0
        afterKey = false
    }

    // MARK: Structure

    mutating func beginObject() {
        beforeValue()
        bytes.append(UInt8(ascii: "{"))
        open()
    }

    mutating func endObject() {
        close()
        bytes.append(UInt8(ascii: "}"))
    }

    mutating func beginArray() {
        beforeValue()
        bytes.append(UInt8(ascii: "["))
        open()
    }

    mutating func endArray() {
        close()
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func key(_ name: StaticString) {
        beforeMember()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        appendKeyEnd()
    }

    mutating func key(_ name: String) {
        beforeMember()
        bytes.append(UInt8(ascii: "\""))
        appendEscaped(name)
        appendKeyEnd()
    }

    // MARK: Values

    mutating func string(_ value: StaticString) {
        beforeValue()
        bytes.append(UInt8(ascii: "\""))
        value.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func string(_ value: String) {
        beforeValue()
        appendQuoted(value)
    }

    /// A string value written in pieces (message templates), escaped piece by piece.
    mutating func beginString() {
        beforeValue()
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func stringPiece(_ piece: String) {
        appendEscaped(piece)
    }

    mutating func stringPiece(_ value: Int) {
        appendInteger(Int64(value))
    }

    mutating func endString() {
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func int(_ value: Int) {
        beforeValue()
        appendInteger(Int64(value))
    }

    mutating func bool(_ value: Bool) {
        beforeValue()
        if value {
            bytes.append(contentsOf: [0x74, 0x72, 0x75, 0x65])  // true
        } else {
            bytes.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65])  // false
        }
    }

    mutating func timestamp(milliseconds: Int64) {
        beforeValue()
        bytes.append(UInt8(ascii: "\""))
        SampleClock.appendTimestamp(milliseconds: milliseconds, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// An integer rendered as a JSON string (commits are decimal strings on the wire).
    mutating func decimalString(_ value: Int) {
        beforeValue()
        bytes.append(UInt8(ascii: "\""))
        appendInteger(Int64(value))
        bytes.append(UInt8(ascii: "\""))
    }

    // MARK: Internals

    private mutating func open() {
        depth += 1
        nonEmpty &= ~(1 << UInt64(depth & 63))
    }

    private mutating func close() {
        let hadMembers = nonEmpty & (1 << UInt64(depth & 63)) != 0
        depth -= 1
        if pretty && hadMembers { newline() }
    }

    private mutating func beforeMember() {
        let bit: UInt64 = 1 << UInt64(depth & 63)
        if nonEmpty & bit != 0 { bytes.append(UInt8(ascii: ",")) }
        nonEmpty |= bit
        if pretty { newline() }
    }

    private mutating func beforeValue() {
        if afterKey {
            afterKey = false
            return
        }
        if depth > 0 { beforeMember() }
    }

    /// Closes the key's quote and writes the separator.
    private mutating func appendKeyEnd() {
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
        afterKey = true
    }

    private mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        for _ in 0..<depth { bytes.append(UInt8(ascii: " ")) }
    }

    private mutating func appendQuoted(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        appendEscaped(value)
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendInteger(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let first = bytes.count
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        // Digits were produced least significant first.
        bytes[first...].reverse()
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// JSON string escaping: quote, backslash and control characters; everything else, including
    /// non-ASCII, is copied as UTF-8 (Swift strings are always valid UTF-8).
    private mutating func appendEscaped(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                    continue
                }
                if runStart < index {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                }
                appendEscape(for: byte)
                runStart = index + 1
            }
            if runStart < utf8.count {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
            }
        }
    }

    private mutating func appendEscape(for byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                      Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0x0F)]])
        }
    }
}
