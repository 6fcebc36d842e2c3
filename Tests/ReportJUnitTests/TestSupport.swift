import Foundation
import StageAggregation
import StageModel
import StagePipeline

/// Paths and scratch directories shared by the JUnit tests.
enum TestSupport {
    /// This file is `<repo>/Tests/ReportJUnitTests/TestSupport.swift`.
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The schemas live next to the repository, in `../shared/schemas/`; never copied in.
    static let schemaDirectory = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/schemas")
    static let jenkinsSchema = schemaDirectory.appendingPathComponent("jenkins-junit-10.xsd").path
    static let antSchema = schemaDirectory.appendingPathComponent("ant-junit.xsd").path

    static let sharedFleet = repoRoot.appendingPathComponent("Tests/Fixtures/shared-fleet").path
    static let goldenDirectory = repoRoot.appendingPathComponent("Tests/ReportJUnitTests/Golden")
    static let checker = repoRoot.appendingPathComponent("Tests/ReportJUnitTests/check_junit.py").path

    static var recordGolden: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    /// A fresh empty directory, removed again by `body`'s end.
    static func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
        let base = FileManager.default.temporaryDirectory
            .appendingPathComponent("junit-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        return try body(base.path)
    }

    /// The shared fleet through the real pipeline, as the CLI sees it.
    static func sharedFleetOutput() throws -> ReportPipeline.Output {
        try ReportPipeline().run([sharedFleet], generatedAt: Timestamp(milliseconds: 0))
    }

    /// A summary of runs built directly (they must be in canonical order), with gates.
    static func summary(of runs: [StageRun], gates: [GateResult] = []) -> Summary {
        var builder = SummaryBuilder()
        for run in runs { builder.add(run) }
        var summary = builder.summary(title: "test", generatedAt: Timestamp(milliseconds: 0),
                                      inputs: InputCounts(), rejected: [])
        summary.gates = gates
        return summary
    }

    /// Every regular file below `directory`, relative, sorted.
    static func files(under directory: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        var found: [String] = []
        while let item = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory + "/" + item, isDirectory: &isDirectory), !isDirectory.boolValue {
                found.append(item)
            }
        }
        return found.sorted()
    }
}
