/// What the waivers say about one candidate (a failed host outcome or a failed run).
public struct WaiverVerdict: Sendable, Hashable {
    /// The position of the first waiver, in file order, that matches and has not expired: the
    /// outcome is waived by it. `nil`: not waived.
    public var waivedBy: Int?
    /// The position of the first expired waiver that matches, whether or not another waiver
    /// waives the outcome: it waives nothing, and is listed so that its expiry is seen.
    public var expiredMatch: Int?

    public init(waivedBy: Int? = nil, expiredMatch: Int? = nil) {
        self.waivedBy = waivedBy
        self.expiredMatch = expiredMatch
    }

    /// No waiver matches.
    public static let none = WaiverVerdict()

    public var isWaived: Bool { waivedBy != nil }
}
