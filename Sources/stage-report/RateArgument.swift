import ArgumentParser

/// A success-rate threshold: `0.95`, `95%` or `95` (a number above 1 is read as a percentage).
struct RateArgument: ExpressibleByArgument, Sendable {
    var value: Double

    init?(argument: String) {
        var text = argument
        var percent = false
        if text.hasSuffix("%") {
            text.removeLast()
            percent = true
        }
        guard let v = Double(text), v.isFinite, v >= 0 else { return nil }
        let rate = percent || v > 1 ? v / 100 : v
        guard rate <= 1 else { return nil }
        value = rate
    }
}
