import Foundation
import RunHistory
import StageModel
import TestHelpers
import Testing

/// The store on its own: what goes in comes out, once per identity, in canonical order, within
/// the window; retention; files that are not a history.
@Suite struct RunHistoryTests {
    static let day: Int64 = 86_400_000
    /// 2026-11-01T00:00:00Z.
    static let firstNight: Int64 = 1_777_593_600_000

    static func time(night: Int, minute: Int64 = 120) -> Timestamp {
        Timestamp(milliseconds: firstNight + Int64(night) * day + minute * 60_000)
    }

    /// A run with every field set, hosts of every outcome, a reason shared by two hosts and notes.
    static func run(
        night: Int, vcenter: String = "vc01", cluster: String = "domain-c8", commit: String = "7",
        lastUpdate: Timestamp? = nil, path: String = "in/run.json"
    ) -> StageRun {
        let start = time(night: night)
        let shared = Reason(id: "com.vmware.fail", message: "Failed", resolution: "Retry")
        let hosts = [
            HostResult(
                id: "host-1", name: "esx-1", outcome: .succeeded, status: "OK", start: start,
                end: Timestamp(milliseconds: start.milliseconds + 90_000)),
            HostResult(id: "host-2", name: "host-2", outcome: .failed, status: "ERROR", start: start, reason: shared),
            HostResult(id: "host-3", name: "esx-3", outcome: .timedOut, status: "TIMED_OUT", reason: shared),
            HostResult(
                id: "host-4", name: "esx-4", outcome: .skipped, status: "SKIPPED", reason: Reason(id: "skip"),
                warnings: [Reason(id: "w1", message: "Low disk"), shared]),
            HostResult(id: "host-5", name: "esx-5", outcome: .unknown, status: "WEIRD")
        ]
        return StageRun(
            source: DocumentSource(path: path, position: .line(night + 1), fileIndex: 3, documentIndex: night),
            vcenter: vcenter, clusterID: cluster, clusterName: "Prod A", commit: commit, stageStatus: "ERROR",
            taskStatus: "SUCCEEDED", start: start, end: Timestamp(milliseconds: start.milliseconds + 600_000),
            lastUpdate: lastUpdate ?? Timestamp(milliseconds: start.milliseconds + 700_000), hosts: hosts,
            notifications: [
                RunNotification(kind: .error, reason: shared), RunNotification(kind: .info, reason: Reason(id: "i"))
            ],
            notes: [DataQualityNote(kind: .invalidTime, detail: "host-3: bad end_time")])
    }

    static func open(_ dir: TemporaryDirectory) throws -> RunHistory {
        try RunHistory(path: dir.at("history.db").path)
    }

    @Test func aRunComesBackAsItWasGiven() throws {
        let dir = try TemporaryDirectory("history")
        let history = try Self.open(dir)
        var odd = Self.run(night: 0)
        odd.clusterName = nil
        odd.taskStatus = "RUNNING"
        odd.stageStatus = nil
        odd.notifications = []
        odd.hosts[3].warnings = []
        odd.hosts[0].name = "nul\u{0}inside"
        odd.hosts[1].reason = Reason(id: "r\u{0}", message: nil, resolution: "only a resolution")
        let stats = try history.record([Self.run(night: 1), odd])
        #expect(stats.inserted == 2)
        #expect(try history.runs(in: HistoryWindow(nights: 30)) == [odd, Self.run(night: 1)])
    }

    @Test func runsComeBackInCanonicalOrder() throws {
        let dir = try TemporaryDirectory("history")
        let history = try Self.open(dir)
        var noStart = Self.run(night: 0, cluster: "z")
        noStart.start = nil
        let given = [
            Self.run(night: 1, vcenter: "vc02"), Self.run(night: 1, vcenter: "vc01", cluster: "b"),
            Self.run(night: 0, commit: "9"), noStart, Self.run(night: 1, vcenter: "vc01", cluster: "a"),
            Self.run(night: 0, commit: "10")
        ]
        try history.record(given)
        let loaded = try history.runs()
        #expect(loaded.map(\.identity) == given.map(\.identity).sorted())
    }

