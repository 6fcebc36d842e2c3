import Foundation
import TestHelpers
import Testing
#if canImport(Glibc)
    import Glibc
#endif

/// Reports are written to anonymous temporary files in the output directory and renamed into
/// place together once all are complete. A SIGKILL at any moment of a large run must leave
/// every report whole (no partial file), the previous reports untouched when it comes before
/// the final burst of renames, and no spool file in TMPDIR.
///
/// Every output is written (json, html, junit split by cluster, markdown), so that all the
/// renderers' files are covered. Each kill is set off by an event of the run itself (inotify),
/// never by a delay, so it lands in the same phase on any machine.
@Suite("Atomic outputs under SIGKILL")
struct AtomicOutputTests {
    static let options = ["--junit-split", "cluster", "--now", Docs.now]
    static let bigRun = ["report", "big", "--out", "out"] + options

    struct Setup {
        let s: TemporaryDirectory
        /// The reports of the first run (relative path → bytes).
        let previous: [String: Data]
        /// The reports of a complete run over the large fleet, into an empty directory.
        let complete: [String: Data]
        let env: [String: String]
    }

    /// Every regular file under `dir`, hidden ones included.
    static func tree(_ dir: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        for rel in TemporaryDirectory.files(under: dir) {
            out[rel] = try? Data(contentsOf: dir.appendingPathComponent(rel))
        }
        return out
    }

    /// A large generated fleet; the reports of a first (small) run in `out/`; the reports of a
    /// complete run of the large fleet in `complete/`.
    static func setUp() throws -> Setup {
        let s = try TemporaryDirectory("kill")
        try s.mkdir("spool")
        let env = ["TMPDIR": s.at("spool").path]
        let gen = try ProcessRunner.run(
            ["sample", "--out", "big", "--vcenters", "4", "--clusters", "20", "--hosts", "30", "--nights", "20"],
            currentDirectory: s.path)
        #expect(gen.exitCode == 0, "\(gen)")
        let first = try ProcessRunner.run(
            ["report", HostilePaths.sharedFleet.path, "--out", "out"] + options, environment: env,
            currentDirectory: s.path)
        #expect(first.exitCode == 0, "\(first)")
        let complete = try ProcessRunner.run(
            ["report", "big", "--out", "complete"] + options, environment: env, currentDirectory: s.path)
        #expect(complete.exitCode == 0, "\(complete)")
        let previous = tree(s.at("out"))
        #expect(previous.keys.contains("summary.json") && previous.keys.contains("report.html") && previous.count > 4)
        return Setup(s: s, previous: previous, complete: tree(s.at("complete")), env: env)
    }

