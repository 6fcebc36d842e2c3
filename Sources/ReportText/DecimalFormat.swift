/// Numbers as text the same way on every machine and in every locale, for JSON and for the
/// human-facing reports alike: no exponent, no trailing zeros, a dot.
public enum DecimalFormat {
    /// Milliseconds as seconds with up to three decimals (`503.12`), exactly.
    public static func seconds(_ ms: Int64) -> String {
        let sign = ms < 0 ? "-" : ""
        let a = ms.magnitude
        let frac = a % 1_000
        guard frac != 0 else { return sign + String(a / 1_000) }
        var f = String(frac)
        f = String(repeating: "0", count: 3 - f.count) + f
        while f.hasSuffix("0") { f.removeLast() }
        return "\(sign)\(a / 1_000).\(f)"
    }

    /// `v` rounded to `decimals` places.
    public static func format(_ v: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (v * scale).rounded()
        guard abs(scaled) < 9e15 else { return String(v) }
        let n = Int64(scaled)
        let sign = n < 0 ? "-" : ""
        let a = n.magnitude
        let unit = UInt64(scale)
        let whole = a / unit, frac = a % unit
        guard frac != 0 else { return sign + String(whole) }
        var f = String(frac)
        f = String(repeating: "0", count: decimals - f.count) + f
        while f.hasSuffix("0") { f.removeLast() }
        return "\(sign)\(whole).\(f)"
    }
}
