import Foundation

/// The waivers of one waiver file (`--waivers FILE`), in file order, every one checked. A file
/// with any problem gives no set at all: a report is never made with half a waiver file.
public struct WaiverSet: Sendable, Equatable {
    /// The path as the caller gave it, as the problems name it.
    public let file: String
    /// In file order; `waivers[i].position == i`.
    public let waivers: [Waiver]

    /// An empty set (no `--waivers`): it waives nothing.
    public init() {
        file = ""
        waivers = []
    }

    /// Reads and checks the file at `path` (YAML or JSON, UTF-8).
    public static func load(path: String) throws(WaiverFileError) -> WaiverSet {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? error.localizedDescription
            throw WaiverFileError(problems: [
                WaiverFileProblem(
                    file: path, line: nil, column: nil, field: nil, kind: .unreadable,
                    message: "cannot read the waiver file: \(reason)")
            ])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw WaiverFileError(problems: [
                WaiverFileProblem(
                    file: path, line: nil, column: nil, field: nil, kind: .unreadable,
                    message: "the waiver file is not UTF-8 text")
            ])
        }
        return try WaiverSet(parsing: text, file: path)
    }

    /// Checks `text` as the content of `file` (the name only labels the problems).
    public init(parsing text: String, file: String) throws(WaiverFileError) {
        var parser = WaiverFileParser(file: file)
        let waivers = parser.parse(text)
        guard parser.problems.isEmpty else { throw WaiverFileError(problems: parser.problems) }
        self.file = file
        self.waivers = waivers
    }

    /// Waivers built in code (tests, or a caller with its own source); positions are renumbered
    /// to the array's order.
    public init(file: String, waivers: [Waiver]) {
        self.file = file
        self.waivers = waivers.enumerated().map { i, waiver in
            var waiver = waiver
            waiver.position = i
            return waiver
        }
    }

    public var isEmpty: Bool { waivers.isEmpty }
    public var count: Int { waivers.count }
}
