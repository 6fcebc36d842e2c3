import ReportText

/// Inline Markdown that is safe to put anywhere on a line or in a table cell: the renderer's
/// own words and figures, or data that went through `MarkdownEscaper`. Builders take only
/// this type, so data cannot reach the output unescaped by accident.
struct Inline: Sendable, Equatable {
    let source: String

    /// The renderer's own text: labels, numbers, formatted rates, times and durations.
    init(_ own: String) { source = own }

    /// Text from the data: escaped, flattened to one line and capped at `limit` scalars.
    static func data(_ raw: String, limit: Int = MarkdownEscaper.cellLimit) -> Inline {
        Inline(MarkdownEscaper.text(raw, limit: limit))
    }

    /// `data`, but never empty, so a table cell always has something visible.
    static func cell(_ raw: String, limit: Int = MarkdownEscaper.cellLimit) -> Inline {
        Inline(MarkdownEscaper.cell(raw, limit: limit))
    }

    static func + (a: Inline, b: Inline) -> Inline { Inline(a.source + b.source) }

    static func bold(_ s: Inline) -> Inline { Inline("**" + s.source + "**") }
}

/// A GFM table: one header, rows with exactly as many cells.
struct MarkdownTable: Sendable {
    enum Align: Sendable { case left, right }

    let titles: [String]
    let aligns: [Align]

    init(_ columns: [(String, Align)]) {
        titles = columns.map(\.0)
        aligns = columns.map(\.1)
    }

    /// The header and delimiter lines.
    var header: String {
        "| " + titles.joined(separator: " | ") + " |\n|"
            + aligns.map { $0 == .right ? "---:|" : ":---|" }.joined() + "\n"
    }

    /// One row line. Cells are escaped, so their `|` cannot add a column; the count is checked.
    func row(_ cells: [Inline]) -> String {
        precondition(cells.count == titles.count, "a row must have one cell per column")
        // Sized exactly: a section keeps its rows until the report is planned, and rows grown by
        // appending kept up to twice their size.
        var line = String()
        line.reserveCapacity(cells.reduce(4 + 3 * (cells.count - 1)) { $0 + $1.source.utf8.count })
        line += "| "
        for (i, cell) in cells.enumerated() {
            if i > 0 { line += " | " }
            line += cell.source
        }
        line += " |\n"
        return line
    }
}

/// Figures as the Markdown shows them; locale-independent so output is byte-reproducible.
enum MarkdownFormat {
    static func count(_ n: Int) -> String { ReportFormatting.count(n) }

    static func counted(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        ReportFormatting.count(n, singular, plural)
    }
}
