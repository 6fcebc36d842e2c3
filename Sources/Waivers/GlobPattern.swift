/// A shell-style pattern a waiver matches a value with: `*` any run of characters (none
/// included), `?` exactly one character, `[...]` one character of a set (`a-z` ranges, `!` or
/// `^` first to negate, `]` first to mean itself), `\` takes the next character literally. The
/// whole value must match. A pattern without any of these is an exact value.
///
/// Characters are Unicode scalars, compared exactly: matching is case-sensitive, because the
/// values it sees are identifiers (MoRefs such as `host-12`, notification ids) and names as
/// vCenter reports them, which the reports group and show exactly as well. A pattern is
/// compiled once, when the waiver file is read.
public struct GlobPattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written in the waiver file.
    public let source: String
    /// The value to compare with when the pattern has no glob character (escapes removed);
    /// `nil` for a real glob.
    public let literal: String?
    private let tokens: [GlobToken]
    /// The `[...]` sets, which tokens refer to by index: a token then holds no reference, and
    /// reading one in the match loop costs no retain and release (a third of a match's time).
    private let sets: [GlobScalarSet]
    /// UTF-8 of the characters before the first wildcard and after the last one: a value must
    /// start and end with them, which rejects most values in a comparison of a few bytes, before
    /// the value is split into characters (a fleet's host names mostly differ early or late).
    private let head: [UInt8]
    private let tail: [UInt8]

    /// Compiles `source`; throws when a bracket is not closed, a range runs backwards or the
    /// pattern ends in a lone backslash.
    public init(_ source: String) throws(GlobSyntaxError) {
        self.source = source
        let (tokens, sets) = try GlobPattern.compile(Array(source.unicodeScalars))
        self.tokens = tokens
        self.sets = sets
        func literalRun(_ run: some Sequence<GlobToken>) -> String.UnicodeScalarView {
            var text = String.UnicodeScalarView()
            for token in run {
                guard case .scalar(let c) = token else { break }
                text.append(c)
            }
            return text
        }
        let head = literalRun(tokens)
        if head.count == tokens.count {
            literal = String(head)
            self.head = []
            tail = []
        } else {
            literal = nil
            self.head = Array(String(head).utf8)
            tail = Array(String(String.UnicodeScalarView(literalRun(tokens.reversed()).reversed())).utf8)
        }
    }

    /// UTF-8 of the characters before the first wildcard (empty for an exact value): every
    /// value the pattern matches starts with them.
    var literalHead: [UInt8] { head }

    /// Whether the pattern has a glob character (`*`, `?` or `[`) outside an escape.
    public var isGlob: Bool { literal == nil }

    public var description: String { source }

    /// Whether the whole of `value` matches.
    public func matches(_ value: String) -> Bool {
        if let literal { return literal == value }
        var value = value
        guard value.withUTF8({ mayMatch(utf8: $0) }) else { return false }
        return matches(scalars: Array(value.unicodeScalars))
    }

    /// Whether a value with these UTF-8 bytes can match: it starts and ends with the pattern's
    /// literal head and tail (which never overlap: a glob has a wildcard between them).
    func mayMatch(utf8 v: UnsafeBufferPointer<UInt8>) -> Bool {
        guard v.count >= head.count + tail.count else { return false }
        for i in head.indices where head[i] != v[i] { return false }
        let start = v.count - tail.count
        for i in tail.indices where tail[i] != v[start + i] { return false }
        return true
    }

    /// `matches(_:)` on a value already split into scalars, so that one value is split once
    /// for all the patterns it is tried against.
    func matches(scalars: [Unicode.Scalar]) -> Bool {
        if let literal { return literal.unicodeScalars.elementsEqual(scalars) }
        return tokens.withUnsafeBufferPointer { tokens in
            scalars.withUnsafeBufferPointer { v in GlobPattern.match(tokens, sets, v) }
        }
    }

    /// Greedy with one backtrack point: a later `*` subsumes every earlier one, so only the
    /// latest star and where it started need remembering (linear in most patterns).
    private static func match(
        _ tokens: UnsafeBufferPointer<GlobToken>, _ sets: [GlobScalarSet], _ v: UnsafeBufferPointer<Unicode.Scalar>
    ) -> Bool {
        var p = 0, t = 0, starP = -1, starT = 0
        while t < v.count {
            if p < tokens.count {
                switch tokens[p] {
                case .star:
                    starP = p
                    starT = t
                    p += 1
                    continue
                case .any:
                    p += 1
                    t += 1
                    continue
                case .scalar(let c) where c == v[t]:
                    p += 1
                    t += 1
                    continue
                case .set(let k) where sets[k].contains(v[t]):
                    p += 1
                    t += 1
                    continue
                default:
                    break
                }
            }
            guard starP >= 0 else { return false }
            p = starP + 1
            starT += 1
            t = starT
        }
        while p < tokens.count, case .star = tokens[p] { p += 1 }
        return p == tokens.count
    }

    public static func == (a: GlobPattern, b: GlobPattern) -> Bool { a.source == b.source }

    public func hash(into hasher: inout Hasher) { hasher.combine(source) }

    private static func compile(
        _ s: [Unicode.Scalar]
    ) throws(GlobSyntaxError) -> ([GlobToken], [GlobScalarSet]) {
        var tokens: [GlobToken] = []
        var sets: [GlobScalarSet] = []
        var i = 0
        while i < s.count {
            switch s[i] {
            case "\\":
                guard i + 1 < s.count else { throw .trailingBackslash }
                tokens.append(.scalar(s[i + 1]))
                i += 2
            case "*":
                // `**` is `*`: collapsing keeps the matcher's backtracking short.
                if case .star = tokens.last {} else { tokens.append(.star) }
                i += 1
            case "?":
                tokens.append(.any)
                i += 1
            case "[":
                let (set, next) = try compileSet(s, openingAt: i)
                tokens.append(.set(sets.count))
                sets.append(set)
                i = next
            default:
                tokens.append(.scalar(s[i]))
                i += 1
            }
        }
        return (tokens, sets)
    }

    /// The set opened by `[` at `open`, and the index after its `]`.
    private static func compileSet(
        _ s: [Unicode.Scalar], openingAt open: Int
    ) throws(GlobSyntaxError) -> (GlobScalarSet, Int) {
        var j = open + 1
        var negated = false
        if j < s.count, s[j] == "!" || s[j] == "^" {
            negated = true
            j += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        var first = true
        // One member: a character, or an escaped one; returns nil past the end.
        func member(_ k: inout Int) -> Unicode.Scalar? {
            guard k < s.count else { return nil }
            if s[k] == "\\" {
                guard k + 1 < s.count else { return nil }
                k += 2
                return s[k - 1]
            }
            k += 1
            return s[k - 1]
        }
        while true {
            guard j < s.count else { throw .unterminatedSet(position: open + 1) }
            if s[j] == "]" && !first { return (GlobScalarSet(ranges: ranges, negated: negated), j + 1) }
            first = false
            guard let low = member(&j) else { throw .unterminatedSet(position: open + 1) }
            var high = low
            if j + 1 < s.count, s[j] == "-", s[j + 1] != "]" {
                j += 1
                guard let end = member(&j) else { throw .unterminatedSet(position: open + 1) }
                guard low.value <= end.value else { throw .reversedRange("\(low)-\(end)") }
                high = end
            }
            ranges.append(low.value...high.value)
        }
    }
}

/// One compiled element of a pattern.
enum GlobToken: Sendable {
    case scalar(Unicode.Scalar)
    case any
    case star
    /// Index into the pattern's sets.
    case set(Int)
}

/// The characters a `[...]` accepts.
struct GlobScalarSet: Sendable {
    let ranges: [ClosedRange<UInt32>]
    let negated: Bool

    func contains(_ c: Unicode.Scalar) -> Bool {
        var found = false
        for r in ranges where r.contains(c.value) {
            found = true
            break
        }
        return found != negated
    }
}