    /// No temporary file, no partial file: every file is the previous run's or the complete
    /// run's, byte for byte. And no spool file is left in TMPDIR.
    func expectNoPartialFile(_ setup: Setup, _ moment: String, sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        let now = Self.tree(setup.s.at("out"))
        let extra = Set(now.keys).subtracting(setup.previous.keys).subtracting(setup.complete.keys)
        #expect(
            extra.isEmpty,
            "killed \(moment): temporary or unknown files left in the output directory: \(extra.sorted())",
            sourceLocation: sourceLocation)
        for (rel, bytes) in now where !extra.contains(rel) {
            #expect(
                bytes == setup.previous[rel] || bytes == setup.complete[rel], "killed \(moment): \(rel) is partial",
                sourceLocation: sourceLocation)
        }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: setup.s.at("spool").path) == [],
            "killed \(moment): a spool file is left in TMPDIR", sourceLocation: sourceLocation)
    }

    /// Starts the large run with a watch of `mask` on `directory`, kills it at the first event
    /// whose name satisfies `match`, and returns that name (nil if the run ended without one).
    static func killedRun(
        _ setup: Setup, watching directory: URL, _ mask: Int32,
        match: (String) -> Bool = { _ in true }
    ) throws -> (name: String?, result: ProcessRunner.Result) {
        let watch = inotify_init1(Int32(IN_CLOEXEC))
        #expect(watch >= 0)
        defer { close(watch) }
        #expect(inotify_add_watch(watch, directory.path, UInt32(mask)) >= 0)
        let child = try ProcessRunner.start(bigRun, environment: setup.env, currentDirectory: setup.s.path)
        let name = killOnEvent(child, watch: watch, match)
        return (name, child.wait())
    }

    /// The run spool is created and at once unlinked in TMPDIR as the inputs start to be read:
    /// killed then, nothing was rendered, so the previous reports are all there, unchanged.
    @Test("SIGKILL while the inputs are read: the previous reports are untouched, no spool file is left")
    func killWhileReading() throws {
        let setup = try Self.setUp()
        let (unlinked, r) = try Self.killedRun(setup, watching: setup.s.at("spool"), IN_DELETE)
        #expect(unlinked != nil && r.signal == SIGKILL, "the spool was not seen: \(r)")
        try expectNoPartialFile(setup, "while reading")
        #expect(Self.tree(setup.s.at("out")) == setup.previous, "killed while reading: the previous reports changed")
    }

    /// Waits for the first inotify event of `mask` in `dir` whose name satisfies `match`, kills
    /// the child at once, and returns that name.
    static func killOnEvent(_ child: ProcessRunner.Child, watch: Int32, _ match: (String) -> Bool) -> String? {
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while child.isRunning {
            var pfd = pollfd(fd: watch, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, 50) > 0 else { continue }
            let n = buffer.withUnsafeMutableBytes { read(watch, $0.baseAddress, $0.count) }
            var at = 0
            while at + 16 <= n { // struct inotify_event: wd, mask, cookie, len, name[len]
                let len = Int(buffer.withUnsafeBytes { $0.load(fromByteOffset: at + 12, as: UInt32.self) })
                let name = String(decoding: buffer[(at + 16)..<(at + 16 + len)].prefix { $0 != 0 }, as: UTF8.self)
                if match(name) {
                    child.kill(SIGKILL)
                    return name
                }
                at += 16 + len
            }
        }
        return nil
    }

    /// While the reports are rendered they are anonymous files (`O_TMPFILE`): nothing appears
    /// in the output directory. The first name that appears is the start of the final burst in
    /// which the complete reports are named and renamed one after the other. Killed at that
    /// instant, every report is whole (previous or new); at most the one file being placed is
    /// left under its temporary name, and the next run removes it.
    @Test(
        """
        SIGKILL the moment the first report file gets a name: every report is whole, \
        and the next run leaves no temporary file
        """
    )
    func killAtFirstName() throws {
        let setup = try Self.setUp()
        let (named, r) = try Self.killedRun(setup, watching: setup.s.at("out"), IN_CREATE | IN_MOVED_TO)
        #expect(named != nil && r.signal == SIGKILL, "no report was seen getting a name: \(r)")
        try expectWholeReports(setup, "as \(named ?? "?") appeared")
        try expectNextRunIsClean(setup)
    }

    /// Killed right after the first report is renamed into place: the renames of the others
    /// are a burst of microseconds, so some may be new and some previous, but none partial.
    @Test(
        """
        SIGKILL right after the first report is renamed into place: every report is whole, \
        and the next run leaves no temporary file
        """
    )
    func killAfterFirstRename() throws {
        let setup = try Self.setUp()
        let (renamed, r) = try Self.killedRun(setup, watching: setup.s.at("out"), IN_MOVED_TO) { !$0.hasPrefix(".") }
        #expect(renamed != nil && r.signal == SIGKILL, "no report was seen being renamed into place: \(r)")
        try expectWholeReports(setup, "after \(renamed ?? "?") was renamed")
        try expectNextRunIsClean(setup)
    }

    /// Every report is the previous run's or the complete run's, byte for byte; besides them,
    /// at most one temporary file (the report being placed at the kill).
    func expectWholeReports(_ setup: Setup, _ moment: String, sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        let now = Self.tree(setup.s.at("out"))
        let extra = Set(now.keys).subtracting(setup.previous.keys).subtracting(setup.complete.keys)
        let temporary = extra.filter { ($0.split(separator: "/").last ?? "").hasPrefix(".") && $0.contains(".tmp-") }
        #expect(
            extra == temporary && temporary.count <= 1,
            "killed \(moment): unexpected files left: \(extra.sorted())", sourceLocation: sourceLocation)
        for (rel, bytes) in now where !extra.contains(rel) {
            #expect(
                bytes == setup.previous[rel] || bytes == setup.complete[rel], "killed \(moment): \(rel) is partial",
                sourceLocation: sourceLocation)
        }
    }

    func expectNextRunIsClean(_ setup: Setup, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = try ProcessRunner.run(Self.bigRun, environment: setup.env, currentDirectory: setup.s.path)
        #expect(r.exitCode == 0, "\(r)", sourceLocation: sourceLocation)
        #expect(
            Self.tree(setup.s.at("out")) == setup.complete,
            "the run after the kill did not leave exactly the complete reports",
            sourceLocation: sourceLocation)
    }

    @Test("A complete run after a killed one gives exactly the files of a run into an empty directory")
    func completeRunAfterKill() throws {
        let setup = try Self.setUp()
        let (unlinked, killed) = try Self.killedRun(setup, watching: setup.s.at("spool"), IN_DELETE)
        #expect(unlinked != nil && killed.signal == SIGKILL, "the spool was not seen: \(killed)")
        let r = try ProcessRunner.run(Self.bigRun, environment: setup.env, currentDirectory: setup.s.path)
        #expect(r.exitCode == 0, "\(r)")
        let now = Self.tree(setup.s.at("out"))
        #expect(
            now.keys.sorted() == setup.complete.keys.sorted(),
            "stale or missing files: \(Set(now.keys).symmetricDifference(setup.complete.keys).sorted())")
        #expect(now == setup.complete)
    }
}
