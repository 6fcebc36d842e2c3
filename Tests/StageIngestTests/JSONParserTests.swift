import Foundation
import StageIngest
import StageModel
import Testing
import TestHelpers

/// The tape JSON parser, seen through JSON Lines: a line that does not parse is rejected with
/// `invalid JSON at column <byte offset + 1>: …`; a line that parses is classified, so a valid
/// non-object says `expected a JSON object, found …`.
@Suite("JSONParser: valid and invalid JSON, byte offsets")
struct JSONParserTests {
    /// The verdict for one JSON Lines line: the rejection reason, or `run` when it was kept.
    private func verdict(_ line: [UInt8]) throws -> String {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("case.jsonl", line + [0x0A])
        let r = try read([dir.path])
        if r.runs.count == 1 && r.rejections.isEmpty { return "run" }
        #expect(r.documents == 1)
        #expect(r.rejections.count == 1)
        #expect(r.rejections.first.map { dir.relative($0.source) } == "case.jsonl:1")
        return r.rejections.first?.reason ?? "nothing"
    }

    private func verdict(_ line: String) throws -> String { try verdict(Array(line.utf8)) }

    /// The one run of a one-line JSON Lines file.
    private func runOf(line: [UInt8]) throws -> StageRun? {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("case.jsonl", line + [0x0A])
        let r = try read([dir.path])
        return r.runs.count == 1 ? r.runs[0] : nil
    }

