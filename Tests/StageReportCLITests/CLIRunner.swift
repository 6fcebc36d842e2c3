import Foundation
import TestHelpers

/// The built `stage-report`, run through the shared `ProcessRunner`; standard input given as
/// bytes is passed through a file.
enum CLIRunner {
    static var repositoryRoot: URL { Repository.root }

    static func run(
        _ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:],
        currentDirectory: URL? = nil
    ) throws -> ProcessRunner.Result {
        let scratch = try TemporaryDirectory("cli-stdin")
        let input = try stdin.map { try scratch.write("stdin", $0) }
        return try ProcessRunner.run(
            arguments, stdin: input, environment: environment, currentDirectory: currentDirectory?.path)
    }
}
