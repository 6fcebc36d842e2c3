import TestHelpers
import Testing

/// Renders Markdown with cmark-gfm and lists everything that would make it broken or unsafe on
/// GitHub: a table row with a cell too many or too few, a heading, tag or link that the data
/// made, an unbalanced `<details>`.
///
/// Column counts: GFM silently drops extra cells and pads missing ones, so counting cells in
/// the HTML proves nothing. Each table line of the source gets one more cell holding a sentinel
/// before rendering; a data `|` that split a cell pushes the sentinel out of the last column,
/// and a swallowed separator pulls it in, so "the sentinel is last in every row" is the check.
enum GFMCheck {
    static let sentinel = "ZZSENTINELZZ"

    /// The only tags the renderer writes; anything else in the HTML came from the data.
    static let allowedTags: Set<String> = [
        "p", "h2", "h3", "table", "thead", "tbody", "tr", "th", "td",
        "details", "summary", "ul", "li", "strong", "a"
    ]

    static let headings: Set<String> = [
        "Quality gates", "Key figures", "Clusters that need attention", "Failed runs without host results",
        "Run failure reasons", "Top failure reasons", "Skip reasons", "Warnings", "Durations", "Nightly trend",
        "Failing hosts", "Flaky hosts", "Data quality", "What changed since the previous night",
        "Clusters that changed",
        "Commit regressions"
    ]

    static let tableHeaders: Set<[String]> = [
        ["Gate", "Threshold", "Measured", "Result", "Detail"],
        ["Host outcomes", "Success rate", "Succeeded", "Failed", "Timed out", "Skipped", "In progress", "Unknown"],
        ["Cluster", "vCenter", "Success rate", "Failed", "Timed out", "Skipped", "Outcomes", "Latest run"],
        ["Reason", "Outcomes", "Hosts", "Sample message"],
        ["Cluster", "vCenter", "Start", "Status", "Reason", "Message"],
        ["Reason", "Runs", "Clusters", "Sample message"],
        ["Warning", "Outcomes", "Runs", "Hosts", "Sample message"],
        ["Outcome", "Count", "Min", "Mean", "p50", "p90", "p95", "p99", "Max"],
        ["Host", "Cluster", "Streak", "Latest outcome", "Latest run", "Latest reason"],
        ["Host", "Cluster", "Outcomes", "Succeeded", "Failed or timed out"],
        ["Note", "Count", "Examples"],
        ["Change", "Cluster", "Host", "Outcome", "Before", "Regression window", "Reason"],
        ["Change", "Cluster", "vCenter", "Latest run", "New host failures", "Regression window", "Reason"],
        [
            "Cluster", "vCenter", "Commit", "Success rate (95 % interval)", "Previous commit", "Its success rate", "p"
        ]
    ]

    /// Problems in `markdown`; empty when it is valid. `href` is the one link allowed.
    static func problems(in markdown: String, href: String? = nil) throws -> [String] {
        try problems(in: markdown, href: href, cmark: try ExternalTool.cmarkGFM.require())
    }

    static func problems(in markdown: String, href: String? = nil, cmark: String) throws -> [String] {
        var problems = sourceProblems(markdown)
        let html = try CMarkGFM.html(withSentinels(markdown), cmark: cmark)
        problems += tagProblems(html, href: href)
        problems += filteredTagProblems(html)
        problems += tableProblems(html)
        return problems
    }