    static let badTexts: [(String, Int, String)] = [
        ("{\"a\":}", 6, "unexpected '}', expected a value"),
        ("{\"a\" 1}", 6, "unexpected '1', expected ':'"),
        ("[1,]", 4, "unexpected ']', expected a value"),
        ("{\"a\":1,}", 8, "unexpected '}', expected a member name"),
        ("{,}", 2, "unexpected ',', expected a member name"),
        ("{a:1}", 2, "unexpected 'a', expected a member name"),
        ("tru", 1, "invalid literal, expected 'true'"),
        ("nul", 1, "invalid literal, expected 'null'"),
        ("fals e", 1, "invalid literal, expected 'false'"),
        ("\"abc", 1, "unterminated string"),
        ("01", 2, "trailing content after the JSON value"),
        ("-", 2, "invalid number: expected a digit"),
        ("-a", 2, "invalid number: expected a digit"),
        ("1.", 3, "invalid number: expected a digit after '.'"),
        ("1.e5", 3, "invalid number: expected a digit after '.'"),
        ("1e", 3, "invalid number: expected an exponent"),
        ("1e+", 4, "invalid number: expected an exponent"),
        (".5", 1, "unexpected '.', expected a value"),
        ("+1", 1, "unexpected '+', expected a value"),
        ("NaN", 1, "unexpected 'N', expected a value"),
        ("Infinity", 1, "unexpected 'I', expected a value"),
        ("'a'", 1, "unexpected ''', expected a value"),
        ("\"\\x\"", 2, #"invalid escape '\x'"#),
        ("\"\\u12G4\"", 6, "invalid \\u escape"),
        ("\"\\u12\"", 2, "truncated \\u escape"),
        ("\"a\tb\"", 3, "control character 0x9 inside a string (must be escaped)"),
        ("{\"a\":1}}", 8, "trailing content after the JSON value"),
        ("{\"a\":1} {\"b\":2}", 9, "trailing content after the JSON value"),
        ("[1 2]", 4, "unexpected '2', expected ',' or ']'"),
        ("{\"a\":1 \"b\":2}", 8, "unexpected '\"', expected ',' or '}'"),
        ("[", 2, "unexpected end of input, expected a value"),
        ("{", 2, "unexpected end of input inside an object"),
        ("{\"a\":1", 7, "unexpected end of input inside an object"),
        ("[1, [2, 3]", 11, "unexpected end of input inside an array")
    ]

    @Test("Invalid JSON is rejected with the byte offset", arguments: badTexts)
    func invalidJSON(text: String, column: Int, message: String) throws {
        #expect(try verdict(text) == "invalid JSON at column \(column): \(message)")
    }

    static let badBytes: [([UInt8], Int, String)] = [
        ([0x22, 0xE2, 0x82], 2, "truncated UTF-8 sequence"), // and no closing quote
        ([0xFF], 1, "unexpected byte 0xff, expected a value"),
        ([0x7B, 0x7D, 0x00], 3, "trailing content after the JSON value"),
        ([0x22, 0x61, 0x1F, 0x22], 3, "control character 0x1f inside a string (must be escaped)")
    ]

    /// Inside a string, bytes that are not UTF-8 are replaced, one U+FFFD per maximal subpart
    /// (the Unicode standard's practice, which Python's `errors="replace"` follows too).
    static let repairedBytes: [([UInt8], Int)] = [
        ([0xFF], 1),
        ([0xC0, 0xAF], 2), // overlong '/'
        ([0xE0, 0x80, 0xAF], 3), // overlong, 3 bytes
        ([0xED, 0xA0, 0x80], 3), // a UTF-8 surrogate
        ([0xF4, 0x90, 0x80, 0x80], 4), // above U+10FFFF
        ([0x80], 1), // lone continuation
        ([0xE2, 0x82], 1) // cut short by the quote
    ]

    @Test("Bytes that are not UTF-8 inside a string become U+FFFD", arguments: repairedBytes)
    func repairedInsideAString(bytes: [UInt8], replacements: Int) throws {
        let run = try runOf(line: Array("{\"commit\": \"a".utf8) + bytes + Array("b\", \"host_status\": {}}".utf8))
        #expect(run?.commit == "a" + String(repeating: "\u{FFFD}", count: replacements) + "b")
        #expect(run?.notes(.invalidUTF8).count == 1)
    }

    @Test("Invalid bytes are rejected with the byte offset", arguments: badBytes)
    func invalidBytes(bytes: [UInt8], column: Int, message: String) throws {
        #expect(try verdict(bytes) == "invalid JSON at column \(column): \(message)")
    }

    static let goodTexts: [(String, String)] = [
        ("{}", "not a stage document"),
        (" \t 1 \t ", "expected a JSON object, found a number"),
        ("-0.5e+10", "expected a JSON object, found a number"),
        ("-0", "expected a JSON object, found a number"),
        ("1E-5", "expected a JSON object, found a number"),
        ("123456789012345678901234567890e999", "expected a JSON object, found a number"),
        ("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\\u0000\"", "expected a JSON object, found a string"),
        ("\"\u{1F600} \u{e9} \u{10FFFF} \u{7F}\"", "expected a JSON object, found a string"),
        ("true", "expected a JSON object, found a boolean"),
        ("false", "expected a JSON object, found a boolean"),
        ("null", "expected a JSON object, found null"),
        ("[[], {}, [{\"a\": [1, {\"b\": null}]}]]", "expected a JSON object, found an array"),
        ("{\"\": 1, \"a\": {\"\": []}}", "not a stage document")
    ]

    @Test("Valid JSON parses", arguments: goodTexts)
    func validJSON(text: String, reason: String) throws {
        #expect(try verdict(text).hasPrefix(reason))
    }

    @Test("A control character at every offset of a long string", arguments: 0..<24)
    func controlCharacterAtEveryOffset(offset: Int) throws {
        var bytes: [UInt8] = [0x22] + Array(repeating: 0x61, count: 24) + [0x22]
        bytes[1 + offset] = 0x0B
        #expect(
            try verdict(bytes)
                == "invalid JSON at column \(offset + 2): control character 0xb inside a string (must be escaped)")
    }

