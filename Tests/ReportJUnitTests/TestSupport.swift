import Foundation
import StageAggregation
import StageModel
import StagePipeline
import TestHelpers

/// Paths and scratch directories shared by the JUnit tests.
enum TestSupport {
    static let testsDirectory = Repository.path("Tests/ReportJUnitTests")

    /// The team's schema of what Ant's JUnit reader accepts (Schemas/README.md); Jenkins'
    /// `junit-10.xsd` is third-party and comes from `Scripts/setup.sh` (`ExternalTool.jenkinsSchema`).
    static let antSchema = testsDirectory.appendingPathComponent("Schemas/ant-junit.xsd").path

    static let sharedFleet = Repository.sharedFleet.path
    static let goldenDirectory = testsDirectory.appendingPathComponent("Golden")
    static let checker = testsDirectory.appendingPathComponent("check_junit.py").path

    /// A fresh empty directory (its path), removed again by `body`'s end.
    static func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
        try TestHelpers.withTemporaryDirectory("junit") { try body($0.path) }
    }

    /// The shared fleet through the real pipeline, as the CLI sees it.
    static func sharedFleetOutput() throws -> ReportPipeline.Output {
        try ReportPipeline().run([sharedFleet], generatedAt: Timestamp(milliseconds: 0))
    }

    /// A summary of runs built directly (they must be in canonical order), with gates.
    static func summary(of runs: [StageRun], gates: [GateResult] = []) -> Summary {
        HostileFleet.summary(of: runs, gates: gates)
    }

    /// Every regular file below `directory`, relative, sorted.
    static func files(under directory: String) -> [String] {
        TemporaryDirectory.files(under: URL(fileURLWithPath: directory))
    }
}
