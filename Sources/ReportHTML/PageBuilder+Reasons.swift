import StageAggregation

extension PageBuilder {
    /// A Pareto of reasons: the summary's order (count descending, then id), each with its share
    /// of the outcomes it explains and the running total, so "the top 3 reasons are 80 % of all
    /// failures" can be read off the table.
    func reasonTable(_ reasons: [ReasonSummary], kind: String, outcomes: Int) -> ReasonTable {
        // The reasons' counts add up to the outcomes they explain (every failed or skipped
        // outcome has exactly one reason, `(unspecified)` included); use the sum so the shares
        // add up to 100 % even if that ever stops being exact.
        let total = max(1, reasons.reduce(0) { $0 + $1.count })
        var running = 0
        let rows = reasons.prefix(topN).enumerated().map { i, r -> ReasonRow in
            running += r.count
            let share = Double(r.count) / Double(total)
            return ReasonRow(
                rank: ViewFormat.count(i + 1), reasonID: shortText(r.id), count: ViewFormat.count(r.count),
                countValue: r.count, share: ViewFormat.percent(share), shareWidth: ViewFormat.width(share),
                cumulative: ViewFormat.percent(Double(running) / Double(total)),
                hosts: ViewFormat.count(r.hosts),
                spread: ViewFormat.count(r.count, "outcome") + " on " + ViewFormat.count(r.hosts, "host"),
                message: longText(r.message, none: "(no message)"),
                resolution: longText(r.resolution, none: "—"))
        }
        let overview =
            ViewFormat.count(reasons.count, "distinct reason") + " over "
            + ViewFormat.count(outcomes, "host outcome") + "."
        return ReasonTable(
            kind: kind, overview: overview,
            rows: rows, more: ViewFormat.more(total: reasons.count, shown: rows.count, noun: "\(kind) reasons"))
    }
}
