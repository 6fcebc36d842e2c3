import Foundation
#if canImport(Glibc)
    import Glibc
#endif

extension ProcessRunner {
    /// A started child; `wait` collects it.
    public final class Child: @unchecked Sendable {
        public let pid: pid_t
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
        public var isRunning: Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return false }
            return !stat[close...].hasPrefix(") Z")
        }

        public func kill(_ signal: Int32 = SIGKILL) { _ = Glibc.kill(pid, signal) }

        /// VmHWM of the running child, in bytes (0 once it has exited).
        private func highWaterMark() -> Int {
            guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
                let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                let kB = line.split(separator: " ").compactMap({ Int($0) }).first
            else { return 0 }
            return kB * 1024
        }

        /// Waits for the child, sampling its memory; kills it with SIGKILL at the deadline.
        public func wait() -> Result {
            if let collected { return collected }
            var status: Int32 = 0
            var timedOut = false
            var peak = 0
            while true {
                peak = max(peak, highWaterMark())
                let r = waitpid(pid, &status, WNOHANG)
                if r == pid { break }
                if r < 0, errno != EINTR { break }
                if ProcessRunner.now() > deadline, !timedOut {
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
                seconds: ProcessRunner.now() - started,
                maxRSS: peak)
            collected = result
            try? FileManager.default.removeItem(at: logs)
            return result
        }
    }
}
