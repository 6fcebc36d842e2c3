import ReportText

/// Small helpers for the charts, which are built in Swift from numbers and fixed labels and
/// inserted with `{{{…}}}`. Any text that reaches them is escaped here first.
enum SVG {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A coordinate with at most one decimal: enough for a 960-unit view box, and short.
    static func n(_ v: Double) -> String { DecimalFormat.format(v, decimals: 1) }

    /// The smallest of 1, 2, 5 × 10^k that is at least `v` (at least 1): a readable axis top.
    static func niceCeiling(_ v: Int) -> Int {
        var step = 1
        while true {
            for m in [1, 2, 5] where m * step >= v { return m * step }
            step *= 10
        }
    }

    static func text(_ x: Double, _ y: Double, _ s: String, anchor: String = "middle", cls: String = "axis") -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" class=\"\(cls)\">\(escape(s))</text>"
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, cls: String = "grid") -> String {
        "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" class=\"\(cls)\"/>"
    }

    static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, cls: String) -> String {
        "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(h))\" class=\"\(cls)\"/>"
    }

    /// The opening tag with an accessible name and description, read by screen readers in
    /// place of the drawing. No `xmlns`: inline SVG in HTML needs none, and the page carries
    /// no URL at all.
    static func open(id: String, width: Int, height: Int, title: String, desc: String) -> String {
        "<svg class=\"chart\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\">"
            + "<title id=\"\(id)-t\">\(escape(title))</title><desc id=\"\(id)-d\">\(escape(desc))</desc>"
    }
}
