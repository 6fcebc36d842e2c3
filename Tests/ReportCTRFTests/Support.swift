import Foundation
import StageAggregation
import StageModel
import StagePipeline
import Testing
import TestHelpers

enum Support {
    static let testsDirectory = Repository.path("Tests/ReportCTRFTests")
    static let goldenDirectory = testsDirectory.appendingPathComponent("Golden")
    static let checker = testsDirectory.appendingPathComponent("check_ctrf.py").path

    /// The shared fleet through the real pipeline, as the CLI sees it.
    static func sharedFleetOutput() throws -> ReportPipeline.Output {
        try ReportPipeline().run([Repository.sharedFleet.path], generatedAt: Timestamp(milliseconds: 0))
    }

    /// What the independent readers saw (`check_ctrf.py`), or the reason they refused the file.
    struct Reading: Decodable {
        var statuses: [String: Int]
        var tests: Int
        var otr: [String: Int]
        var summary: [String: Int]
        /// [name, status, message, suite, rawStatus] per test, in file order.
        var cases: [[Case]]

        enum Case: Decodable, Equatable {
            case text(String), list([String]), none
            init(from decoder: Decoder) throws {
                let c = try decoder.singleValueContainer()
                if c.decodeNil() {
                    self = .none
                } else if let s = try? c.decode(String.self) {
                    self = .text(s)
                } else {
                    self = .list(try c.decode([String].self))
                }
            }
        }
    }

    static func read(_ path: String) throws -> Result<Reading, ReadError> {
        let schema = try ExternalTool.ctrfSchema.require()
        let run = try ProcessRunner.run(executable: "python3", [checker, path, schema], timeout: 300)
        guard run.exitCode == 0 else { return .failure(ReadError(message: run.stderr + run.stdout)) }
        return .success(try JSONDecoder().decode(Reading.self, from: Data(run.stdout.utf8)))
    }

    struct ReadError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// The CTRF counts the summary's outcomes map to (docs/outputs.md), written out here
    /// independently of the renderer's mapping.
    static func expectedStatuses(_ o: OutcomeCounts) -> [String: Int] {
        let all = [
            "passed": o.succeeded, "failed": o.failed + o.timedOut, "skipped": o.skipped, "pending": o.inProgress,
            "other": o.unknown
        ]
        return all.filter { $0.value > 0 }
    }

    /// What `otr-ctrf` makes of those statuses (its README's table).
    static func expectedOTR(_ o: OutcomeCounts) -> [String: Int] {
        let all = [
            "SUCCESSFUL": o.succeeded, "FAILED": o.failed + o.timedOut + o.unknown,
            "SKIPPED": o.skipped + o.inProgress
        ]
        return all.filter { $0.value > 0 }
    }
}
