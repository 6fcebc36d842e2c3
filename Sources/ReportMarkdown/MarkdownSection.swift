/// One section of the report, renderable with any number of its rows: all of them, fewer
/// (with a "+N more" line), or none (a one-line stub). Rows are rendered once and measured, so
/// the budget is planned from exact sizes and the output is built from whole rows only.
struct MarkdownSection: Sendable {
    enum Body: Sendable {
        /// `rows[0]` is the whole body, shown whole or not at all.
        case block
        case table(MarkdownTable)
        case list
        /// One glyph per row on a single line; rows are newest first, shown oldest first.
        case glyphs
    }

    let title: String
    let lead: Inline?
    let body: Body
    /// Items in the data; `rows` may hold fewer when the rest could never fit the budget.
    let total: Int
    /// Rows shown before the rest go into a collapsed `<details>`; also what a section is
    /// first shortened to when the budget is tight.
    let preview: Int
    /// "clusters", for the `<details>` summary line.
    let noun: String
    /// "see the HTML report" or "see summary.json".
    let seeAlso: String
    private(set) var rows: [String] = []
    /// `offsets[i]` is the size of `rows[..<i]`.
    private var offsets: [TextSize] = [.zero]

    /// Renders rows `0..<total` with `row`, stopping once they alone exceed `budget`.
    init(
        title: String, lead: Inline? = nil, body: Body, total: Int, preview: Int = 10, noun: String,
        seeAlso: String, budget: Budget, row: (Int) -> String
    ) {
        self.title = title
        self.lead = lead
        self.body = body
        self.total = total
        self.preview = preview
        self.noun = noun
        self.seeAlso = seeAlso
        for i in 0..<total {
            guard budget.admits(offsets[offsets.count - 1]) else { break }
            let r = row(i)
            rows.append(r)
            offsets.append(offsets[offsets.count - 1] + TextSize(r))
        }
    }

    /// A section whose body is shown whole or not at all.
    init(title: String, lead: Inline? = nil, block: String, seeAlso: String) {
        self.init(
            title: title, lead: lead, body: .block, total: 1, preview: 1, noun: "", seeAlso: seeAlso,
            budget: .unlimited
        ) { _ in block }
    }

    /// The most rows this section can show.
    var available: Int { rows.count }

    enum Piece {
        case text(String)
        case rows(Range<Int>)
        case glyphs(Range<Int>)
    }

    /// The section with its first `shown` rows; 0 is the stub.
    func pieces(_ shown: Int) -> [Piece] {
        let more = total - shown
        guard shown > 0 else {
            if case .block = body { return [.text("**\(title):** not shown (\(seeAlso))\n")] }
            return [.text("**\(title):** +\(MarkdownFormat.count(more)) more (\(seeAlso))\n")]
        }
        var p: [Piece] = [.text("### \(title)\n\n")]
        if let lead { p.append(.text(lead.source + "\n\n")) }
        let open = min(shown, preview)
        switch body {
        case .block:
            p.append(.rows(0..<1))
        case .glyphs:
            p += [.glyphs(0..<shown), .text("\n")]
        case .table(let t):
            p += [.text(t.header), .rows(0..<open)]
            if shown > open {
                p += [.text(detailsOpen(shown - open) + t.header), .rows(open..<shown), .text(detailsClose)]
            }
        case .list:
            p.append(.rows(0..<open))
            if shown > open { p += [.text(detailsOpen(shown - open)), .rows(open..<shown), .text(detailsClose)] }
        }
        if more > 0 { p.append(.text("\n+\(MarkdownFormat.count(more)) more (\(seeAlso))\n")) }
        return p
    }

    // A blank line after <summary> and before </details>, so that the Markdown between them
    // is parsed as Markdown and the HTML block is closed.
    private func detailsOpen(_ n: Int) -> String {
        "\n<details>\n<summary>\(MarkdownFormat.count(n)) more \(noun)</summary>\n\n"
    }

    private var detailsClose: String { "\n</details>\n" }

    func size(_ shown: Int) -> TextSize {
        pieces(shown).reduce(.zero) { sum, piece in
            switch piece {
            case .text(let s): return sum + TextSize(s)
            case .rows(let r), .glyphs(let r): return sum + offsets[r.upperBound] - offsets[r.lowerBound]
            }
        }
    }

    func render(_ shown: Int, into out: inout String) {
        for piece in pieces(shown) {
            switch piece {
            case .text(let s): out += s
            case .rows(let r): for i in r { out += rows[i] }
            case .glyphs(let r): for i in r.reversed() { out += rows[i] }
            }
        }
    }
}
