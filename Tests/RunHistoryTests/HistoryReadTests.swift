import Foundation
@testable import RunHistory
import StageModel
import TestHelpers
import Testing
import Synchronization

/// Reading the window in two parts at once (`RunHistory.record`'s `older`): every run once,
/// whichever part it falls in, and on one connection when a stored run was replaced.
@Suite struct HistoryReadTests {
    static func readWindow(_ history: RunHistory, admitting runs: [StageRun] = []) throws -> [Int: [StageRun]] {
        let parts = Mutex<[Int: [StageRun]]>([:])
        _ = try history.record(keep: nil, window: HistoryWindow(nights: 100)) { recorder in
            for run in runs { _ = try recorder.admit(run.header) }
        } older: { part, run in
            parts.withLock { $0[part, default: []].append(run) }
        } store: { _, _ in
            ()
        }
        return parts.withLock { $0 }
    }

    @Test func aWindowReadInTwoPartsHasEveryRunOnce() throws {
        let dir = try TemporaryDirectory("history-read")
        let history = try RunHistory(path: dir.at("history.db").path, busyTimeout: 5, splitReadsFrom: 0)
        var untimed = RunHistoryTests.run(night: 3, cluster: "no-time")
        untimed.start = nil
        untimed.end = nil
        untimed.lastUpdate = nil
        let runs = (0..<8).map { RunHistoryTests.run(night: $0) } + [untimed]
        try history.record(runs)
        let parts = try Self.readWindow(history)
        #expect(parts.keys.sorted() == [0, 1])
        let read = parts.values.flatMap { $0 }
        #expect(read.count == runs.count)
        #expect(Set(read.map(\.identity)) == Set(runs.map(\.identity)))
        #expect(try history.runs().sorted { $0.identity < $1.identity } == read.sorted { $0.identity < $1.identity })
    }

    @Test func aWindowWithAReplacedRunIsReadOnOneConnection() throws {
        let dir = try TemporaryDirectory("history-read")
        let history = try RunHistory(path: dir.at("history.db").path, busyTimeout: 5, splitReadsFrom: 0)
        try history.record((0..<8).map { RunHistoryTests.run(night: $0) })
        var rerun = RunHistoryTests.run(night: 7)
        rerun.lastUpdate = Timestamp(milliseconds: rerun.lastUpdate!.milliseconds + 1)
        let parts = try Self.readWindow(history, admitting: [rerun])
        #expect(parts.keys.sorted() == [0])
        #expect(parts[0]?.count == 7)
        #expect(parts[0]?.contains { $0.identity == rerun.identity } == false)
    }
}
