import ArgumentParser
import SystemPackage

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `stage-report` command: only wiring; the work happens in the library targets.
@main
struct StageReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stage-report",
        abstract: "Turn vSphere Lifecycle Manager stage results into compliance reports.",
        discussion: """
            Exit codes:
              0  success, every quality gate passed
              1  a quality gate failed (the reports are still written)
              2  usage error, unreadable input or output, or --strict rejections
            """,
        version: StageReport.version,
        subcommands: [ReportCommand.self, MergeCommand.self, SampleCommand.self],
        defaultSubcommand: ReportCommand.self
    )

    static let version = "0.1.0"

    /// ArgumentParser exits with 64 (EX_USAGE) on bad arguments; this tool promises 2, so the
    /// mapping is done here rather than through `main()`'s default.
    static func main() {
        MemoryPolicy.apply()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                terminate(0)
            }
            if let explicit = error as? ExitCode {
                terminate(explicit.rawValue)
            }
            if !message.isEmpty {
                FileHandleOutput.standardError("stage-report: " + message.replacingOccurrences(of: "Error: ", with: ""))
            }
            terminate(2)
        }
    }
}

/// Ends the process; a free function so that `exit` is not taken for ParsableCommand's.
func terminate(_ code: Int32) -> Never {
    fflush(nil)
    exit(code)
}

/// Writes to standard error directly (unbuffered), so diagnostics interleave correctly.
enum FileHandleOutput {
    static func standardError(_ line: String) {
        var text = line
        if !text.hasSuffix("\n") { text += "\n" }
        standardErrorRaw(text)
    }

    static func standardErrorRaw(_ text: String) {
        // Nothing better to do when standard error itself cannot be written.
        _ = try? FileDescriptor.standardError.writeAll(text.utf8)
    }

    static var standardErrorIsTerminal: Bool { isatty(2) == 1 }
}
