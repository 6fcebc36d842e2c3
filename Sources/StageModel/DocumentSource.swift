/// Where a document came from: a path plus `:line` (JSON Lines) or `[index]` (arrays).
///
/// Sources compare in *input order*: by path bytes (inputs are read in sorted path order), then
/// by position inside the file. Comparing paths rather than file numbers keeps the order the
/// same when partial summaries from several machines are merged. Input order only breaks the
/// last tie between duplicate runs and orders diagnostics; nothing else depends on it.
public struct DocumentSource: Hashable, Sendable, Comparable, CustomStringConvertible {
    public enum Position: Hashable, Sendable {
        case whole
        case line(Int)
        case index(Int)

        /// The position as a kind (0 whole file, 1 line, 2 array index) and its number (0 for a
        /// whole file): how the run tables and the partial file's rejections store it.
        public var code: (kind: UInt8, value: Int) {
            switch self {
            case .whole: (0, 0)
            case .line(let n): (1, n)
            case .index(let i): (2, i)
            }
        }

        /// The position of `code`; an unknown kind is a whole file.
        public init(kind: UInt8, value: Int) {
            switch kind {
            case 1: self = .line(value)
            case 2: self = .index(value)
            default: self = .whole
            }
        }
    }

    public var path: String
    public var position: Position
    public var fileIndex: Int
    public var documentIndex: Int

    public init(path: String, position: Position = .whole, fileIndex: Int = 0, documentIndex: Int = 0) {
        self.path = path
        self.position = position
        self.fileIndex = fileIndex
        self.documentIndex = documentIndex
    }

    /// Input order of paths: standard input first, then by bytes.
    public static func pathPrecedes(_ a: String, _ b: String) -> Bool {
        if a == standardInput || b == standardInput { return a == standardInput && b != standardInput }
        return ByteOrder.less(a, b)
    }

    public var description: String {
        switch position {
        case .whole: return path
        case .line(let n): return "\(path):\(n)"
        case .index(let i): return "\(path)[\(i)]"
        }
    }

    /// The display path of standard input, which comes first in input order.
    public static let standardInput = "<stdin>"

    public static func < (lhs: DocumentSource, rhs: DocumentSource) -> Bool {
        if lhs.path != rhs.path { return DocumentSource.pathPrecedes(lhs.path, rhs.path) }
        return lhs.documentIndex < rhs.documentIndex
    }
}

/// A document that could not be used, with a one-line reason naming the field or byte offset.
public struct Rejection: Sendable, Equatable {
    public var source: DocumentSource
    public var reason: String

    public init(source: DocumentSource, reason: String) {
        self.source = source
        self.reason = reason
    }
}
