import StageModel

/// One input file to read, after directories were expanded.
struct InputFile: Sendable {
    enum Format: Sendable { case json, jsonLines, detect }

    /// The path shown in diagnostics and the summary.
    var displayPath: String
    /// The path opened on disk; `nil` for standard input (its bytes are preloaded).
    var path: String?
    var format: Format
    /// The size when collected, used only to cut JSON Lines files into chunks; 0 for a `.json`
    /// file found in a directory, which is not looked up (`InputCollector.addRegularFile`).
    var size: Int
    /// Bytes read ahead of time, for standard input and FIFOs, which cannot be read twice.
    var preloaded: ByteBuffer?
    /// Device and inode of a regular file, to read a file reached by two paths once.
    var identity: InputCollector.FileIdentity? = nil

    static func format(forPath path: String) -> Format {
        let lower = path.lowercased()
        return lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") ? .jsonLines : .json
    }
}

/// An immutable byte buffer shared between threads.
final class ByteBuffer: Sendable {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }
}
