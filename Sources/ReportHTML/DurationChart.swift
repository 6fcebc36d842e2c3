import StageAggregation
import StageModel

/// The duration histogram: the summary's fixed buckets as bars, stacked by outcome, with the
/// count above each bar. Bucket widths differ (30 s … 1 h), so bars are evenly spaced
/// categories, not a time axis.
struct DurationChart {
    let durations: DurationSummary

    private let width = 960.0, left = 56.0, right = 12.0, top = 30.0, bottom = 200.0

    static var bucketLabels: [String] {
        let bounds = DurationStats.bucketBoundsSeconds
        return bounds.map { "≤" + seconds($0) } + [">" + seconds(bounds.last ?? 0)]
    }

    static func seconds(_ s: Int) -> String {
        if s % 3600 == 0 { return "\(s / 3600)h" }
        if s % 60 == 0 { return "\(s / 60)m" }
        return "\(s)s"
    }

    func svg() -> String {
        let labels = DurationChart.bucketLabels
        let overall = durations.overall.histogram
        let parts: [(HostOutcome, [Int])] = [
            (.succeeded, durations.succeeded.histogram),
            (.failed, durations.failed.histogram),
            (.timedOut, durations.timedOut.histogram)
        ]
        let band = (width - left - right) / Double(labels.count)
        let axisTop = SVG.niceCeiling(overall.max() ?? 1)
        func h(_ v: Int) -> Double { Double(v) / Double(axisTop) * (bottom - top) }
        var out = SVG.open(
            id: "durations", width: Int(width), height: 236, title: "Duration histogram",
            desc: description(labels: labels))
        out += SVG.text(left, 16, "Host outcomes by stage duration", anchor: "start", cls: "panel")
        for v in [0, axisTop / 2, axisTop] {
            out += SVG.line(left, bottom - h(v), width - right, bottom - h(v))
            out += SVG.text(left - 6, bottom - h(v) + 4, ViewFormat.count(v), anchor: "end")
        }
        for (i, label) in labels.enumerated() {
            let x = left + band * Double(i) + band * 0.15
            let total = i < overall.count ? overall[i] : 0
            var tip = "\(label): \(ViewFormat.count(total))"
            var base = bottom
            var bars = ""
            for (o, hist) in parts where i < hist.count && hist[i] > 0 {
                let height = max(1, h(hist[i]))
                base -= height
                bars += SVG.rect(x, base, band * 0.7, height, cls: "f-" + o.rawValue)
                tip += ", \(ViewFormat.count(hist[i])) \(ViewFormat.label(o))"
            }
            out += "<g><title>\(SVG.escape(tip))</title>\(bars)</g>"
            if total > 0 { out += SVG.text(x + band * 0.35, base - 5, ViewFormat.count(total), cls: "value") }
            out += SVG.text(x + band * 0.35, bottom + 18, label)
        }
        return out + "</svg>"
    }

    private func description(labels: [String]) -> String {
        let o = durations.overall
        var s = "Stage durations of \(ViewFormat.count(o.count)) finished host outcomes in \(labels.count) buckets."
        if let peak = o.histogram.indices.max(by: { o.histogram[$0] < o.histogram[$1] }), peak < labels.count {
            s += " Most in \(labels[peak]) (\(ViewFormat.count(o.histogram[peak])))."
        }
        s +=
            " Median \(ViewFormat.duration(o.p50)), p95 \(ViewFormat.duration(o.p95)), "
            + "longest \(ViewFormat.duration(o.max))."
        return s
    }
}
