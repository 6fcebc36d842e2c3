import StageModel

/// Reads the JSON text of `runs.detail` (`HistoryDetail`) straight from SQLite's bytes into a
/// run: only the shapes that format has (arrays, integers, strings, null), with any JSON
/// whitespace and escape, since `sqlite3` users may have written it.
struct HistoryDetailParser {
    let bytes: UnsafeRawBufferPointer
    private var i = 0

    struct Malformed: Error {
        var at: Int
    }

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// Fills the hosts, notifications and notes of `run`; `host` and `reason` map row ids back.
    mutating func read(
        into run: inout StageRun, host: (Int64) throws -> (id: String, name: String), reason: (Int64) throws -> Reason
    ) throws {
        try expect("{")
        // The benchmark fleets' runs have 20 hosts; growing from empty would copy them 5 times.
        run.hosts.reserveCapacity(32)
        if try !close("}") {
            repeat {
                guard let key = try stringBytes() else { throw Malformed(at: i) }
                try expect(":")
                switch key {
                case "hosts":
                    guard try open() else { break }
                    repeat {
                        try expect("[")
                        let h = try host(try int())
                        try expect(",")
                        let outcome = try self.outcome()
                        try expect(",")
                        let status = try string()
                        try expect(",")
                        let start = try optionalInt().map(Timestamp.init(milliseconds:))
                        try expect(",")
                        let end = try optionalInt().map(Timestamp.init(milliseconds:))
                        try expect(",")
                        let why = try optionalInt().map(reason)
                        var warnings: [Reason] = []
                        if try !close("]") {
                            try expect(",")
                            if try open() {
                                repeat { warnings.append(try reason(try int())) } while try !close("]", orComma: true)
                            }
                            try expect("]")
                        }
                        run.hosts.append(
                            HostResult(
                                id: h.id, name: h.name, outcome: outcome, status: status, start: start, end: end,
                                reason: why, warnings: warnings))
                    } while try !close("]", orComma: true)
                case "notifications":
                    guard try open() else { break }
                    repeat {
                        try expect("[")
                        let name = try string() ?? ""
                        guard let kind = RunNotification.Kind(name: name) else { throw Malformed(at: i) }
                        try expect(",")
                        run.notifications.append(RunNotification(kind: kind, reason: try reason(try int())))
                        try expect("]")
                    } while try !close("]", orComma: true)
                case "notes":
                    guard try open() else { break }
                    repeat {
                        try expect("[")
                        guard let kind = DataQualityKind(rawValue: try string() ?? "") else { throw Malformed(at: i) }
                        try expect(",")
                        run.notes.append(DataQualityNote(kind: kind, detail: try string() ?? ""))
                        try expect("]")
                    } while try !close("]", orComma: true)
                default: throw Malformed(at: i)
                }
            } while try !close("}", orComma: true)
        }
        skipSpace()
        guard i == bytes.count else { throw Malformed(at: i) }
    }

    /// An array's `[`: true when an element follows, false after an empty array's `]`. Loops
    /// rather than a helper taking a closure: the closure would access `self` while it is mutated.
    private mutating func open() throws -> Bool {
        try expect("[")
        return try !close("]")
    }

    /// True after `end`; false before anything else (after a comma, with `orComma`).
    private mutating func close(_ end: Unicode.Scalar, orComma: Bool = false) throws -> Bool {
        skipSpace()
        guard i < bytes.count else { throw Malformed(at: i) }
        if bytes[i] == UInt8(ascii: end) {
            i += 1
            return true
        }
        if orComma {
            guard bytes[i] == UInt8(ascii: ",") else { throw Malformed(at: i) }
            i += 1
        }
        return false
    }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    private mutating func expect(_ c: Unicode.Scalar) throws {
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: c) else { throw Malformed(at: i) }
        i += 1
    }

    private mutating func isNull() throws -> Bool {
        skipSpace()
        guard i + 4 <= bytes.count, bytes[i] == UInt8(ascii: "n") else { return false }
        guard bytes[i + 1] == UInt8(ascii: "u"), bytes[i + 2] == UInt8(ascii: "l"), bytes[i + 3] == UInt8(ascii: "l")
        else { throw Malformed(at: i) }
        i += 4
        return true
    }

    private mutating func int() throws -> Int64 {
        guard let n = try optionalInt() else { throw Malformed(at: i) }
        return n
    }

    private mutating func optionalInt() throws -> Int64? {
        if try isNull() { return nil }
        let negative = i < bytes.count && bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var v: Int64 = 0
        let first = i
        while i < bytes.count, bytes[i] &- UInt8(ascii: "0") < 10 {
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int64(bytes[i] &- UInt8(ascii: "0")))
            guard !o1, !o2 else { throw Malformed(at: i) }
            v = s
            i += 1
        }
        guard i > first else { throw Malformed(at: i) }
        return negative ? -v : v
    }

    private static let outcomes = HostOutcome.allCases.map { (Array($0.rawValue.utf8), $0) }

    /// An outcome's name, compared as bytes where it has no escape: no String is made for it.
    private mutating func outcome() throws -> HostOutcome {
        skipSpace()
        let start = i
        if i < bytes.count, bytes[i] == UInt8(ascii: "\"") {
            var end = i + 1
            while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") { end += 1 }
            if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
                let raw = UnsafeRawBufferPointer(rebasing: bytes[(i + 1)..<end])
                for (name, outcome) in Self.outcomes where name.count == raw.count && raw.elementsEqual(name) {
                    i = end + 1
                    return outcome
                }
                throw Malformed(at: start)
            }
        }
        guard let name = try stringBytes(), let outcome = HostOutcome(rawValue: name) else {
            throw Malformed(at: start)
        }
        return outcome
    }

    private mutating func string() throws -> String? { try stringBytes() }

    /// A string or null; an unescaped string is decoded straight from the bytes.
    private mutating func stringBytes() throws -> String? {
        if try isNull() { return nil }
        try expect("\"")
        let start = i
        while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") { i += 1 }
        guard i < bytes.count else { throw Malformed(at: i) }
        if bytes[i] == UInt8(ascii: "\"") {
            i += 1
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<(i - 1)]), as: UTF8.self)
        }
        var out = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<i]))
        while true {
            guard i < bytes.count else { throw Malformed(at: i) }
            let b = bytes[i]
            i += 1
            if b == UInt8(ascii: "\"") { break }
            guard b == UInt8(ascii: "\\") else {
                out.append(b)
                continue
            }
            guard i < bytes.count else { throw Malformed(at: i) }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"): try unicodeEscape(into: &out)
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            default: throw Malformed(at: i)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// After `\u`: four hex digits, a surrogate pair as two escapes.
    private mutating func unicodeEscape(into out: inout [UInt8]) throws {
        func hex4() throws -> UInt32 {
            guard i + 4 <= bytes.count else { throw Malformed(at: i) }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[i]
                i += 1
                let d: UInt8
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - UInt8(ascii: "A") + 10
                default: throw Malformed(at: i)
                }
                v = v << 4 | UInt32(d)
            }
            return v
        }
        var code = try hex4()
        if code >= 0xD800, code < 0xDC00, i + 2 <= bytes.count, bytes[i] == UInt8(ascii: "\\"),
            bytes[i + 1] == UInt8(ascii: "u")
        {
            i += 2
            let low = try hex4()
            guard low >= 0xDC00, low < 0xE000 else { throw Malformed(at: i) }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        out.append(contentsOf: String(Unicode.Scalar(code) ?? "\u{FFFD}").utf8)
    }
}