    @Test func theSameRunTwiceIsStoredOnceAndTheLaterUpdateWins() throws {
        let dir = try TemporaryDirectory("history")
        let history = try Self.open(dir)
        let first = Self.run(night: 0)
        var later = Self.run(night: 0, path: "in/rerun.json")
        later.lastUpdate = Timestamp(milliseconds: first.lastUpdate!.milliseconds + 1)
        later.hosts[1].outcome = .succeeded
        var earlier = Self.run(night: 0, path: "in/old-poll.json")
        earlier.lastUpdate = Timestamp(milliseconds: first.lastUpdate!.milliseconds - 1)

        #expect(try history.record([first]).inserted == 1)
        var again = try history.record([first])
        #expect((again.inserted, again.replaced, again.unchanged) == (0, 0, 1))
        again = try history.record([later])
        #expect((again.inserted, again.replaced, again.unchanged) == (0, 1, 0))
        #expect(try history.record([earlier]).unchanged == 1)
        #expect(try history.runs() == [later])
        #expect(try history.runCount() == 1)
    }

    @Test func theDuplicateRuleFallsBackToEndThenFinishedThenTheStoredRun() throws {
        let dir = try TemporaryDirectory("history")
        let history = try Self.open(dir)
        var stored = Self.run(night: 0)
        stored.lastUpdate = nil
        (stored.stageStatus, stored.taskStatus) = (nil, "RUNNING")
        try history.record([stored])
        // Same end, finished: preferred over the unfinished stored run.
        var finished = stored
        finished.taskStatus = "SUCCEEDED"
        finished.source.path = "b.json"
        #expect(try history.record([finished]).replaced == 1)
        // Same in every way the rule looks at: the stored one stays.
        var twin = finished
        twin.source.path = "a.json"
        #expect(try history.record([twin]).unchanged == 1)
        // A later end wins even without a last update.
        var ended = finished
        ended.end = Timestamp(milliseconds: finished.end!.milliseconds + 1)
        #expect(try history.record([ended]).replaced == 1)
        #expect(try history.runs() == [ended])
    }

    @Test func aRunWithoutACommitGivesWayToTheRunWithOneAtTheSamePlace() throws {
        let dir = try TemporaryDirectory("history")
        let history = try Self.open(dir)
        var early = Self.run(night: 0, commit: "x")
        early.commit = nil
        early.hosts = []
        #expect(try history.record([early]).inserted == 1)
        let withResult = Self.run(night: 0, commit: "8")
        #expect(try history.record([withResult]).replaced == 1)
        #expect(try history.record([early]).unchanged == 1)
        #expect(try history.runs() == [withResult])
        // Elsewhere a run without a commit is a run of its own; without a start it sorts last.
        var other = early
        other.clusterID = "domain-c9"
        var noStart = early
        noStart.start = nil
        try history.record([noStart, other])
        #expect(try history.runs() == [withResult, other, noStart])
    }

    @Test func recordingAndReadingInOneTransactionLeavesOutWhatItWrote() throws {
        let dir = try TemporaryDirectory("history")
        let history = try Self.open(dir)
        try history.record((0..<5).map { Self.run(night: $0) })
        var rerun = Self.run(night: 4)
        rerun.lastUpdate = Timestamp(milliseconds: rerun.lastUpdate!.milliseconds + 1)
        var written: [Bool] = []
        var older: [StageRun] = []
        let (stats, cutoff) = try history.record(keep: nil, window: HistoryWindow(nights: 3)) { recorder in
            for run in [Self.run(night: 3), rerun, Self.run(night: 5)] { written.append(try recorder.add(run)) }
        } older: {
            older.append($0)
        }
        #expect(written == [false, true, true])
        #expect((stats.inserted, stats.replaced, stats.unchanged) == (1, 1, 1))
        #expect(older == [Self.run(night: 3)])
        let window = try #require(cutoff)
        #expect(!HistoryWindow.includes(Self.run(night: 2), cutoff: window))
        #expect(HistoryWindow.includes(Self.run(night: 3), cutoff: window))
        #expect(try history.runs(in: HistoryWindow(nights: 3)) == [Self.run(night: 3), rerun, Self.run(night: 5)])
    }

