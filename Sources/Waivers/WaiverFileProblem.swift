/// One thing wrong with a waiver file, with where it is: printed as one line,
/// `waivers.yaml:12:14: waivers[3].expires: "2027-02-30" is not a date (YYYY-MM-DD)`.
public struct WaiverFileProblem: Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem, for a caller that wants to tell them apart without the text.
    public enum Kind: String, Sendable, Equatable {
        /// The file cannot be read, or is not UTF-8.
        case unreadable
        /// Not YAML (or JSON): the parser stopped here.
        case syntax
        /// A mapping has the same key twice.
        case duplicateKey
        /// A required field is absent, or has no value.
        case missingField
        /// A field holds a list where a text was expected, and the like.
        case wrongType
        /// `expires` is not a `YYYY-MM-DD` calendar date.
        case badDate
        /// A key the format does not have (the message may suggest the one meant).
        case unknownField
        /// `match` has none of its keys.
        case emptyMatch
        /// A match value is not a valid glob pattern.
        case badGlob
        /// A value that must say something is empty.
        case emptyValue
    }

    /// The path as the caller gave it.
    public var file: String
    /// 1-based; `nil` only when the file could not be read at all.
    public var line: Int?
    /// 1-based, in characters; `nil` when the parser did not say.
    public var column: Int?
    /// `waivers[3].expires`: the field, with waivers counted from 0; `nil` for a syntax error.
    public var field: String?
    public var kind: Kind
    /// What is wrong, without the location.
    public var message: String

    public init(file: String, line: Int?, column: Int?, field: String?, kind: Kind, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.kind = kind
        self.message = message
    }

    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        text += ": "
        if let field { text += field + ": " }
        return text + message
    }
}
