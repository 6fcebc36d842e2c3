import ReportText
import StageAggregation
import StageModel

/// Turns summary values into the display strings the templates receive. Templates never format
/// anything themselves: Mustache can only print what it is given.
enum ViewFormat {
    /// Data text made safe to show: control characters and ANSI escapes removed
    /// (`TextSanitizer`), then capped at `limit` characters with an ellipsis. HTML escaping is
    /// left to Mustache's `{{…}}` (or `SVG.escape` for chart text).
    static func text(_ s: String, limit: Int) -> String {
        // Clean only what can be shown, so a megabyte-long message costs what a short one does.
        // The window leaves room for escape sequences that cleaning removes.
        let scalars = s.unicodeScalars
        let end =
            scalars.index(scalars.startIndex, offsetBy: limit * 4 + 16, limitedBy: scalars.endIndex) ?? scalars.endIndex
        let clean = TextSanitizer.clean(String(scalars[..<end]))
        guard end < scalars.endIndex || clean.count > limit else { return clean }
        return String(clean.prefix(limit - 1)) + "…"
    }

    static func count(_ n: Int) -> String { ReportFormatting.count(n) }

    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        ReportFormatting.count(n, singular, plural)
    }

    static func percent(_ rate: Double?) -> String { ReportFormatting.percent(rate) }

    /// A rate as the number the JavaScript sorts on: as in summary.json (6 decimals), `-1` for none
    /// so that "n/a" sorts below every real rate.
    static func sortValue(_ rate: Double?) -> String {
        rate.map { DecimalFormat.format($0, decimals: 6) } ?? "-1"
    }

    /// The CSS width of a bar for a share in 0…1, with one decimal: `92.9`.
    static func width(_ share: Double?) -> String {
        DecimalFormat.format(max(0, min(1, share ?? 0)) * 100, decimals: 1)
    }

    static func duration(_ ms: Int64?) -> String { ReportFormatting.duration(milliseconds: ms) }
    static func duration(_ ms: Double?) -> String { duration(ms.map { Int64($0.rounded()) }) }

    static func minute(_ t: Timestamp?) -> String { ReportFormatting.minute(t) }

    /// `38.1 KiB`: binary units, named as such.
    static func bytes(_ n: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var v = Double(n)
        var u = 0
        while v >= 1024, u < units.count - 1 {
            v /= 1024
            u += 1
        }
        return u == 0 ? "\(n) B" : DecimalFormat.format(v, decimals: 1).paddedDecimal + " " + units[u]
    }

    /// The label next to every outcome colour, and the CSS class that picks the colour.
    static func label(_ o: HostOutcome) -> String {
        switch o {
        case .succeeded: return "succeeded"
        case .failed: return "failed"
        case .timedOut: return "timed out"
        case .skipped: return "skipped"
        case .inProgress: return "in progress"
        case .unknown: return "unknown"
        }
    }

    static func cssClass(_ o: HostOutcome) -> String { "o-" + String(o.rawValue.map { $0 == "_" ? "-" : $0 }) }

    /// `12 more clusters in summary.json`; empty when everything is shown.
    static func more(total: Int, shown: Int, noun: String) -> [MoreView] {
        total > shown ? [MoreView(count: count(total - shown), noun: noun)] : []
    }
}

/// The visible line under a cut list: nothing is dropped silently.
struct MoreView {
    var count: String
    var noun: String
}

private extension String {
    var paddedDecimal: String { contains(".") ? self : self + ".0" }
}