    @Test("A quote, a backslash or a multi-byte character at every offset", arguments: 0..<20)
    func specialByteAtEveryOffset(offset: Int) throws {
        let pad = String(repeating: "x", count: offset)
        #expect(try verdict("[\"\(pad)\", \"y\"]") == "expected a JSON object, found an array")
        #expect(try verdict("\"\(pad)\\\"\(pad)\"") == "expected a JSON object, found a string")
        #expect(try verdict("\"\(pad)\u{e9}\(pad)\u{1F600}\"") == "expected a JSON object, found a string")
        // A byte that is not UTF-8 is found exactly where it is: the repaired string keeps every
        // byte around it.
        let repaired = try runOf(
            line: Array("{\"commit\": \"\(pad)".utf8) + [0xFE] + Array("\(pad)xxxxxxxx\", \"host_status\": {}}".utf8))
        #expect(repaired?.commit == pad + "\u{FFFD}" + pad + "xxxxxxxx")
        #expect(repaired?.notes(.invalidUTF8).count == 1)
        let broken = Array("\"\(pad)\\q".utf8) + Array("xxxxxxxx\"".utf8)
        #expect(try verdict(broken) == "invalid JSON at column \(offset + 2): invalid escape '\\q'")
    }

    /// The string scanner jumps from a word to its first special byte: the value read must end
    /// exactly at the quote and keep every byte before and after an escape or a multi-byte
    /// character, wherever in the word it falls.
    @Test("A string's value is exact with a special byte at every offset", arguments: 0..<20)
    func stringValueWithSpecialByteAtEveryOffset(offset: Int) throws {
        let pad = String(repeating: "c", count: offset)
        let values = ["d-\(pad)", "d-\(pad)\u{e9}\(pad)x", "d-\(pad)\"q\\\(pad)", "d-\(pad)\u{1F600}y"]
        for value in values {
            let escaped = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                of: "\"", with: "\\\"")
            let run = try #require(
                try onlyRun(
                    .raw(
                        Doc.minimal(cluster: "PLACEHOLDER").text
                            .replacingOccurrences(of: "\"PLACEHOLDER\"", with: "\"\(escaped)\""))))
            #expect(run.clusterID == value)
        }
    }

    /// Whitespace runs of every length from 0 to 20, of all four kinds, after every structural
    /// byte outside strings: the parse is the same as without them. A stray byte inside a run
    /// of spaces and tabs is found at its offset.
    @Test("Whitespace runs of every length", arguments: 0...20)
    func whitespaceRunsOfEveryLength(length: Int) throws {
        let kinds: [UInt8] = [0x20, 0x0A, 0x0D, 0x09]
        let run = (0..<length).map { kinds[$0 % kinds.count] }
        let structural = Array("{[:,}]".utf8)
        var spaced: [UInt8] = []
        var inString = false, escaped = false
        for b in Array(Doc.minimal(cluster: "ws").text.utf8) {
            spaced.append(b)
            if inString {
                if escaped {
                    escaped = false
                } else if b == 0x5C {
                    escaped = true
                } else if b == 0x22 {
                    inString = false
                }
            } else if b == 0x22 {
                inString = true
            } else if structural.contains(b) {
                spaced += run
            }
        }
        let doc = try #require(try onlyRun(.raw(String(decoding: run + spaced, as: UTF8.self))))
        #expect(doc.clusterID == "ws")
        #expect(doc.hosts.map(\.outcome) == [.succeeded])
        #expect(doc.hosts.first?.durationMilliseconds == 60_000)
        // One JSON Lines line: spaces and tabs only, then a byte that is not whitespace.
        let blanks = (0..<length).map { $0 % 2 == 0 ? UInt8(0x20) : 0x09 }
        let broken = Array("[".utf8) + blanks + [0x01] + [UInt8](repeating: 0x20, count: 9) + Array("1]".utf8)
        #expect(try verdict(broken) == "invalid JSON at column \(length + 2): unexpected byte 0x1, expected a value")
    }

    @Test func duplicateKeysLastWins() throws {
        let raw =
            "{\"commit\": \"1\", \"host_status\": {\"h\": {\"status\": \"ERROR\"}, \"h\": {\"status\": \"OK\"}}, "
            + "\"cluster\": \"a\", \"\\u0063ommit\": \"2\", \"cluster\": \"b\"}"
        let run = try #require(try onlyRun(.raw(raw)))
        #expect(run.commit == "2")
        #expect(run.clusterID == "b")
        #expect(run.hosts.map(\.outcome) == [.succeeded])
    }

    /// Keys of a wanted name's length that differ in one byte (first, middle, last, or in the
    /// overlapping last word of a long name) are other members.
    @Test func keysOfTheSameLengthAreNotConfused() throws {
        let raw =
            "{\"commiT\": \"9\", \"commit\": \"2\", \"Commit\": \"8\", \"cluster\": \"b\", \"clusteR\": \"x\", "
            + "\"host_status\": {\"h\": {\"statuS\": \"ERROR\", \"status\": \"OK\", \"sTatus\": \"ERROR\", "
            + "\"start_timE\": \"2026-01-01T00:00:09Z\", \"start_time\": \"2026-01-01T00:00:00Z\", "
            + "\"end_time\": \"2026-01-01T00:01:00Z\", \"end_tiMe\": \"2026-01-01T00:09:00Z\"}}, "
            + "\"host_statuS\": {\"g\": {\"status\": \"ERROR\"}}}"
        let run = try #require(try onlyRun(.raw(raw)))
        #expect(run.commit == "2")
        #expect(run.clusterID == "b")
        #expect(run.hosts.map(\.id) == ["h"])
        #expect(run.hosts.map(\.outcome) == [.succeeded])
        #expect(run.hosts.first?.durationMilliseconds == 60_000)
    }

    @Test func deepNestingInsideAnUnknownMemberIsKept() throws {
        let depth = 100_000
        let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let objects = String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
        let doc = Doc.minimal(extra: [("deep", .raw(nested)), ("deeper", .raw(objects))])
        for name in ["deep.json", "deep.jsonl"] {
            var out: Read?
            try ingestFiles([(name, doc.text)]) { r, _ in out = r }
            #expect(out?.runs.count == 1, "\(name)")
            #expect(out?.runs.first?.hosts.map(\.outcome) == [.succeeded])
            #expect(out?.rejections.isEmpty == true)
        }
    }

    @Test func deepNestingAsTheWholeDocumentDoesNotCrash() throws {
        let depth = 100_000
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let objects = String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
        let unclosed = String(repeating: "[", count: depth)
        try ingestFiles([
            ("arrays.json", arrays), ("objects.json", objects), ("unclosed.json", unclosed),
            ("lines.jsonl", arrays + "\n" + objects + "\n" + unclosed + "\n")
        ]) { r, dir in
            #expect(r.runs.isEmpty)
            #expect(r.documents == 6)
            #expect(
                r.rejections.map { dir.relative($0.source) } == [
                    "arrays.json[0]", "lines.jsonl:1", "lines.jsonl:2", "lines.jsonl:3", "objects.json", "unclosed.json"
                ])
            #expect(r.rejections.first?.reason == "expected a JSON object, found an array")
            #expect(
                r.rejections.last?.reason
                    == "invalid JSON at line 1, column \(depth + 1): unexpected end of input, expected a value")
        }
    }

    @Test func hugeNumbersInUnknownMembersAreFine() throws {
        let doc = Doc.minimal(extra: [
            ("big", .number("123456789012345678901234567890123456789")), ("neg", .number("-9223372036854775809")),
            ("exp", .number("1e400")), ("tiny", .number("-1.5e-400")),
            ("digits", .number("0." + String(repeating: "9", count: 500)))
        ])
        let run = try #require(try onlyRun(doc))
        #expect(run.hosts.count == 1)
    }

    @Test func bigNumbersWhereAStringIsExpectedAreTheWrongType() throws {
        let r = try ingestOne(["commit": .number("18446744073709551616"), "host_status": [:]])
        #expect(r.rejections.map(\.reason) == ["commit: expected a string, found a number"])
    }
}
