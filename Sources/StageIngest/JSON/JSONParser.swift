/// Why a JSON text was refused, with the byte offset where it went wrong.
struct JSONSyntaxError: Error, Equatable {
    var offset: Int
    var message: String

    /// A complete value followed by more: concatenated values, or JSON Lines.
    var isTrailingContent: Bool { message.hasPrefix("trailing content") }
    /// Bytes that are not UTF-8, which a repaired copy may get past when they sit in strings.
    var isInvalidUTF8: Bool { message.hasPrefix("invalid UTF-8") || message.hasPrefix("truncated UTF-8") }
}

/// Validates a JSON text (RFC 8259, UTF-8) and records it as a `JSONTape`.
///
/// One parser per worker thread: its buffers are reused from document to document, so the
/// steady state allocates nothing. Invalid UTF-8 and raw control characters inside strings
/// are syntax errors, as the RFC says.
struct JSONParser {
    private var entries: [UInt64] = []
    private var stack: [Int] = []

    init() {
        entries.reserveCapacity(4096)
        stack.reserveCapacity(64)
    }

    /// Largest offset and string length the tape can address.
    static let maxDocumentBytes = Int(UInt32.max)
    static let maxStringBytes = 0x07FF_FFFF

    private enum State { case value, afterValue, key }

    /// Parses `bytes` (one whole JSON text, surrounding whitespace allowed).
    ///
    /// - Throws: `JSONSyntaxError`. When a complete value is followed by more content, the
    ///   message starts with `trailing content`, which lets a caller detect JSON Lines.
    mutating func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> JSONTape {
        let (tape, end) = try parsePrefix(bytes)
        var p = end
        if let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) {
            JSONParser.skipWhitespace(base, bytes.count, &p)
        }
        if p < bytes.count { throw JSONSyntaxError(offset: p, message: "trailing content after the JSON value") }
        return tape
    }

    /// Parses the first JSON value of `bytes` (leading whitespace allowed) and returns it with the
    /// offset just after it; what follows is left for the caller (concatenated values).
    mutating func parsePrefix(_ bytes: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> (tape: JSONTape, end: Int) {
        entries.removeAll(keepingCapacity: true)
        stack.removeAll(keepingCapacity: true)
        guard bytes.count <= JSONParser.maxDocumentBytes else {
            throw JSONSyntaxError(offset: 0, message: "document larger than 4 GiB")
        }
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count > 0 else {
            throw JSONSyntaxError(offset: 0, message: "empty document")
        }
        let n = bytes.count
        var p = 0
        var state = State.value

        parsing: while true {
            switch state {
            case .value:
                JSONParser.skipWhitespace(base, n, &p)
                guard p < n else {
                    throw JSONSyntaxError(offset: p, message: "unexpected end of input, expected a value")
                }
                let c = base[p]
                switch c {
                case 0x7B, 0x5B: // { [
                    stack.append(entries.count)
                    entries.append((c == 0x7B ? JSONTape.Kind.object : .array).rawValue << 60)
                    p += 1
                    JSONParser.skipWhitespace(base, n, &p)
                    if p < n, base[p] == (c == 0x7B ? 0x7D : 0x5D) {
                        p += 1
                        closeContainer()
                        state = .afterValue
                    } else {
                        state = c == 0x7B ? .key : .value
                    }
                case 0x22:
                    try scanString(base, n, &p)
                    state = .afterValue
                case 0x74:
                    try literal(base, n, &p, "true", .trueValue)
                    state = .afterValue
                case 0x66:
                    try literal(base, n, &p, "false", .falseValue)
                    state = .afterValue
                case 0x6E:
                    try literal(base, n, &p, "null", .null)
                    state = .afterValue
                case 0x2D, 0x30...0x39:
                    try scanNumber(base, n, &p)
                    state = .afterValue
                default:
                    throw JSONSyntaxError(offset: p, message: "unexpected \(JSONParser.describe(c)), expected a value")
                }
            case .key:
                JSONParser.skipWhitespace(base, n, &p)
                guard p < n, base[p] == 0x22 else {
                    throw JSONSyntaxError(
                        offset: p,
                        message: p < n
                            ? "unexpected \(JSONParser.describe(base[p])), expected a member name"
                            : "unexpected end of input inside an object")
                }
                try scanString(base, n, &p)
                JSONParser.skipWhitespace(base, n, &p)
                guard p < n, base[p] == 0x3A else {
                    throw JSONSyntaxError(
                        offset: p,
                        message: p < n
                            ? "unexpected \(JSONParser.describe(base[p])), expected ':'"
                            : "unexpected end of input inside an object")
                }
                p += 1
                state = .value
            case .afterValue:
                guard let open = stack.last else { break parsing }
                JSONParser.skipWhitespace(base, n, &p)
                guard p < n else {
                    throw JSONSyntaxError(
                        offset: p,
                        message:
                            "unexpected end of input inside "
                            + (entries[open] >> 60 == JSONTape.Kind.object.rawValue ? "an object" : "an array")
                    )
                }
                let isObject = entries[open] >> 60 == JSONTape.Kind.object.rawValue
                let c = base[p]
                if c == 0x2C {
                    p += 1
                    state = isObject ? .key : .value
                } else if c == (isObject ? 0x7D : 0x5D) {
                    p += 1
                    closeContainer()
                } else {
                    throw JSONSyntaxError(
                        offset: p,
                        message: "unexpected \(JSONParser.describe(c)), expected ',' or '\(isObject ? "}" : "]")'")
                }
            }
        }
        return (JSONTape(bytes: bytes, entries: entries), p)
    }

    // A static function rather than a local closure over `p`: a captured variable that is
    // also passed inout gets boxed, with a dynamic exclusivity check on every access.
    @inline(__always) private static func skipWhitespace(_ base: UnsafePointer<UInt8>, _ n: Int, _ p: inout Int) {
        while p < n {
            let c = base[p]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            p += 1
        }
    }

    @inline(__always) private mutating func closeContainer() {
        let open = stack.removeLast()
        entries[open] |= UInt64(entries.count)
    }

    private mutating func literal(
        _ base: UnsafePointer<UInt8>, _ n: Int, _ p: inout Int,
        _ word: StaticString, _ kind: JSONTape.Kind
    ) throws(JSONSyntaxError) {
        let len = word.utf8CodeUnitCount
        guard p + len <= n, memcmp(base + p, word.utf8Start, len) == 0 else {
            throw JSONSyntaxError(offset: p, message: "invalid literal, expected '\(word)'")
        }
        p += len
        entries.append(kind.rawValue << 60)
    }

    private mutating func scanNumber(_ base: UnsafePointer<UInt8>, _ n: Int, _ p: inout Int) throws(JSONSyntaxError) {
        let start = p
        @inline(__always) func isDigit(_ i: Int) -> Bool { i < n && base[i] >= 0x30 && base[i] <= 0x39 }
        if base[p] == 0x2D { p += 1 }
        guard isDigit(p) else { throw JSONSyntaxError(offset: p, message: "invalid number: expected a digit") }
        if base[p] == 0x30 { p += 1 } else { while isDigit(p) { p += 1 } }
        if p < n, base[p] == 0x2E {
            p += 1
            guard isDigit(p) else {
                throw JSONSyntaxError(offset: p, message: "invalid number: expected a digit after '.'")
            }
            while isDigit(p) { p += 1 }
        }
        if p < n, base[p] == 0x65 || base[p] == 0x45 {
            p += 1
            if p < n, base[p] == 0x2B || base[p] == 0x2D { p += 1 }
            guard isDigit(p) else { throw JSONSyntaxError(offset: p, message: "invalid number: expected an exponent") }
            while isDigit(p) { p += 1 }
        }
        let length = min(p - start, JSONParser.maxStringBytes)
        entries.append(JSONTape.Kind.number.rawValue << 60 | UInt64(length) << 32 | UInt64(start))
    }

    /// Scans a string starting at the opening quote; validates escapes and UTF-8.
    private mutating func scanString(_ base: UnsafePointer<UInt8>, _ n: Int, _ p: inout Int) throws(JSONSyntaxError) {
        p += 1
        let start = p
        var escaped: UInt64 = 0
        while true {
            // Fast path: eight plain ASCII bytes at a time (no quote, backslash, control or high bit).
            while p + 8 <= n {
                // Read little-endian whatever the machine: the first byte is the lowest.
                let w = UInt64(littleEndian: UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self))
                let quote = w ^ 0x2222_2222_2222_2222
                let slash = w ^ 0x5C5C_5C5C_5C5C_5C5C
                let lo: UInt64 = 0x0101_0101_0101_0101, hi: UInt64 = 0x8080_8080_8080_8080
                let special =
                    (((quote &- lo) & ~quote) | ((slash &- lo) & ~slash) | ((w &- 0x2020_2020_2020_2020) & ~w) | w) & hi
                if special != 0 {
                    // Straight to the first special byte: a borrow only runs towards higher bytes,
                    // so the lowest flag is exact. (The plain bytes before it used to be stepped
                    // over one at a time, each after a word check of its own.)
                    p += special.trailingZeroBitCount &>> 3
                    break
                }
                p += 8
            }
            guard p < n else { throw JSONSyntaxError(offset: start - 1, message: "unterminated string") }
            let c = base[p]
            if c == 0x22 { break }
            if c == 0x5C {
                escaped = 1 << 59
                guard p + 1 < n else { throw JSONSyntaxError(offset: p, message: "unterminated string") }
                switch base[p + 1] {
                case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74:
                    p += 2
                case 0x75:
                    guard p + 6 <= n else { throw JSONSyntaxError(offset: p, message: "truncated \\u escape") }
                    for k in (p + 2)..<(p + 6) {
                        let h = base[k]
                        guard (0x30...0x39).contains(h) || (0x41...0x46).contains(h) || (0x61...0x66).contains(h) else {
                            throw JSONSyntaxError(offset: k, message: "invalid \\u escape")
                        }
                    }
                    p += 6
                default:
                    let c = base[p + 1]
                    let shown =
                        c >= 0x21 && c < 0x7F
                        ? "'\\\(Character(Unicode.Scalar(c)))'" : "'\\' followed by \(JSONParser.describe(c))"
                    throw JSONSyntaxError(offset: p, message: "invalid escape \(shown)")
                }
            } else if c < 0x20 {
                throw JSONSyntaxError(
                    offset: p, message: "control character 0x\(String(c, radix: 16)) inside a string (must be escaped)")
            } else if c < 0x80 {
                p += 1
            } else {
                p = try JSONParser.validateUTF8Sequence(base, n, p)
            }
        }
        let length = p - start
        guard length <= JSONParser.maxStringBytes else {
            throw JSONSyntaxError(offset: start, message: "string longer than \(JSONParser.maxStringBytes) bytes")
        }
        p += 1
        entries.append(JSONTape.Kind.string.rawValue << 60 | escaped | UInt64(length) << 32 | UInt64(start))
    }

    /// Validates one multi-byte UTF-8 sequence at `p` (RFC 3629: no overlongs, no surrogates,
    /// nothing above U+10FFFF) and returns the offset after it.
    static func validateUTF8Sequence(_ base: UnsafePointer<UInt8>, _ n: Int, _ p: Int) throws(JSONSyntaxError) -> Int {
        let c = base[p]
        let length: Int
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch c {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: throw JSONSyntaxError(offset: p, message: "invalid UTF-8 byte 0x\(String(c, radix: 16))")
        }
        guard p + length <= n else { throw JSONSyntaxError(offset: p, message: "truncated UTF-8 sequence") }
        let second = base[p + 1]
        guard second >= lower, second <= upper else {
            throw JSONSyntaxError(offset: p, message: "invalid UTF-8 sequence")
        }
        for k in (p + 2)..<(p + length) where base[k] & 0xC0 != 0x80 {
            throw JSONSyntaxError(offset: p, message: "invalid UTF-8 sequence")
        }
        return p + length
    }

    static func describe(_ c: UInt8) -> String {
        if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return "byte 0x\(String(c, radix: 16, uppercase: false))"
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
