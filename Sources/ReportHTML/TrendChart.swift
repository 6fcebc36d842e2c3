import ReportText
import StageAggregation
import StageModel

/// The nightly trend: success rate per night (line, top) over host outcomes per night (stacked
/// bars, bottom). Two panels rather than two axes on one: a rate near 100 % and counts in the
/// thousands cannot share a scale without one of them becoming a flat line.
struct TrendChart {
    let days: [DaySummary]

    private let width = 960.0, left = 56.0, right = 12.0
    private let rateTop = 44.0, rateBottom = 128.0
    private let barTop = 168.0, barBottom = 268.0
    private static let stackOrder: [HostOutcome] = [.succeeded, .failed, .timedOut, .skipped, .inProgress, .unknown]

    func svg() -> String {
        let n = Double(days.count)
        let band = (width - left - right) / n
        func x(_ i: Int) -> Double { left + band * (Double(i) + 0.5) }
        var out = SVG.open(id: "trend", width: Int(width), height: 292, title: "Nightly trend", desc: description())
        out += SVG.text(left, 16, "Success rate per night", anchor: "start", cls: "panel")
        out += SVG.text(left, barTop - 12, "Host outcomes per night", anchor: "start", cls: "panel")

        // Success-rate axis: from the lowest tenth that holds every night, to 100 %.
        let rates = days.compactMap(\.outcomes.successRate)
        let low = max(0, min(0.9, ((rates.min() ?? 1) * 10).rounded(.down) / 10))
        func y(_ r: Double) -> Double { rateBottom - (r - low) / (1 - low) * (rateBottom - rateTop) }
        for r in [low, (low + 1) / 2, 1] {
            out += SVG.line(left, y(r), width - right, y(r))
            out += SVG.text(left - 6, y(r) + 4, ReportFormatting.percent(r, decimals: 0), anchor: "end")
        }
        var path = "", pen = false
        for (i, d) in days.enumerated() {
            guard let r = d.outcomes.successRate else { pen = false; continue }
            path += (pen ? "L" : "M") + SVG.n(x(i)) + " " + SVG.n(y(r))
            pen = true
        }
        if !path.isEmpty { out += "<path d=\"\(path)\" class=\"rate\"/>" }
        let labelPoints = days.count <= 14
        for (i, d) in days.enumerated() {
            guard let r = d.outcomes.successRate else { continue }
            out +=
                "<circle cx=\"\(SVG.n(x(i)))\" cy=\"\(SVG.n(y(r)))\" r=\"3.5\" class=\"rate-dot\">"
                + "<title>\(SVG.escape("\(d.date): \(ViewFormat.percent(r))"))</title></circle>"
            if labelPoints { out += SVG.text(x(i), y(r) - 8, ViewFormat.percent(r), cls: "value") }
        }

        // Outcome bars.
        let top = SVG.niceCeiling(days.map(\.outcomes.total).max() ?? 1)
        func h(_ v: Int) -> Double { Double(v) / Double(top) * (barBottom - barTop) }
        for v in [0, top / 2, top] {
            out += SVG.line(left, barBottom - h(v), width - right, barBottom - h(v))
            out += SVG.text(left - 6, barBottom - h(v) + 4, ViewFormat.count(v), anchor: "end")
        }
        let barWidth = min(36, band * 0.7)
        let step = max(1, Int((n / 12).rounded(.up)))
        for (i, d) in days.enumerated() {
            out += "<g><title>\(SVG.escape(tooltip(d)))</title>"
            var base = barBottom
            for o in TrendChart.stackOrder where d.outcomes[o] > 0 {
                // At least one unit high, so that a single failure among thousands still shows.
                let height = max(1, h(d.outcomes[o]))
                base -= height
                out += SVG.rect(x(i) - barWidth / 2, base, barWidth, height, cls: "f-" + o.rawValue)
            }
            out += "</g>"
            if i % step == 0 {
                out += SVG.text(x(i), 284, String(d.date.suffix(5)))
            }
        }
        return out + "</svg>"
    }

    private func tooltip(_ d: DaySummary) -> String {
        let parts = TrendChart.stackOrder.map { "\(ViewFormat.count(d.outcomes[$0])) \(ViewFormat.label($0))" }
        return "\(d.date): \(ViewFormat.count(d.runs)) runs; " + parts.joined(separator: ", ")
            + "; success rate \(ViewFormat.percent(d.outcomes.successRate))"
    }

    /// The chart in words, for screen readers and for anyone who cannot tell the colours apart.
    private func description() -> String {
        guard let first = days.first, let last = days.last else { return "No nights." }
        var s = "\(days.count) night\(days.count == 1 ? "" : "s") from \(first.date) to \(last.date)."
        let rated = days.filter { $0.outcomes.successRate != nil }
        if let worst = rated.min(by: { ($0.outcomes.successRate ?? 0) < ($1.outcomes.successRate ?? 0) }) {
            s += " Lowest success rate \(ViewFormat.percent(worst.outcomes.successRate)) on \(worst.date);"
            s += " latest night \(ViewFormat.percent(last.outcomes.successRate))."
        }
        let failures = days.reduce(0) { $0 + $1.outcomes.failures }
        s += " \(ViewFormat.count(failures)) failed or timed-out host outcomes in these nights."
        return s
    }
}
