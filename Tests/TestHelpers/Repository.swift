import Foundation

/// Where the tests find the clone and the built tool, from this file's place in it, so they
/// run from any working directory.
public enum Repository {
    /// This file is `<repo>/Tests/TestHelpers/Repository.swift`.
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func path(_ rel: String) -> URL { root.appendingPathComponent(rel) }

    /// `Tests/Fixtures/shared-fleet`, the fleet every renderer's goldens are made from.
    public static var sharedFleet: URL { path("Tests/Fixtures/shared-fleet") }

    /// Third-party files `Scripts/setup.sh` fetches (git-ignored).
    public static var thirdParty: URL { path(".third-party") }

    /// The `stage-report` binary next to the test bundle (`.build/<configuration>/`).
    public static var stageReportBinary: String {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = here.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("stage-report")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            dir = dir.deletingLastPathComponent()
        }
        return path(".build/debug/stage-report").path
    }
}
