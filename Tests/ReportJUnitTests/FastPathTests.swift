@testable import ReportJUnit
import ReportText
import Testing

/// The byte-level fast paths of the JUnit writer give what the general code gives.
@Suite struct FastPathTests {
    @Test func secondsAreReportFormattingsSeconds() {
        var values: [Int64] = [
            .min, -1_000, -1, 0, 1, 9, 10, 99, 100, 999, 1_000, 1_001, 59_999, 405_169, 86_400_000, .max
        ]
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(Int64(bitPattern: x) >> Int64(x % 60))
        }
        for v in values {
            #expect(
                JUnitDigits.withSeconds(v) { String(cString: $0) } == ReportFormatting.secondsWithMilliseconds(v),
                "\(v)")
        }
    }

    /// Every string of up to 5 characters over an alphabet with dots, spaces and a non-ASCII
    /// letter: the fast test accepts exactly the ASCII ones the general rule accepts.
    @Test func namespacedFastPathFollowsTheRule() {
        for s in Self.strings(over: ["a", ".", " ", "-", "é"], upTo: 5) {
            let segments = s.split(separator: ".", omittingEmptySubsequences: false)
            let rule = segments.count >= 2 && segments.allSatisfy { !$0.isEmpty } && !s.contains(" ")
            if s.utf8.allSatisfy({ $0 < 0x80 }) {
                #expect(JUnitText.isNamespacedASCII(s) == rule, "\(s.debugDescription)")
            } else {
                #expect(!JUnitText.isNamespacedASCII(s), "\(s.debugDescription)")
            }
        }
    }

    /// Every string of up to 6 characters over letters, blanks and line ends, plus lines at
    /// and around the length limit.
    @Test func firstLineFastPathFollowsTheRule() {
        var inputs = Self.strings(over: ["a", " ", "\t", "\n", "\r"], upTo: 6)
        for n in [998, 999, 1_000, 1_001, 2_500] {
            let line = String(repeating: "x", count: n)
            inputs += [line, "\r\n \t\n" + line + "\r\nmore", line + "\n"]
        }
        for s in inputs {
            #expect(JUnitText.firstLine(s) == Self.firstLine(s), "\(s.debugDescription)")
        }
    }

    /// The rule, scalar by scalar: the first line with something besides blanks, else empty;
    /// over the limit, cut with an ellipsis.
    static func firstLine(_ s: String) -> String {
        let lines = s.unicodeScalars.split { $0 == "\n" || $0 == "\r" }
        let line =
            lines.first { $0.contains { $0 != " " && $0 != "\t" } }.map { String(String.UnicodeScalarView($0)) } ?? ""
        let limit = JUnitText.maxMessageCharacters
        return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
    }

    static func strings(over alphabet: [String], upTo length: Int) -> [String] {
        var all = [""]
        var previous = [""]
        for _ in 0..<length {
            previous = previous.flatMap { p in alphabet.map { p + $0 } }
            all += previous
        }
        return all
    }
}
