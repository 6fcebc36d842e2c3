import StageModel

/// One accepted exception from a waiver file: what it matches, who owns it, why, and until
/// when it applies.
public struct Waiver: Sendable, Hashable {
    /// Its place in the file, from 0: the first matching waiver in this order wins.
    public var position: Int
    /// The line its entry starts on (1-based), so that a report can point at it.
    public var line: Int
    public var match: WaiverMatch
    public var owner: String
    public var ticket: String?
    public var justification: String
    public var expires: ExpiryDate

    public init(
        position: Int, line: Int, match: WaiverMatch, owner: String, ticket: String? = nil,
        justification: String, expires: ExpiryDate
    ) {
        self.position = position
        self.line = line
        self.match = match
        self.owner = owner
        self.ticket = ticket
        self.justification = justification
        self.expires = expires
    }

    /// Whether it waives nothing at `now` (its last day is over).
    public func isExpired(at now: Timestamp) -> Bool { expires.isExpired(at: now) }
}
