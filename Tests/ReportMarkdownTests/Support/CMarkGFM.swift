import Foundation
import Testing

/// Debian's `cmark-gfm`, the reference GFM renderer, run on every Markdown the tests produce.
enum CMarkGFM {
    static let path = ProcessInfo.processInfo.environment["CMARK_GFM"] ?? "/usr/bin/cmark-gfm"

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: path) }

    static let missing: Comment = "cmark-gfm not found at \(path) (apt-get install cmark-gfm, or set CMARK_GFM): GFM rendering checks skipped"

    /// HTML as GitHub would render it, with raw HTML kept (`--unsafe`) so that our own
    /// `<details>` and anything injected by the data stay visible to the checks.
    static func html(_ markdown: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory
        let input = dir.appendingPathComponent("md-\(UUID().uuidString).md")
        try Data(markdown.utf8).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = ["-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter", "--unsafe", input.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CMarkError(status: p.terminationStatus) }
        return String(decoding: data, as: UTF8.self)
    }

    struct CMarkError: Error { var status: Int32 }
}
