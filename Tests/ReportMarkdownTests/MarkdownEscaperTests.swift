import Foundation
@testable import ReportMarkdown
import Testing

@Suite struct MarkdownEscaperTests {
    typealias E = MarkdownEscaper
    static let wj = "\u{2060}"

    @Test(arguments: [
        ("plain text", "plain text"),
        ("a|b", "a\\|b"),
        ("a\\|b", "a\\\\\\|b"),
        ("*x* _y_ `z`", "\\*x\\* \\_y\\_ \\`z\\`"),
        ("<script>", "\\<script\\>"),
        ("[a](b) ![c](d)", "\\[a\\]\\(b\\) \\!\\[c\\]\\(d\\)"),
        ("# h", "\\# h"),
        ("&amp;", "\\&amp;"),
        ("~~s~~ $m$", "\\~\\~s\\~\\~ \\$m\\$"),
        ("https://evil.example", "https\\://evil\\.example"),
        ("www.evil.com", "www\\.evil\\.com"),
        ("a@b.c", "a@\(wj)b\\.c"),
        ("#12 #x", "\\#\(wj)12 \\#x"),
        ("one\ntwo\r\nthree\tfour", "one two  three four"),
        ("red\u{1B}[31m!", "red\\!"),
        ("nul\u{0}", "nul\u{FFFD}"),
        ("", "")
    ])
    func escapesText(_ raw: String, _ expected: String) {
        #expect(E.text(raw) == expected)
    }

    @Test func cellIsNeverEmpty() {
        #expect(E.cell("") == "—")
        #expect(E.cell(" \n ") == "—")
        #expect(E.cell("x") == "x")
    }

    @Test func capsLongTextWithAnEllipsis() {
        let long = String(repeating: "a", count: 5_000)
        let t = E.text(long)
        #expect(t.unicodeScalars.count == E.cellLimit)
        #expect(t.hasSuffix("…"))
        #expect(E.text(String(repeating: "b", count: E.cellLimit)) == String(repeating: "b", count: E.cellLimit))
        #expect(E.text("abcdef", limit: 4) == "abc…")
        // The cut comes before escaping, so an escape is never split.
        #expect(E.text(String(repeating: "|", count: 10), limit: 4) == "\\|\\|\\|…")
        // Megabytes of combining marks on one character are still capped.
        let zalgo = "z" + String(repeating: "\u{0301}", count: 1_000_000)
        #expect(E.text(zalgo).unicodeScalars.count == E.cellLimit)
    }

    @Test(arguments: [
        ("https://ci.example.com/job/7/report/index.html", "https://ci.example.com/job/7/report/index.html"),
        ("HTTP://ci.example.com", "HTTP://ci.example.com"),
        ("report/index.html", "report/index.html"),
        ("../artifacts/report.html#clusters", "../artifacts/report.html#clusters"),
        ("https://x.example/?a=1&b=(2)", "https://x.example/?a=1\\&b=%282%29"),
        ("https://x.example/<b>\"'`|[]\\{}^", "https://x.example/%3Cb%3E%22%27%60%7C%5B%5D%5C%7B%7D%5E"),
        ("https://x.example/é", "https://x.example/%C3%A9"),
        ("./a:b", "./a:b")
    ])
    func acceptsAndEncodesLinks(_ raw: String, _ expected: String) {
        #expect(E.linkDestination(raw) == expected)
        #expect(MarkdownOptions.acceptsHTMLURL(raw))
    }

    @Test(arguments: [
        "", "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\nscript:alert(1)", "java\tscript:x",
        " https://x.example",
        "data:text/html,<script>alert(1)</script>", "vbscript:x", "file:///etc/passwd", "ftp://x.example",
        "mailto:a@b.c",
        "//evil.example/x", "\\\\evil.example", "/\\evil.example", "https://", "https:///evil", "https:evil.example",
        "http:/x",
        "https://x.example/\u{0}", "/reports/a b.html", "https://" + String(repeating: "a", count: 2_001)
    ])
    func rejectsUnsafeLinks(_ raw: String) {
        #expect(E.linkDestination(raw) == nil)
        #expect(!MarkdownOptions.acceptsHTMLURL(raw))
    }

    /// What cmark-gfm shows for escaped text is exactly the data, flattened and capped.
    @Test
    func cmarkShowsTheDataLiterally() throws {
        for raw in TestSummaries.hostile {
            let visible = E.flatten(raw, limit: E.cellLimit)
            let paragraph = try CMarkGFM.html("A " + E.text(raw) + "\n")
            #expect(
                Self.textOf(paragraph) == Self.trimmed("A " + visible),
                "paragraph for \(raw.debugDescription): \(paragraph)")
            let table = try CMarkGFM.html("| h | i |\n|---|---|\n| \(E.cell(raw)) | end |\n")
            let cells = table.split(separator: "\n").filter { $0.hasPrefix("<td>") }
            #expect(cells.count == 2 && cells.last == "<td>end</td>", "table for \(raw.debugDescription): \(table)")
            #expect(
                Self.textOf(String(cells.first ?? ""))
                    == (Self.trimmed(visible).isEmpty ? "—" : Self.trimmed(visible)))
        }
    }

    static func trimmed(_ s: String) -> String { s.trimmingCharacters(in: .whitespaces) }

    /// The visible text of one line of cmark-gfm HTML with no tags but its wrapper; `nil` when
    /// anything else made a tag.
    static func textOf(_ html: String) -> String? {
        var s = html.trimmingCharacters(in: .newlines)
        for wrapper in ["p", "td"] where s.hasPrefix("<\(wrapper)>") && s.hasSuffix("</\(wrapper)>") {
            s = String(s.dropFirst(wrapper.count + 2).dropLast(wrapper.count + 3))
        }
        guard !s.contains("<") else { return nil }
        return s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: wj, with: "")
    }
}

/// The byte-level fast paths must give exactly what the general scalar paths give.
@Suite("MarkdownEscaper: ASCII fast paths")
struct MarkdownEscaperFastPathTests {
    @Test func asciiEscapeEqualsScalarEscape() {
        var state: UInt64 = 42
        for length in 0..<400 {
            var bytes: [UInt8] = []
            for _ in 0..<(length % 40) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                bytes.append(UInt8((state >> 33) % 128))
            }
            let s = String(decoding: bytes, as: UTF8.self)
            #expect(MarkdownEscaper.escapeASCII(s) == MarkdownEscaper.escapeScalars(s), "\(bytes)")
        }
        for b in UInt8(0)..<128 {
            let s = "a" + String(UnicodeScalar(b)) + "#1@x"
            #expect(MarkdownEscaper.escape(s) == MarkdownEscaper.escapeScalars(s), "\(b)")
        }
    }

    @Test func flattenFastPathIsTheSlowPathsResult() {
        // Printable ASCII within the limit comes back unchanged; anything else takes the
        // general path (tabs and line ends, over the limit).
        #expect(MarkdownEscaper.flatten("esx01.example.com", limit: 200) == "esx01.example.com")
        #expect(MarkdownEscaper.flatten("a\tb\nc", limit: 200) == "a b c")
        #expect(
            MarkdownEscaper.flatten(String(repeating: "x", count: 201), limit: 200) == String(
                repeating: "x", count: 199) + "…")
        #expect(
            MarkdownEscaper.flatten(String(repeating: "x", count: 200), limit: 200)
                == String(repeating: "x", count: 200))
    }
}
