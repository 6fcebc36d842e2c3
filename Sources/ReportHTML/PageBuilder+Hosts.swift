import StageAggregation
import StageModel

/// The input of the host × night grid: `Summary.hostNights`.
package typealias HostNightsInput = HostNights

extension PageBuilder {
    /// Nights shown as grid columns, the latest ones; the grid must stay readable.
    static let maxGridNights = 31

    func flakyTable() -> FlakyTable {
        let shown = summary.flakyHosts.prefix(topN)
        return FlakyTable(
            caption: ViewFormat.count(summary.flakyHosts.count, "flaky host") + ", most failures first",
            rows: shown.map { h in
                let share = h.outcomes == 0 ? nil : Double(h.failed) / Double(h.outcomes)
                return FlakyRow(
                    host: host(h.key, name: h.name), outcomes: ViewFormat.count(h.outcomes),
                    succeeded: ViewFormat.count(h.succeeded), failed: ViewFormat.count(h.failed),
                    failedShare: ViewFormat.percent(share), failedShareValue: ViewFormat.sortValue(share))
            },
            more: ViewFormat.more(total: summary.flakyHosts.count, shown: shown.count, noun: "flaky hosts"))
    }

    func failingTable() -> FailingTable {
        var messages: [String: String] = [:]
        for r in summary.failureReasons where messages[r.id] == nil { messages[r.id] = r.message }
        let shown = summary.failingHosts.prefix(topN)
        return FailingTable(
            total: ViewFormat.count(summary.failingHosts.count),
            caption: ViewFormat.count(summary.failingHosts.count, "failing host") + ", longest streak first",
            rows: shown.map { h in
                FailingRow(
                    host: host(h.key, name: h.name), streak: ViewFormat.count(h.streak), streakValue: h.streak,
                    streakMarks: String(repeating: "■", count: min(h.streak, 10)) + (h.streak > 10 ? "+" : ""),
                    outcomeLabel: ViewFormat.label(h.latestOutcome), outcomeClass: ViewFormat.cssClass(h.latestOutcome),
                    latestStart: ViewFormat.minute(h.latestRunStart),
                    reason: shortText(h.latestReason, none: "(none)"),
                    reasonMessage: longText(h.latestReason.flatMap { messages[$0] }, none: ""))
            },
            more: ViewFormat.more(total: summary.failingHosts.count, shown: shown.count, noun: "failing hosts"))
    }

    /// Rows: the hosts as given (most failures first), top N. Columns: the latest nights of the
    /// window, so that a host that failed every night reads as a solid run of marks.
    func grid() -> [GridView] {
        guard !hostNights.isEmpty else { return [] }
        let allDates = summary.days.map(\.date)
        let dates = Array(allDates.suffix(PageBuilder.maxGridNights))
        let shown = hostNights.prefix(topN)
        let rows = shown.map { h -> GridRow in
            var byDate: [String: HostNightsInput.Night] = [:]
            for n in h.nights { byDate[n.date] = n }
            let cells = dates.map { date -> GridCell in
                guard let n = byDate[date] else {
                    return GridCell(cls: "o-none", text: "·", title: "\(date): no outcome")
                }
                let retried = n.outcomes.total > 1 ? " (\(ViewFormat.count(n.outcomes.total)) outcomes that night)" : ""
                return GridCell(
                    cls: ViewFormat.cssClass(n.latest), text: PageBuilder.mark(n.latest),
                    title: "\(date): \(ViewFormat.label(n.latest))\(retried)")
            }
            return GridRow(host: host(h.key, name: h.name), failed: ViewFormat.count(h.failed), cells: cells)
        }
        return [
            GridView(
                // Day of month only, with the month where it changes: 31 columns stay narrow.
                nights: dates.enumerated().map { i, date in
                    GridNight(
                        date: date,
                        label: i == 0 || date.hasSuffix("-01") ? String(date.suffix(5)) : String(date.suffix(2)))
                },
                rows: rows,
                more: ViewFormat.more(total: hostNights.count, shown: rows.count, noun: "hosts that failed"),
                earlierNights: ViewFormat.more(
                    total: allDates.count, shown: dates.count, noun: "earlier nights, as totals per night,"))
        ]
    }

    /// The text inside a grid cell: colour is never the only signal.
    static func mark(_ o: HostOutcome) -> String {
        switch o {
        case .succeeded: return "✓"
        case .failed: return "✗"
        case .timedOut: return "T"
        case .skipped: return "S"
        case .inProgress: return "…"
        case .unknown: return "?"
        }
    }
}
