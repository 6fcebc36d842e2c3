/// Where the Markdown will be posted, and so how large it may be (report-anchors §1).
///
/// GitHub counts a comment in characters but stores it in bytes, and counts check-run and job
/// summaries in bytes; the renderer counts both UTF-8 bytes and Unicode scalars and keeps
/// within every bound that applies.
public enum MarkdownLimit: Sendable, Equatable {
    /// A pull-request or issue comment: 65,536 characters, and 262,144 bytes of storage.
    case prComment
    /// A check-run `summary`: 65,535 bytes.
    case checkRun
    /// A GitHub Actions job (step) summary: 1 MiB.
    case jobSummary
    /// Any number of UTF-8 bytes.
    case bytes(Int)

    /// `pr-comment`, `check-run`, `job-summary`, or a positive number of bytes (digits only).
    public init?(argument: String) {
        switch argument {
        case "pr-comment": self = .prComment
        case "check-run": self = .checkRun
        case "job-summary": self = .jobSummary
        default:
            guard !argument.isEmpty, argument.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let n = Int(argument), n > 0
            else { return nil }
            self = .bytes(n)
        }
    }

    public var maxBytes: Int {
        switch self {
        case .prComment: return 262_144
        case .checkRun: return 65_535
        case .jobSummary: return 1_048_576
        case .bytes(let n): return max(n, 0)
        }
    }

    /// The bound on Unicode scalars, when the target has one.
    public var maxCharacters: Int? {
        switch self {
        case .prComment: return 65_536
        case .checkRun, .jobSummary, .bytes: return nil
        }
    }
}
