import Foundation
import Testing

/// A program or file from outside the repository that some tests need; `Scripts/setup.sh`
/// installs them all. When one is missing, `STAGE_REPORT_REQUIRE_TOOLS=1` (set by `.ci/run`)
/// makes every test that needs it fail, naming the tool and its install step; without the switch
/// the test is skipped with one line `SKIPPED (tool missing): NAME — …`, which `Scripts/test.sh`
/// counts at the end of the run. Nothing that needs a tool passes silently without it.
public struct ExternalTool: Sendable {
    public let name: String
    /// The step that installs it (each is part of `Scripts/setup.sh`).
    public let install: String
    private let locate: @Sendable () -> String?

    public init(name: String, install: String, locate: @escaping @Sendable () -> String?) {
        self.name = name
        self.install = install
        self.locate = locate
    }

    /// Where the tool is, or `nil` when it is missing.
    public var path: String? { locate() }

    /// Whether the environment asks for every tool: a missing one is then a failure.
    public static var toolsRequired: Bool {
        ProcessInfo.processInfo.environment["STAGE_REPORT_REQUIRE_TOOLS"] == "1"
    }

    /// The line a skip prints; `Scripts/test.sh` collects these from the test logs.
    public var skipLine: String { "SKIPPED (tool missing): \(name) — \(install), or run Scripts/setup.sh" }

    public struct Missing: Error, CustomStringConvertible {
        public var tool: String
        public var install: String
        public var description: String {
            "\(tool) is missing and STAGE_REPORT_REQUIRE_TOOLS=1 requires it: \(install) (Scripts/setup.sh installs it)"
        }
    }

    /// The tool's path, for a test that cannot run without it. Missing, it throws `Missing` (a
    /// failure) under the switch, else prints the skip line and cancels the test.
    @discardableResult
    public func require(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        if let path { return path }
        if Self.toolsRequired { throw Missing(tool: name, install: install) }
        SkipLog.report(self)
        try Test.cancel(Comment(rawValue: skipLine), sourceLocation: sourceLocation)
    }

    /// The tool's path for one check inside a larger test, which goes on without it: missing,
    /// the check fails under the switch, else it prints the skip line; either way `nil`.
    public func pathForCheck(sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        if let path { return path }
        if Self.toolsRequired {
            Issue.record(
                Comment(rawValue: Missing(tool: name, install: install).description), sourceLocation: sourceLocation)
        } else {
            SkipLog.report(self)
        }
        return nil
    }
}

/// Prints each skip once per test (a check inside a loop would otherwise print it per output).
enum SkipLog {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var printed: Set<String> = []

    static func report(_ tool: ExternalTool) {
        let key = tool.name + "\u{0}" + (Test.current.map { "\($0.id)" } ?? "")
        lock.lock()
        let first = printed.insert(key).inserted
        lock.unlock()
        guard first else { return }
        let test = Test.current.map { " [\($0.name)]" } ?? ""
        // One write per line, unbuffered, so lines of parallel tests never interleave.
        FileHandle.standardOutput.write(Data((tool.skipLine + test + "\n").utf8))
    }
}