    /// Lines that only the renderer may start: headings and HTML blocks.
    static func sourceProblems(_ md: String) -> [String] {
        var problems: [String] = []
        for (n, line) in md.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("### ") {
                if !headings.contains(String(line.dropFirst(4))) {
                    problems.append("line \(n + 1): unexpected heading: \(line)")
                }
            } else if line.hasPrefix("#") {
                if !(n == 0 && line.hasPrefix("## ")) { problems.append("line \(n + 1): unexpected heading: \(line)") }
            } else if line.hasPrefix("<") {
                let ok =
                    line == "<details>" || line == "</details>"
                    || line.wholeMatch(of: /<summary>[0-9,]+ more [a-z]+<\/summary>/) != nil
                if !ok { problems.append("line \(n + 1): unexpected HTML line: \(line)") }
            }
        }
        return problems
    }

    static func withSentinels(_ md: String) -> String {
        md.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.hasPrefix("|") else { return String(line) }
            let delimiter = line.allSatisfy { "|:-".contains($0) }
            return line + (delimiter ? ":---|" : " \(sentinel) |")
        }.joined(separator: "\n")
    }

    static func tagProblems(_ html: String, href: String?) -> [String] {
        var problems: [String] = []
        var depth: [String: Int] = [:]
        var h2 = 0
        let bytes = Array(html.utf8)
        var i = 0
        while i < bytes.count {
            defer { i += 1 }
            guard bytes[i] == UInt8(ascii: "<") else { continue }
            var j = i + 1
            let closing = j < bytes.count && bytes[j] == UInt8(ascii: "/")
            if closing { j += 1 }
            let nameStart = j
            while j < bytes.count, isAlnum(bytes[j]) { j += 1 }
            guard j > nameStart else { continue } // `<` followed by no name is text, e.g. `< 5`
            let name = String(decoding: bytes[nameStart..<j], as: UTF8.self).lowercased()
            var end = j
            while end < bytes.count, bytes[end] != UInt8(ascii: ">") { end += 1 }
            let attributes = String(decoding: bytes[j..<min(end, bytes.count)], as: UTF8.self)
            guard allowedTags.contains(name) else {
                problems.append("tag <\(closing ? "/" : "")\(name)\(attributes)> in the HTML")
                continue
            }
            if name == "a", !closing {
                let expected = href.map { " href=\"\(htmlEscaped($0))\"" }
                if attributes != expected {
                    problems.append("link <a\(attributes)> (only\(expected ?? " none") allowed)")
                }
            }
            if name == "h2", !closing { h2 += 1 }
            if ["details", "summary", "table"].contains(name) {
                depth[name, default: 0] += closing ? -1 : 1
                if depth[name]! < 0 { problems.append("</\(name)> without <\(name)>") }
            }
        }
        for (name, d) in depth where d != 0 { problems.append("<\(name)> unbalanced by \(d)") }
        if h2 > 1 { problems.append("\(h2) <h2> headings") }
        for line in html.split(separator: "\n") where line.hasPrefix("<h3>") {
            let text = line.dropFirst(4).dropLast(5)
            if !headings.contains(String(text)) { problems.append("unexpected heading \(line)") }
        }
        return problems
    }

    /// The tagfilter extension turns `<script>` into `&lt;script>`: harmless, but proof that
    /// raw HTML from the data reached the Markdown unescaped (escaped text gives `&lt;script&gt;`).
    static func filteredTagProblems(_ html: String) -> [String] {
        let names = ["title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext"]
        var problems: [String] = []
        let lower = html.lowercased()
        for name in names {
            var rest = lower[...]
            while let hit = rest.range(of: "&lt;" + name) {
                let after = rest[hit.upperBound...]
                // Raw: the next `<`, `>` or `&gt;` is a bare `>` (a following tag starts with `<`).
                if let next = after.firstIndex(where: { $0 == "<" || $0 == ">" }), after[next] == ">",
                    after.range(of: "&gt;").map({ next < $0.lowerBound }) ?? true
                {
                    problems.append("raw <\(name)> neutralised by tagfilter")
                }
                rest = after
            }
        }
        return problems
    }

    static func tableProblems(_ html: String) -> [String] {
        var problems: [String] = []
        var header: [String]? = nil
        var row: [String]? = nil
        var tables = 0
        for line in html.split(separator: "\n") {
            switch line {
            case "<table>":
                tables += 1
                header = nil
            case "<tr>":
                row = []
            case "</tr>":
                guard let cells = row else { continue }
                row = nil
                if cells.last != sentinel { problems.append("table \(tables): row \(cells) lost its column structure") }
                if let header {
                    if cells.count != header.count {
                        problems.append("table \(tables): \(cells.count) cells, header has \(header.count)")
                    }
                } else {
                    header = cells
                    if !tableHeaders.contains(Array(cells.dropLast())) {
                        problems.append("table \(tables): unknown header \(cells)")
                    }
                }
            default:
                if line.hasPrefix("<td") || line.hasPrefix("<th"), let gt = line.firstIndex(of: ">") {
                    row?.append(String(line[line.index(after: gt)...].dropLast(5)))
                }
            }
        }
        return problems
    }

    static func htmlEscaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    private static func isAlnum(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }
}
