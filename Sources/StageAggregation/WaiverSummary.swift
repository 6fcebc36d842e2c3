import Waivers

/// What the waivers of `--waivers FILE` did in the report (docs/waivers.md, issue 19). Absent
/// from the summary when no waiver file was given, so that reports without one are unchanged.
public struct WaiverSummary: Sendable, Equatable {
    /// The lists keep the latest this many hits each, so that the summary does not grow with the
    /// window (like the other lists); the counts are complete.
    public static let listLimit = 200

    /// The file as given.
    public var file: String
    /// Every waiver of the file, in file order, with its validity at `generated_at` and tally.
    public var standings: [WaiverStanding]
    /// The latest waived failures, in canonical run order (host outcomes, then the run).
    public var waived: [WaiverHit]
    /// All waived failures (host outcomes and runs), of which `waived` lists the latest.
    public var waivedCount: Int
    /// The latest failures an expired waiver matched, in canonical run order.
    public var expiredMatches: [WaiverHit]
    public var expiredMatchCount: Int

    public init(
        file: String, standings: [WaiverStanding], waived: [WaiverHit], waivedCount: Int,
        expiredMatches: [WaiverHit], expiredMatchCount: Int
    ) {
        self.file = file
        self.standings = standings
        self.waived = waived
        self.waivedCount = waivedCount
        self.expiredMatches = expiredMatches
        self.expiredMatchCount = expiredMatchCount
    }

    public var expired: [WaiverStanding] { standings.filter { $0.validity == .expired } }
    public var expiringSoon: [WaiverStanding] { standings.filter { $0.validity == .expiringSoon } }
    public var stale: [WaiverStanding] { standings.filter(\.isStale) }
}
