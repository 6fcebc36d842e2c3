import Foundation
import TestHelpers
import Testing
#if canImport(Glibc)
    import Glibc
#endif

/// Unreadable inputs: each one diagnostic line (`stage-report: cannot read PATH: REASON`), listed
/// in summary.json as a rejected document, every other document still counted, exit code 2.
@Suite("Faults: unreadable inputs and outputs")
struct FaultTests {
    /// The neighbours' counts plus unreadable inputs.
    func expectUnreadable(
        _ run: Neighbours.Run, _ unreadable: [(String, String)], runs: Int = 0, documents: Int = 0,
        outcomes: Outcomes = Outcomes(), sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let r = run.result
        #expect(r.signal == nil && !r.timedOut, "the tool crashed or hung: \(r)", sourceLocation: sourceLocation)
        #expect(r.exitCode == 2, "\(r)", sourceLocation: sourceLocation)
        for (path, reason) in unreadable {
            #expect(
                r.stderrLines.filter { $0 == "stage-report: cannot read \(path): \(reason)" }.count == 1,
                "missing: cannot read \(path): \(reason)\n\(r.stderr)", sourceLocation: sourceLocation)
        }
        guard let s = run.summary else {
            Issue.record("no summary.json: \(r)", sourceLocation: sourceLocation)
            return
        }
        #expect(
            s.documents == Neighbours.documents + documents + unreadable.count, "inputs.documents",
            sourceLocation: sourceLocation)
        #expect(s.runs == Neighbours.runs + runs, "inputs.runs", sourceLocation: sourceLocation)
        #expect(s.outcomes == Neighbours.outcomes + outcomes, sourceLocation: sourceLocation)
        #expect(
            s.rejected.sorted { $0.source < $1.source }
                == unreadable.map { RejectedDocument($0.0, "cannot read: " + $0.1) }.sorted { $0.source < $1.source },
            sourceLocation: sourceLocation)
    }

    @Test("Permission denied: a file, a directory, a directory without search permission")
    func permissionDenied() throws {
        let prefix = try Privileges.unprivilegedPrefix()
        let s = try TemporaryDirectory("perm")
        try Neighbours.install(in: s)
        try s.write("in/secret.json", Docs.bare(commit: "secret", hosts: [("host-1", "OK")]))
        try s.write("in/locked/inside.json", Docs.bare(commit: "locked", hosts: [("host-1", "OK")]))
        try s.write("in/noexec/a.json", Docs.bare(commit: "noexec", hosts: [("host-1", "OK")]))
        chmod(s.at("in/secret.json").path, 0o000)
        chmod(s.at("in/locked").path, 0o000)
        chmod(s.at("in/noexec").path, 0o644)
        try s.mkdir("out")
        chmod(s.at("out").path, 0o777)
        let r = try ProcessRunner.run(
            ["report", "in", "--out", "out", "--format", "json", "--now", Docs.now],
            prefix: prefix, currentDirectory: s.path)
        let run = Neighbours.Run(scratch: s, result: r, summary: try? SummaryFile(contentsOf: s.at("out/summary.json")))
        expectUnreadable(
            run,
            [
                ("in/locked", "permission denied"), ("in/noexec/a.json", "permission denied"),
                ("in/secret.json", "permission denied")
            ])
    }

    @Test("An output directory that cannot be written: a clear error, exit 2, nothing written")
    func readOnlyOutputDirectory() throws {
        let prefix = try Privileges.unprivilegedPrefix()
        let s = try TemporaryDirectory("ro-out")
        try Neighbours.install(in: s)
        try s.mkdir("out")
        chmod(s.at("out").path, 0o555)
        let r = try ProcessRunner.run(
            ["report", "in", "--out", "out", "--format", "json", "--now", Docs.now],
            prefix: prefix, currentDirectory: s.path)
        #expect(r.exitCode == 2 && r.signal == nil, "\(r)")
        #expect(
            r.stderrLines.contains("stage-report: cannot write to output directory out: Permission denied"),
            "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.at("out").path) == [])
    }

    @Test("An output path under a regular file, or a regular file: a clear error, exit 2")
    func outputUnderRegularFile() throws {
        let s = try TemporaryDirectory("out-file")
        try Neighbours.install(in: s)
        try s.write("plain", "not a directory")
        let under = try ProcessRunner.run(
            ["report", "in", "--out", "plain/sub", "--format", "json", "--now", Docs.now], currentDirectory: s.path)
        #expect(under.exitCode == 2 && under.signal == nil, "\(under)")
        // One line that says why in plain words (ENOTDIR), not a Cocoa error code and the usage text.
        #expect(
            under.stderrLines == ["stage-report: cannot use output directory plain/sub: plain is not a directory"],
            "\(under.stderr)")
        let file = try ProcessRunner.run(
            ["report", "in", "--out", "plain", "--format", "json", "--now", Docs.now], currentDirectory: s.path)
        #expect(file.exitCode == 2 && file.signal == nil, "\(file)")
        #expect(
            file.stderrLines.count == 1 && file.stderr.contains("plain") && !file.stderr.contains("NSCocoaErrorDomain"),
            "\(file.stderr)")
        #expect(try s.read("plain") == Data("not a directory".utf8))
    }

    @Test("A report that cannot be renamed into place (a directory in the way): exit 2, no temporary file left")
    func reportPathIsADirectory() throws {
        let s = try TemporaryDirectory("out-dir-in-way")
        try Neighbours.install(in: s)
        try s.mkdir("out/summary.json")
        let r = try ProcessRunner.run(
            ["report", "in", "--out", "out", "--format", "json", "--now", Docs.now], currentDirectory: s.path)
        #expect(r.exitCode == 2 && r.signal == nil, "\(r)")
        #expect(r.stderrLines == ["stage-report: cannot write out/summary.json: Is a directory"], "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.at("out").path) == ["summary.json"])
    }

    @Test("Broken symbolic links and symbolic-link loops: a diagnostic each; a directory loop is cut")
    func symbolicLinks() throws {
        let run = try Neighbours.run([:], label: "links") { s in
            try FileManager.default.createSymbolicLink(
                atPath: s.at("in/broken.json").path, withDestinationPath: "nowhere.json")
            try FileManager.default.createSymbolicLink(
                atPath: s.at("in/loop.json").path, withDestinationPath: "loop.json")
            // A directory link back up the tree: followed once, then cut, so nothing is counted twice.
            try FileManager.default.createSymbolicLink(atPath: s.at("in/fleet/up").path, withDestinationPath: "..")
        }
        expectUnreadable(
            run, [("in/broken.json", "broken symbolic link"), ("in/loop.json", "too many levels of symbolic links")])
        #expect(run.summary?.duplicates == 0)
    }

    @Test("A FIFO or a socket inside a directory is skipped with a diagnostic, without blocking")
    func specialFilesInDirectory() throws {
        let run = try Neighbours.run([:], label: "fifo") { s in
            try s.mkdir("in/sub")
            #expect(mkfifo(s.at("in/pipe.json").path, 0o644) == 0)
            #expect(mkfifo(s.at("in/sub/pipe.jsonl").path, 0o644) == 0)
            #expect(Self.bindSocket(at: s.at("in/sock.json").path))
        }
        #expect(!run.result.timedOut && run.result.seconds < 60)
        expectUnreadable(
            run,
            [
                ("in/pipe.json", "not a regular file, skipped"), ("in/sock.json", "not a regular file, skipped"),
                ("in/sub/pipe.jsonl", "not a regular file, skipped")
            ])
    }

    static func bindSocket(at path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: addr.sun_path) else { return false }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
        }
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        } == 0
    }

    /// Opens a FIFO for writing as soon as a reader has it open (O_NONBLOCK fails with ENXIO
    /// until then), so that a test never blocks on a tool that does not read it.
    static func openForWriting(fifo: String, child: ProcessRunner.Child, timeout: Double = 60) -> Int32? {
        let deadline = ProcessRunner.now() + timeout
        while ProcessRunner.now() < deadline, child.isRunning {
            let fd = open(fifo, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
            if fd >= 0 {
                _ = fcntl(fd, F_SETFL, 0)
                return fd
            }
            guard errno == ENXIO else { return nil }
            usleep(1_000)
        }
        return nil
    }

    /// The tool lists every input before reading any; a named FIFO given after the directory is
    /// read during that listing, so the test knows exactly when the listing of `in/` is done.
    /// It then removes a directory (and the target of a symbolic link to another one) and only
    /// then lets the tool go on: deterministically, a directory that vanished between listing
    /// and reading.
    @Test("A directory removed between listing and reading (also behind a symbolic link)")
    func directoryRemovedAfterListing() throws {
        let s = try TemporaryDirectory("vanish")
        try Neighbours.install(in: s)
        try s.write("in/vanishing/a.json", Docs.bare(commit: "v1", hosts: [("host-1", "OK")]))
        try s.write("in/vanishing/b.jsonl", Docs.bare(commit: "v2", hosts: [("host-1", "OK")]) + "\n")
        try s.write("elsewhere/target/c.json", Docs.bare(commit: "v3", hosts: [("host-1", "OK")]))
        try FileManager.default.createSymbolicLink(
            atPath: s.at("in/linked").path, withDestinationPath: "../elsewhere/target")
        #expect(mkfifo(s.at("gate.jsonl").path, 0o644) == 0)
        let child = try ProcessRunner.start(
            ["report", "in", "gate.jsonl", "--out", "out", "--format", "json", "--now", Docs.now],
            currentDirectory: s.path, timeout: 120)
        guard let fd = Self.openForWriting(fifo: s.at("gate.jsonl").path, child: child) else {
            child.kill()
            Issue.record("the tool never opened the FIFO: \(child.wait())")
            return
        }
        try FileManager.default.removeItem(at: s.at("in/vanishing"))
        try FileManager.default.removeItem(at: s.at("elsewhere/target"))
        var line = Array((Docs.bare(commit: "from-fifo", hosts: [("host-1", "SKIPPED")]) + "\n").utf8)
        _ = write(fd, &line, line.count)
        close(fd)
        let r = child.wait()
        let run = Neighbours.Run(scratch: s, result: r, summary: try? SummaryFile(contentsOf: s.at("out/summary.json")))
        expectUnreadable(
            run,
            [
                ("in/linked/c.json", "no such file or directory"), ("in/vanishing/a.json", "no such file or directory"),
                ("in/vanishing/b.jsonl", "no such file or directory")
            ],
            runs: 1, documents: 1, outcomes: Outcomes(0, 0, 0, 1))
    }

    /// Best effort (timing): a directory tree deleted while a large fleet is being read. Whatever
    /// the moment, no crash, no hang, and every document is accounted for exactly once.
    @Test("A directory removed while a large fleet is read (best effort)", arguments: [150, 600])
    func directoryRemovedWhileReading(afterMilliseconds: Int) throws {
        let s = try TemporaryDirectory("vanish-live")
        let gen = try ProcessRunner.run(
            ["sample", "--out", "fleet", "--vcenters", "2", "--clusters", "10", "--hosts", "20", "--nights", "20"],
            currentDirectory: s.path)
        #expect(gen.exitCode == 0, "\(gen)")
        let victim = try #require(try FileManager.default.contentsOfDirectory(atPath: s.at("fleet").path).sorted().last)
        let child = try ProcessRunner.start(
            ["report", "fleet", "--out", "out", "--format", "json", "--now", Docs.now, "--jobs", "1"],
            currentDirectory: s.path, timeout: 120)
        usleep(UInt32(afterMilliseconds * 1_000))
        try FileManager.default.removeItem(at: s.at("fleet/" + victim))
        let r = child.wait()
        #expect(r.signal == nil && !r.timedOut, "\(r)")
        #expect(r.exitCode == 0 || r.exitCode == 2, "\(r)")
        let summary = try SummaryFile(contentsOf: s.at("out/summary.json"))
        #expect(
            summary.documents == summary.runs + summary.duplicates + summary.rejectedCount + summary.otherOperations)
        #expect(
            summary.rejected.allSatisfy {
                $0.reason == "cannot read: no such file or directory" && $0.source.hasPrefix("fleet/" + victim + "/")
            })
        #expect(r.stderrLines.filter { $0.hasPrefix("stage-report: cannot read ") }.count == summary.rejectedCount)
        #expect((r.exitCode == 2) == (summary.rejectedCount > 0))
    }

    /// Appends whole lines to `path` until `pid` exits; returns how many it wrote.
    final class Appender: @unchecked Sendable {
        private let lock = NSLock()
        private var written = 0
        private let done = DispatchSemaphore(value: 0)

        func start(path: String, from first: Int, pid: pid_t, line: @escaping @Sendable (Int) -> String) {
            Thread.detachNewThread { [self] in
                let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
                var i = first
                // Until the tool has exited (a zombie still answers kill(pid, 0): check /proc).
                while fd >= 0, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                    !(stat.split(separator: ")").last?.hasPrefix(" Z") ?? true)
                {
                    var bytes = Array(line(i).utf8)
                    _ = write(fd, &bytes, bytes.count)
                    i += 1
                    lock.withLock { written += 1 }
                    usleep(100)
                }
                if fd >= 0 { close(fd) }
                done.signal()
            }
        }

        func finish() -> Int {
            done.wait()
            return lock.withLock { written }
        }
    }

    static func growingLine(_ i: Int) -> String {
        Docs.bare(
            vcenter: "vc-grow", cluster: "domain-grow", commit: String(i), hosts: [("host-1", "OK")],
            extra: #","pad":""# + String(repeating: "g", count: 700) + #"""#) + "\n"
    }

    /// A JSON Lines file appended to (one whole line per write) while the tool reads it. The
    /// tool must not crash, and must count a consistent prefix: lines 1…K with no gap and no
    /// repeat, K at least the lines present when it started, and at most the one line after K
    /// (caught half-written) rejected.
    @Test("A file that grows while it is read: a consistent prefix is counted", arguments: [2 << 20, 20 << 20])
    func growingFile(initialBytes: Int) throws {
        let s = try TemporaryDirectory("grow")
        var text = ""
        var n = 0
        while text.utf8.count < initialBytes {
            n += 1
            text += Self.growingLine(n)
        }
        try s.write("in/growing.jsonl", text)
        let child = try ProcessRunner.start(
            ["report", "in", "--out", "out", "--format", "json", "--now", Docs.now, "--jobs", "2"],
            currentDirectory: s.path, timeout: 300)
        let appender = Appender()
        appender.start(path: s.at("in/growing.jsonl").path, from: n + 1, pid: child.pid, line: Self.growingLine)
        let r = child.wait()
        let appended = appender.finish()
        #expect(r.signal == nil && !r.timedOut && r.exitCode == 0, "\(r)")
        let summary = try SummaryFile(contentsOf: s.at("out/summary.json"))
        let k = summary.runs
        let commits = summary.list("commits").compactMap { ($0["commit"] as? String).flatMap { Int($0) } }
        #expect(k >= n, "fewer lines than were there at the start: \(k) < \(n)")
        #expect(k <= n + appended)
        #expect(commits.sorted() == (k > 0 ? Array(1...k) : []), "not a prefix of the file's lines")
        #expect(summary.rejectedCount <= 1)
        for rej in summary.rejected {
            #expect(rej.source == "in/growing.jsonl:\(k + 1)" && rej.reason.hasPrefix("invalid JSON"), "\(rej)")
        }
        #expect(summary.documents == k + summary.rejectedCount)
    }

    /// Whether process `pid` has `path` open (a link in /proc/PID/fd points to it).
    static func hasOpen(_ pid: pid_t, _ path: String) -> Bool {
        guard let fds = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd") else { return false }
        return fds.contains {
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\($0)")) == path
        }
    }

    /// The file is cut short the moment the tool has it open (after it took its size, before it
    /// read to the end): a large JSON Lines file, read in chunks by two workers.
    @Test("A file truncated while it is read: no crash, no hang, every document accounted for")
    func truncatedWhileReading() throws {
        let s = try TemporaryDirectory("shrink")
        var text = ""
        var n = 0
        while text.utf8.count < 24 << 20 {
            n += 1
            text += Self.growingLine(n)
        }
        try s.write("in/shrinking.jsonl", text)
        let path = s.at("in/shrinking.jsonl").path
        let child = try ProcessRunner.start(
            ["report", "in", "--out", "out", "--format", "json", "--now", Docs.now, "--jobs", "2"],
            currentDirectory: s.path, timeout: 60)
        while child.isRunning, !Self.hasOpen(child.pid, path) { usleep(100) }
        truncate(path, off_t(5 << 20) + 17) // mid-line
        let r = child.wait()
        #expect(r.signal == nil && !r.timedOut && r.exitCode == 0, "\(r)")
        let summary = try SummaryFile(contentsOf: s.at("out/summary.json"))
        #expect(summary.documents == summary.runs + summary.rejectedCount)
        #expect(summary.runs <= n)
        #expect(summary.rejected.allSatisfy { $0.reason.hasPrefix("invalid JSON") })
    }
}