    @Test func theWindowCountsNightsUpToTheLatestRun() throws {
        let dir = try TemporaryDirectory("history")
        let history = try Self.open(dir)
        try history.record((0..<10).map { Self.run(night: $0) })
        #expect(try history.runs(in: HistoryWindow(nights: 3)).map(\.start) == (7..<10).map { Self.time(night: $0) })
        #expect(try history.runs(in: HistoryWindow(nights: 30)).count == 10)
        #expect(try history.latestRunTime() == Self.time(night: 9))
    }

    @Test func retentionPrunesOldNightsAndTheNamesOnlyTheyUsed() throws {
        let dir = try TemporaryDirectory("history")
        let history = try Self.open(dir)
        var old = Self.run(night: 0, cluster: "gone")
        old.hosts[0].name = "renamed-later"
        try history.record([old] + (1..<10).map { Self.run(night: $0) })
        let stats = try history.record([Self.run(night: 10)], keep: HistoryWindow(nights: 5))
        #expect(stats.pruned == 6)
        #expect(try history.runs(in: HistoryWindow(nights: 100)).map(\.start) == (6...10).map { Self.time(night: $0) })
        #expect(try history.prune(keep: HistoryWindow(nights: 5)) == 0)
        let sqlite = try ExternalTool.sqlite3.require()
        let names = try ProcessRunner.run(
            executable: sqlite, [dir.at("history.db").path, "SELECT count(*) FROM hosts WHERE name = 'renamed-later'"])
        #expect(names.stdout == "0\n")
    }

    @Test func aFileThatIsNotAHistoryIsRefusedByName() throws {
        let dir = try TemporaryDirectory("history")
        let text = try dir.write("notes.txt", String(repeating: "not a database\n", count: 100))
        #expect(throws: HistoryError.self) { try RunHistory(path: text) }
        do { _ = try RunHistory(path: text) } catch {
            #expect(error.problem == .notAHistory)
            #expect(error.description.hasPrefix("\(text) is not a stage-report history"))
        }
        let sqlite = try ExternalTool.sqlite3.require()
        let other = dir.at("other.db").path
        _ = try ProcessRunner.run(executable: sqlite, [other, "CREATE TABLE t (x)"])
        do { _ = try RunHistory(path: other) } catch { #expect(error.problem == .notAHistory) }
    }

    @Test func aNewerSchemaIsRefusedAndAnOlderOneIsCurrentAfterOpening() throws {
        let dir = try TemporaryDirectory("history")
        let path = dir.at("history.db").path
        let history = try RunHistory(path: path)
        #expect(try history.schemaVersion() == RunHistory.knownSchemaVersion)
        let sqlite = try ExternalTool.sqlite3.require()
        let newer = RunHistory.knownSchemaVersion + 1
        _ = try ProcessRunner.run(executable: sqlite, [path, "PRAGMA user_version = \(newer)"])
        do {
            _ = try RunHistory(path: path)
            Issue.record("a newer schema was opened")
        } catch {
            #expect(error.problem == .newerSchema(found: newer, known: RunHistory.knownSchemaVersion))
            #expect(error.description.contains(path))
        }
    }

    @Test func anEmptyHistoryHasNoRuns() throws {
        let dir = try TemporaryDirectory("history")
        let history = try Self.open(dir)
        #expect(try history.runs().isEmpty)
        #expect(try history.latestRunTime() == nil)
        #expect(try history.record([StageRun]()) == RecordStats())
    }
}
