/// Why a pattern does not compile; `description` is the end of the one-line message a waiver
/// file problem shows after the field.
public enum GlobSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A `[` (at this 1-based character of the pattern) has no closing `]`.
    case unterminatedSet(position: Int)
    /// A range such as `z-a` whose end comes before its start.
    case reversedRange(String)
    /// The pattern ends in a `\` with nothing to escape.
    case trailingBackslash

    public var description: String {
        switch self {
        case let .unterminatedSet(position):
            return "the `[` at character \(position) is not closed by `]`"
        case let .reversedRange(range):
            return "the range `\(range)` runs backwards"
        case .trailingBackslash:
            return "ends in a `\\` with nothing to escape (write `\\\\` for a backslash)"
        }
    }
}
