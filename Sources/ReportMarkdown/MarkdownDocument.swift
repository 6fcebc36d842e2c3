/// The report as structured parts in priority order, and the plan that fits it to a budget.
///
/// Fitting never cuts text: it picks how many whole rows each section shows and re-renders.
/// 1. Everything fits: done.
/// 2. Shorten: from the lowest-priority section up, sections drop to their preview rows (what
///    shows outside `<details>`) until the output fits; the section where it starts to fit
///    keeps as many rows as then fit, and every higher-priority section stays whole.
/// 3. Shed: again from the lowest priority up, sections drop further, to a one-line stub.
/// 4. Below `MarkdownRenderer.minimumBudget`: the stubs become one "+N more sections" line,
///    then the HTML link goes, then the verdict line itself gets shorter, down to one plain word.
/// Every cut leaves a visible "+N more (see …)" line, and every form is valid Markdown.
struct MarkdownDocument: Sendable {
    /// The verdict line, longest first; each ends with a newline.
    var verdicts: [String]
    /// Plain ASCII (no Markdown meaning), cut to any length as the last resort.
    var bareVerdict: String
    var link: String?
    var sections: [MarkdownSection]
    var seeAlso: String

    struct Plan: Equatable {
        /// Rows per section; 0 is the stub.
        var shown: [Int]
        /// `false`: the sections are replaced by a single "+N more sections" line.
        var sectionsShown = true
        var link = true
        var verdict = 0
    }

    private var collapsedLine: String {
        "+\(sections.count) more sections (\(seeAlso))\n"
    }

    func size(_ plan: Plan) -> TextSize {
        var blocks = [TextSize(verdicts[plan.verdict])]
        if plan.link, let link { blocks.append(TextSize(link)) }
        if plan.sectionsShown {
            for (i, s) in sections.enumerated() { blocks.append(s.size(plan.shown[i])) }
        } else if !sections.isEmpty {
            blocks.append(TextSize(collapsedLine))
        }
        // Blocks are separated by one blank line.
        return blocks.reduce(.zero, +) + TextSize(bytes: blocks.count - 1)
    }

    func render(_ plan: Plan) -> String {
        // The size is known exactly: room for it up front, rather than growing the string by
        // doubling, which left up to twice the report's size allocated while it was written.
        var out = String()
        out.reserveCapacity(size(plan).bytes)
        out += verdicts[plan.verdict]
        if plan.link, let link { out += "\n" + link }
        if plan.sectionsShown {
            for (i, s) in sections.enumerated() {
                out += "\n"
                s.render(plan.shown[i], into: &out)
            }
        } else if !sections.isEmpty {
            out += "\n" + collapsedLine
        }
        return out
    }

    /// The richest plan that fits, or `nil` when only a cut bare verdict does.
    func fit(_ budget: Budget) -> Plan? {
        var plan = Plan(shown: sections.map(\.available))
        if budget.admits(size(plan)) { return plan }
        for i in sections.indices.reversed() {
            let low = min(sections[i].preview, plan.shown[i])
            if let r = largest(i, low...plan.shown[i], plan, budget) {
                plan.shown[i] = r
                return plan
            }
            plan.shown[i] = low
        }
        for i in sections.indices.reversed() {
            if let r = largest(i, 0...plan.shown[i], plan, budget) {
                plan.shown[i] = r
                return plan
            }
            plan.shown[i] = 0
        }
        plan.sectionsShown = false
        if budget.admits(size(plan)) { return plan }
        plan.link = false
        for v in verdicts.indices {
            plan.verdict = v
            if budget.admits(size(plan)) { return plan }
        }
        return nil
    }

    /// The largest row count in `range` for section `i` that fits, given the other sections.
    private func largest(_ i: Int, _ range: ClosedRange<Int>, _ plan: Plan, _ budget: Budget) -> Int? {
        var p = plan
        func fits(_ r: Int) -> Bool {
            p.shown[i] = r
            return budget.admits(size(p))
        }
        // All rows drop the "+N more" line, so size is monotone only below the top: test it alone.
        if fits(range.upperBound) { return range.upperBound }
        guard fits(range.lowerBound) else { return nil }
        var lo = range.lowerBound, hi = range.upperBound - 1
        while lo < hi {
            let mid = lo + (hi - lo + 1) / 2
            if fits(mid) { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// The output for `budget`, checked against it after rendering.
    func render(within budget: Budget) -> String {
        if let plan = fit(budget) {
            let out = render(plan)
            if budget.admits(TextSize(out)) { return out }
            assertionFailure("planned size differs from rendered size")
        }
        // Plain ASCII: any prefix is valid Markdown, and bytes equal scalars.
        let n = max(0, min(budget.maxBytes, budget.maxScalars))
        return n > bareVerdict.utf8.count ? bareVerdict + "\n" : String(bareVerdict.prefix(n))
    }
}

extension TextSize {
    /// A size of ASCII text: separators.
    init(bytes: Int) {
        self.init()
        self.bytes = bytes
        self.scalars = bytes
    }
}
