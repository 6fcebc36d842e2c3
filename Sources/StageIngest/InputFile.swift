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

    static func format(forPath path: String) -> Format {
        hasSuffix(path, ignoringASCIICase: ".jsonl") || hasSuffix(path, ignoringASCIICase: ".ndjson")
            ? .jsonLines : .json
    }

    /// `s` ends with `suffix` (lowercase ASCII), in any case: compared on the bytes, since
    /// `lowercased()` made a new String for every file of a fleet. For these ASCII suffixes it is
    /// the same as lowercasing first: no other character lowercases to one of their letters.
    static func hasSuffix(_ s: String, ignoringASCIICase suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        var s = s
        return s.withUTF8 { bytes in
            guard bytes.count >= n else { return false }
            let tail = bytes.baseAddress! + (bytes.count - n)
            for k in 0..<n {
                var b = tail[k]
                if b >= 0x41, b <= 0x5A { b |= 0x20 }
                if b != suffix.utf8Start[k] { return false }
            }
            return true
        }
    }
}

/// An immutable byte buffer shared between threads.
final class ByteBuffer: Sendable {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }
}

/// The file name endings a directory search reads (`InputCollector.isCandidate`), as messages
/// name them.
public enum InputExtensions {
    public static let described = ".json, .jsonl or .ndjson"
}
