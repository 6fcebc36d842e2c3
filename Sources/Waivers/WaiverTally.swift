/// What one waiver did over a report's window.
public struct WaiverTally: Sendable, Hashable {
    /// Failed or timed-out host outcomes it waived.
    public var waivedHostOutcomes = 0
    /// Failed runs it waived.
    public var waivedRuns = 0
    /// Host outcomes it matched while expired (it waived none of them).
    public var expiredHostOutcomes = 0
    /// Runs it matched while expired.
    public var expiredRuns = 0

    public init(
        waivedHostOutcomes: Int = 0, waivedRuns: Int = 0, expiredHostOutcomes: Int = 0, expiredRuns: Int = 0
    ) {
        self.waivedHostOutcomes = waivedHostOutcomes
        self.waivedRuns = waivedRuns
        self.expiredHostOutcomes = expiredHostOutcomes
        self.expiredRuns = expiredRuns
    }

    /// Whether it matched anything at all, waived or expired.
    public var matchedAnything: Bool {
        waivedHostOutcomes + waivedRuns + expiredHostOutcomes + expiredRuns > 0
    }

    static func + (a: WaiverTally, b: WaiverTally) -> WaiverTally {
        WaiverTally(
            waivedHostOutcomes: a.waivedHostOutcomes + b.waivedHostOutcomes, waivedRuns: a.waivedRuns + b.waivedRuns,
            expiredHostOutcomes: a.expiredHostOutcomes + b.expiredHostOutcomes,
            expiredRuns: a.expiredRuns + b.expiredRuns)
    }
}
