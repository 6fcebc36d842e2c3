import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `stage-report` binary with `posix_spawn`, so that a test can put a deadline
/// on it (a hang is a failure, not a stuck CI job), kill it at a chosen moment, and sample the
/// child's peak memory. Standard output and error go to files, never to pipes,
/// so that a large output cannot fill a pipe and deadlock the test.
///
/// Written for this target (CLIRunner.swift of StageReportCLITests is its model): every
/// descriptor above 2 is closed in the child, so a FIFO writer or a file held open by another
/// test running in parallel is never inherited.
struct ToolRunner {
    struct Result: CustomStringConvertible {
        var exitCode: Int32
        /// The signal that ended the child, if one did (the deadline's SIGKILL, a crash).
        var signal: Int32?
        var timedOut: Bool
        var stdout: String
        var stderr: String
        var seconds: Double
        /// Peak resident memory of the child, in bytes: its VmHWM, sampled every 2 ms while it
        /// runs. (wait4's ru_maxrss is useless here: a posix_spawn child shares the test
        /// process's memory until exec, and Linux counts that high-water mark in it.)
        var maxRSS: Int

        var stderrLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }

        var description: String {
            "exit \(exitCode)\(signal.map { " signal \($0)" } ?? "")\(timedOut ? " TIMED OUT" : "") in \(String(format: "%.2f", seconds)) s\nstderr:\n\(stderr.prefix(4_000))"
        }
    }

    /// A started child; `wait` collects it.
    final class Child {
        let pid: pid_t
        let started: Double
        let logs: URL
        let deadline: Double
        private var collected: Result?

        init(pid: pid_t, started: Double, logs: URL, deadline: Double) {
            self.pid = pid
            self.started = started
            self.logs = logs
            self.deadline = deadline
        }

        /// Whether the child has not exited yet (does not reap it): not gone and not a zombie.
        var isRunning: Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            return !stat[close...].hasPrefix(") Z")
        }

        func kill(_ signal: Int32 = SIGKILL) { _ = Glibc.kill(pid, signal) }

        /// VmHWM of the running child, in bytes (0 once it has exited).
        private func highWaterMark() -> Int {
            guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
                  let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                  let kB = line.split(separator: " ").compactMap({ Int($0) }).first else { return 0 }
            return kB * 1024
        }

        /// Waits for the child; kills it with SIGKILL at the deadline.
        func wait() -> Result {
            if let collected { return collected }
            var status: Int32 = 0
            var timedOut = false
            var peak = 0
            while true {
                peak = max(peak, highWaterMark())
                let r = waitpid(pid, &status, WNOHANG)
                if r == pid { break }
                if r < 0, errno != EINTR { break }
                if ToolRunner.now() > deadline, !timedOut {
                    timedOut = true
                    _ = Glibc.kill(pid, SIGKILL)
                }
                usleep(2_000)
            }
            let signalled = (status & 0x7F) != 0 && (status & 0x7F) != 0x7F
            let result = Result(
                exitCode: signalled ? -1 : (status >> 8) & 0xFF,
                signal: signalled ? status & 0x7F : nil,
                timedOut: timedOut,
                stdout: (try? String(contentsOf: logs.appendingPathComponent("stdout"), encoding: .utf8)) ?? "",
                stderr: (try? String(contentsOf: logs.appendingPathComponent("stderr"), encoding: .utf8)) ?? "",
                seconds: ToolRunner.now() - started,
                maxRSS: peak)
            collected = result
            try? FileManager.default.removeItem(at: logs)
            return result
        }
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    static var corpus: URL { repositoryRoot.appendingPathComponent("Tests/HostileInputTests/Corpus") }
    static var sharedFleet: URL { repositoryRoot.appendingPathComponent("Tests/Fixtures/shared-fleet") }

    /// The binary next to the test bundle (`.build/<configuration>/stage-report`).
    static var binary: String {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = here.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("stage-report")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
            dir = dir.deletingLastPathComponent()
        }
        return repositoryRoot.appendingPathComponent(".build/debug/stage-report").path
    }

    /// Default deadline: generous for a debug build on a loaded 2-core machine; a hang still ends.
    static let defaultTimeout: Double = 300

    /// Starts `stage-report ARGS` (or `prefix + [binary] + ARGS` when `prefix` is given, for
    /// `setpriv`). `stdin` is a file path; standard input is /dev/null otherwise.
    static func start(_ arguments: [String], prefix: [String] = [], stdin: String? = nil,
                      environment: [String: String] = [:], currentDirectory: String? = nil,
                      timeout: Double = defaultTimeout) throws -> Child {
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("stage-report-hostile-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        let outPath = logs.appendingPathComponent("stdout").path
        let errPath = logs.appendingPathComponent("stderr").path

        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SOURCE_DATE_EPOCH")
        env["SWIFT_BACKTRACE"] = "enable=no" // a crash is a signal here, reported as such
        for (k, v) in environment { env[k] = v }

        let argv0 = prefix.isEmpty ? binary : prefix[0]
        let args = prefix.isEmpty ? [binary] + arguments : prefix + [binary] + arguments
        var cArgs: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
        var cEnv: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in cArgs { free(p) }
            for p in cEnv { free(p) }
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if let closeFrom = SpawnExtensions.addClosefrom { _ = closeFrom(&actions, 3) }
        if let currentDirectory {
            guard let chdir = SpawnExtensions.addChdir else { throw RunnerError("posix_spawn_file_actions_addchdir_np is unavailable") }
            _ = chdir(&actions, currentDirectory)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        sigdelset(&allSignals, SIGKILL)
        sigdelset(&allSignals, SIGSTOP)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var pid: pid_t = 0
        let started = now()
        let rc = posix_spawn(&pid, argv0, &actions, &attributes, &cArgs, &cEnv)
        guard rc == 0 else {
            try? FileManager.default.removeItem(at: logs)
            throw RunnerError("posix_spawn \(argv0): \(String(cString: strerror(rc)))")
        }
        return Child(pid: pid, started: started, logs: logs, deadline: started + timeout)
    }

    static func run(_ arguments: [String], prefix: [String] = [], stdin: String? = nil,
                    environment: [String: String] = [:], currentDirectory: String? = nil,
                    timeout: Double = defaultTimeout) throws -> Result {
        try start(arguments, prefix: prefix, stdin: stdin, environment: environment,
                  currentDirectory: currentDirectory, timeout: timeout).wait()
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

struct RunnerError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// glibc's `_np` spawn actions are not in Swift's Glibc module; look them up at run time.
enum SpawnExtensions {
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    typealias AddClosefrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    nonisolated(unsafe) static let handle = dlopen(nil, RTLD_NOW)
    static let addChdir: AddChdir? = dlsym(handle, "posix_spawn_file_actions_addchdir_np").map { unsafeBitCast($0, to: AddChdir.self) }
    static let addClosefrom: AddClosefrom? = dlsym(handle, "posix_spawn_file_actions_addclosefrom_np").map { unsafeBitCast($0, to: AddClosefrom.self) }
}
