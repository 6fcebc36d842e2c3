import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// The one way the tests run a program: `posix_spawn`, so a test can put a deadline on it (a
/// hang is a failure, not a stuck CI job), kill it at a chosen moment, and sample its peak
/// memory. Standard output and error go to files, never to pipes, so a large output cannot
/// fill a pipe and deadlock the test; every descriptor above 2 is closed in the child, so a
/// file another test holds open is never inherited.
public enum ProcessRunner {
    public struct Result: CustomStringConvertible, Sendable {
        public var exitCode: Int32
        /// The signal that ended the child, if one did (the deadline's SIGKILL, a crash).
        public var signal: Int32?
        public var timedOut: Bool
        public var stdout: String
        public var stderr: String
        public var seconds: Double
        /// Peak resident memory of the child in bytes: its VmHWM, sampled while it runs.
        /// (wait4's ru_maxrss would count the test process's own high-water mark: a
        /// posix_spawn child shares its memory until exec.)
        public var maxRSS: Int

        public var stderrLines: [String] {
            stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        }

        public var description: String {
            """
            exit \(exitCode)\(signal.map { " signal \($0)" } ?? "")\(timedOut ? " TIMED OUT" : "") \
            in \(String(format: "%.2f", seconds)) s\nstderr:\n\(stderr.prefix(4_000))
            """
        }
    }

    /// Default deadline: generous for a debug build on a loaded 2-core machine; a hang still ends.
    public static let defaultTimeout: Double = 300

    /// Starts `executable arguments…`. `stdin` is a file path (else /dev/null); `environment`
    /// is added to this process's, less SOURCE_DATE_EPOCH.
    public static func start(
        executable: String, _ arguments: [String], stdin: String? = nil,
        environment: [String: String] = [:], currentDirectory: String? = nil,
        timeout: Double = defaultTimeout
    ) throws -> Child {
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent(
            "stage-report-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SOURCE_DATE_EPOCH")
        env["SWIFT_BACKTRACE"] = "enable=no" // a crash is a signal here, reported as such
        for (k, v) in environment { env[k] = v }

        var cArgs: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        var cEnv: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in cArgs { free(p) }
            for p in cEnv { free(p) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(
            &actions, 1, logs.appendingPathComponent("stdout").path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(
            &actions, 2, logs.appendingPathComponent("stderr").path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if let closeFrom = SpawnExtensions.addClosefrom { _ = closeFrom(&actions, 3) }
        if let currentDirectory {
            guard let chdir = SpawnExtensions.addChdir else {
                throw RunnerError("posix_spawn_file_actions_addchdir_np is unavailable")
            }
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
        // posix_spawnp: a bare name (python3) is looked up on PATH.
        let rc = posix_spawnp(&pid, executable, &actions, &attributes, &cArgs, &cEnv)
        guard rc == 0 else {
            try? FileManager.default.removeItem(at: logs)
            throw RunnerError("posix_spawn \(executable): \(String(cString: strerror(rc)))")
        }
        return Child(pid: pid, started: started, logs: logs, deadline: started + timeout)
    }

    public static func run(
        executable: String, _ arguments: [String], stdin: String? = nil,
        environment: [String: String] = [:], currentDirectory: String? = nil,
        timeout: Double = defaultTimeout
    ) throws -> Result {
        try start(
            executable: executable, arguments, stdin: stdin, environment: environment,
            currentDirectory: currentDirectory, timeout: timeout
        ).wait()
    }

    /// Starts the built `stage-report ARGS`, or `prefix + [stage-report] + ARGS` when `prefix`
    /// is given (for `setpriv`).
    public static func start(
        _ arguments: [String], prefix: [String] = [], stdin: String? = nil,
        environment: [String: String] = [:], currentDirectory: String? = nil,
        timeout: Double = defaultTimeout
    ) throws -> Child {
        let binary = Repository.stageReportBinary
        let (executable, args) =
            prefix.isEmpty ? (binary, arguments) : (prefix[0], Array(prefix.dropFirst()) + [binary] + arguments)
        return try start(
            executable: executable, args, stdin: stdin, environment: environment,
            currentDirectory: currentDirectory, timeout: timeout)
    }

    public static func run(
        _ arguments: [String], prefix: [String] = [], stdin: String? = nil,
        environment: [String: String] = [:], currentDirectory: String? = nil,
        timeout: Double = defaultTimeout
    ) throws -> Result {
        try start(
            arguments, prefix: prefix, stdin: stdin, environment: environment,
            currentDirectory: currentDirectory, timeout: timeout
        ).wait()
    }

    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

public struct RunnerError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}

/// glibc's `_np` spawn actions are not in Swift's Glibc module; look them up at run time.
enum SpawnExtensions {
    typealias AddChdir =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    typealias AddClosefrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    nonisolated(unsafe) static let handle = dlopen(nil, RTLD_NOW)
    static let addChdir: AddChdir? = dlsym(handle, "posix_spawn_file_actions_addchdir_np").map {
        unsafeBitCast($0, to: AddChdir.self)
    }
    static let addClosefrom: AddClosefrom? = dlsym(handle, "posix_spawn_file_actions_addclosefrom_np").map {
        unsafeBitCast($0, to: AddClosefrom.self)
    }
}
