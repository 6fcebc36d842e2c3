import StageModel

/// Formatting shared by the human-facing renderers, so that HTML, Markdown and JUnit show
/// the same figure the same way. Locale-independent on purpose.
public enum ReportFormatting {
    /// `97.7 %`; `n/a` when there is no rate.
    public static func percent(_ rate: Double?, decimals: Int = 1) -> String {
        guard let rate else { return "n/a" }
        return DecimalFormat.format(rate * 100, decimals: decimals).paddedDecimals(decimals) + " %"
    }

    /// A human duration: `45s`, `6m 45s`, `1h 02m`.
    public static func duration(milliseconds ms: Int64?) -> String {
        guard let ms else { return "n/a" }
        let s = (ms + 500) / 1_000
        if s < 60 {
            return ms < 10_000 ? DecimalFormat.format(Double(ms) / 1_000, decimals: 1).paddedDecimals(1) + "s" : "\(s)s"
        }
        if s < 3_600 { return "\(s / 60)m \(pad2(s % 60))s" }
        return "\(s / 3_600)h \(pad2((s % 3_600) / 60))m"
    }

    /// Seconds with exactly three decimals and a dot, as JUnit's `time` wants: `405.169`.
    public static func secondsWithMilliseconds(_ ms: Int64) -> String {
        let a = max(ms, 0)
        let frac = String(a % 1_000)
        return "\(a / 1_000)." + String(repeating: "0", count: 3 - frac.count) + frac
    }

    /// `1,234,567`: digits grouped in threes, the same in every locale.
    public static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// `1 cluster`, `4 clusters`: a count in running text, with its noun.
    public static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        count(n) + " " + (n == 1 ? singular : plural ?? singular + "s")
    }

    /// `62.5 % (10 of 16; 38.6–81.5 %)`: a success rate with its counts and 95 % interval.
    public static func rate(_ succeeded: Int, of finished: Int, interval: ClosedRange<Double>) -> String {
        let rate = finished == 0 ? nil : Double(succeeded) / Double(finished)
        return "\(percent(rate)) (\(count(succeeded)) of \(count(finished)); "
            + "\(percent(interval.lowerBound))–\(percent(interval.upperBound)))"
    }

    /// `0.0003`, or `< 0.0001`.
    public static func pValue(_ p: Double) -> String {
        p < 0.0001 ? "< 0.0001" : DecimalFormat.format(p, decimals: 4)
    }

    /// `2026-11-01 01:59 UTC`.
    public static func minute(_ t: Timestamp?) -> String {
        guard let t else { return "n/a" }
        let iso = t.iso8601
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(5)) + " UTC"
    }

    private static func pad2(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
}

extension String {
    /// `97` → `97.0` for one decimal: fixed decimals read better in tables.
    func paddedDecimals(_ decimals: Int) -> String {
        guard decimals > 0 else { return self }
        if let dot = firstIndex(of: ".") {
            let have = distance(from: dot, to: endIndex) - 1
            return self + String(repeating: "0", count: max(0, decimals - have))
        }
        return self + "." + String(repeating: "0", count: decimals)
    }
}
