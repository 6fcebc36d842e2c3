/// A file or directory that could not be found, read or written: which one, and why.
///
/// The one shape of every such error: inputs that cannot be read, outputs that cannot be
/// written, scratch files. What was being done (reading, writing) is for whoever reports it
/// to say; `reason` is the cause (`permission denied`, `No space left on device`).
public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }

    /// `cannot write PATH: REASON`, the message for an output that could not be written.
    public var writeFailure: String { "cannot write \(path): \(reason)" }
}
