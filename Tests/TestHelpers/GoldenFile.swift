import Foundation
import Testing

/// Byte-for-byte comparison with a committed golden file; `RECORD_GOLDEN=1` rewrites the file
/// instead (review the diff before committing it).
public enum GoldenFile {
    public static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    public static func expect(_ actual: String, equals golden: URL, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        try expect(Data(actual.utf8), equals: golden, sourceLocation: sourceLocation)
    }

    public static func expect(_ actual: Data, equals golden: URL, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        if recording {
            try FileManager.default.createDirectory(
                at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: golden)
            return
        }
        guard let expected = FileManager.default.contents(atPath: golden.path) else {
            Issue.record("missing golden file \(golden.path); run with RECORD_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let message =
            "\(golden.lastPathComponent) differs from the golden file (re-record with RECORD_GOLDEN=1 if intended)\n"
            + firstDifference(expected, actual)
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }

    /// The first line that differs, shortened, so a failure shows where to look.
    static func firstDifference(_ expected: Data, _ actual: Data) -> String {
        let a = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let b = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        return """
            at line \(line + 1):
            golden: \(line < a.count ? String(a[line].prefix(300)) : "<end>")
            actual: \(line < b.count ? String(b[line].prefix(300)) : "<end>")
            """
    }
}
