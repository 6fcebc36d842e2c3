import GRDB
import StageModel
import Workers

/// The history of stage runs in one SQLite file (`--history FILE`, issue 18; docs/history.md).
///
/// The only owner of the database: the rest of the tool gives and takes `StageRun` values. A
/// record is one IMMEDIATE transaction (a process killed at any moment leaves the file as it was
/// before or after), and a writer that finds the file locked waits up to the busy timeout, so
/// two jobs writing the same file at once both succeed, one after the other. The file keeps the
/// rollback journal: unlike WAL it needs no shared memory, so it also works on network volumes.
public final class RunHistory: Sendable {
    public let path: String
    let queue: DatabaseQueue

    /// Opens the history at `path`, creating it or bringing its schema forward as needed.
    /// - Parameter busyTimeout: seconds to wait for another process's write to finish.
    public convenience init(path: String, busyTimeout: Double = 600) throws(HistoryError) {
        try self.init(path: path, busyTimeout: busyTimeout, splitReadsFrom: 4096)
    }

    /// Windows spanning fewer run ids than this are read on one connection (tests lower it).
    let splitReadsFrom: Int64

    init(path: String, busyTimeout: Double, splitReadsFrom: Int64) throws(HistoryError) {
        self.path = path
        self.splitReadsFrom = splitReadsFrom
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        // Children are deleted explicitly: enforcement would scan host_outcomes for every host
        // removed by a prune, for want of an index that every insert would pay for.
        config.foreignKeysEnabled = false
        config.label = "stage-report history"
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            try queue.writeWithoutTransaction { db in try Self.prepareSchema(db, path: path) }
        } catch {
            throw HistoryError.wrap(error, path: path)
        }
    }

    /// The schema version of the file (after opening, always `HistorySchema.currentVersion`).
    public func schemaVersion() throws(HistoryError) -> Int {
        try access { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
    }

    /// The version this build writes and reads.
    public static var knownSchemaVersion: Int { HistorySchema.currentVersion }

    /// Records `runs` in one transaction, then prunes runs older than `keep` nights before the
    /// latest run (nil: no pruning). A run whose identity is stored already replaces the stored
    /// one only when the duplicate rule prefers it (`HistoryRecorder.prefer`).
    @discardableResult
    public func record(_ runs: some Sequence<StageRun>, keep: HistoryWindow? = nil) throws -> RecordStats {
        try record(keep: keep) { recorder in
            for run in runs { try recorder.add(run) }
        }
    }

    /// Records the runs `feed` gives to the recorder, in one transaction; see `record(_:keep:)`.
    /// An error thrown by `feed` rolls the whole transaction back and is rethrown as it is;
    /// SQLite's errors are thrown as `HistoryError`.
    @discardableResult
    public func record(keep: HistoryWindow?, _ feed: (HistoryRecorder) throws -> Void) throws -> RecordStats {
        var stats = RecordStats()
        do {
            try queue.inTransaction(.immediate) { db in
                let recorder = try HistoryRecorder(db, path: path)
                try feed(recorder)
                stats = try Self.closeRecord(db, recorder, keep: keep)
                return .commit
            }
        } catch let error as DatabaseError {
            throw HistoryError.wrap(error, path: path)
        }
        return stats
    }

    /// Records like `record(keep:_:)`, then, in the same transaction (no other writer can come
    /// between), calls `older` with each run of `window` that this record did not write, in
    /// canonical order (in the file's order when not `ordered`). Returns the stats and the
    /// window's first millisecond (nil: the history is empty), with which the caller picks,
    /// among the runs it gave that were stored (`HistoryRecorder.add` returned true), those of
    /// the window (`HistoryWindow.includes`): the runs just written need not be read back.
    public func record(
        keep: HistoryWindow?, window: HistoryWindow, ordered: Bool = true, _ feed: (HistoryRecorder) throws -> Void,
        older: (StageRun) throws -> Void
    ) throws -> (stats: RecordStats, cutoff: Int64?) {
        var stats = RecordStats()
        var cutoff: Int64?
        do {
            try queue.inTransaction(.immediate) { db in
                let before = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'runs'") ?? 0
                let recorder = try HistoryRecorder(db, path: path)
                try feed(recorder)
                stats = recorder.stats
                if let keep { stats.pruned = try Self.prune(db, keep: keep) }
                if stats.pruned > 0 || stats.replaced > 0 { try Self.collectGarbage(db) }
                let loader = try HistoryLoader(db, path: path)
                cutoff = try loader.forEachRun(in: window, writtenUpTo: before, ordered: ordered, older)
                return .commit
            }
        } catch let error as DatabaseError {
            throw HistoryError.wrap(error, path: path)
        }
        return (stats, cutoff)
    }

    /// Records in two steps, in one transaction. `admit` gives the recorder the headers of the
    /// runs to record (`HistoryRecorder.admit`: it decides which are stored and deletes those
    /// they replace); `older` is then called with each stored run of `window` (up to the latest
    /// of the file's runs and the admitted), in the file's order, and the number of the part
    /// of the window it is in: when no stored run was replaced, the window is read in two parts
    /// at once, part 1 on a connection of its own on another thread (it sees what this
    /// transaction has not changed), so `older` must keep the parts apart; then `store` writes the
    /// admitted runs (`HistoryRecorder.insert`), given the window's first millisecond (nil: the
    /// window is empty), and may do other work meanwhile (aggregate the window) on other
    /// threads; the recorder must be used on the calling thread only. Then retention, and the
    /// commit.
    public func record<T>(
        keep: HistoryWindow?, window: HistoryWindow, admit: (HistoryRecorder) throws -> Void,
        older: @escaping @Sendable (Int, StageRun) throws -> Void, store: (HistoryRecorder, Int64?) throws -> T
    ) throws -> (stats: RecordStats, result: T) {
        var stats = RecordStats()
        var result: T?
        do {
            try queue.inTransaction(.immediate) { db in
                let recorder = try HistoryRecorder(db, path: path)
                try admit(recorder)
                let stored = try Int64.fetchOne(db, sql: "SELECT max(sort_ms) FROM runs")
                let latest = [stored, recorder.latestAdmitted].compactMap { $0 }.max()
                let cutoff = latest.map { window.cutoff(latest: $0) }
                if let cutoff {
                    let parts = recorder.stats.replaced == 0 ? 2 : 1
                    try readWindow(db, from: cutoff, parts: parts, older)
                }
                result = try store(recorder, cutoff)
                stats = try Self.closeRecord(db, recorder, keep: keep)
                return .commit
            }
        } catch let error as DatabaseError {
            throw HistoryError.wrap(error, path: path)
        }
        guard let result else { preconditionFailure("the transaction committed without storing") }
        return (stats, result)
    }

    /// Reads the window's runs, in two parts at once (by id) when `parts` is 2 and the window
    /// spans enough ids to be worth a second connection: parsing the runs' details and spooling
    /// them again was one core's work while the other idled (docs/performance.md).
    private func readWindow(
        _ db: Database, from cutoff: Int64, parts: Int, _ older: @escaping @Sendable (Int, StageRun) throws -> Void
    ) throws {
        let loader = try HistoryLoader(db, path: path)
        let row = try Row.fetchOne(db, sql: "SELECT min(id), max(id) FROM runs WHERE sort_ms >= ?", arguments: [cutoff])
        guard parts == 2, let lo = row?[0] as Int64?, let hi = row?[1] as Int64?, hi - lo >= splitReadsFrom else {
            try loader.forEachRun(from: cutoff, ordered: false) { try older(0, $0) }
            return
        }
        let mid = lo + (hi - lo) / 2
        let path = self.path
        // Used on this thread only: ForkJoin runs its second part on the calling thread.
        nonisolated(unsafe) let here = loader
        let (other, this) = ForkJoin.both(parallel: true) {
            Result { () throws in
                var config = Configuration()
                config.readonly = true
                config.busyMode = .timeout(600)
                config.label = "stage-report history reader"
                try DatabaseQueue(path: path, configuration: config).read { db in
                    try HistoryLoader(db, path: path).forEachRun(
                        from: cutoff, ids: (mid + 1)...Int64.max, ordered: false
                    ) {
                        try older(1, $0)
                    }
                }
            }
        } _: {
            Result { () throws in
                try here.forEachRun(from: cutoff, ids: Int64.min...mid, ordered: false) { try older(0, $0) }
            }
        }
        try this.get()
        try other.get()
    }

    /// The end of every record, inside its transaction: the recorder's stats, with the runs
    /// older than `keep` pruned and what no run uses any more collected.
    private static func closeRecord(_ db: Database, _ recorder: HistoryRecorder, keep: HistoryWindow?) throws
        -> RecordStats
    {
        var stats = recorder.stats
        if let keep { stats.pruned = try prune(db, keep: keep) }
        if stats.pruned > 0 || stats.replaced > 0 { try collectGarbage(db) }
        return stats
    }

    /// Removes runs older than `keep` nights before the latest run; returns how many.
    @discardableResult
    public func prune(keep: HistoryWindow) throws(HistoryError) -> Int {
        try access { db in
            var removed = 0
            try db.inTransaction(.immediate) {
                removed = try Self.prune(db, keep: keep)
                if removed > 0 { try Self.collectGarbage(db) }
                return .commit
            }
            return removed
        }
    }

    /// The time the window and retention count from: the latest run's start (else end, else
    /// last update); nil for an empty history.
    public func latestRunTime() throws(HistoryError) -> Timestamp? {
        try access { db in
            try Int64.fetchOne(db, sql: "SELECT max(sort_ms) FROM runs").map { Timestamp(milliseconds: $0) }
        }
    }

    /// Calls `body` with each run of `window` in canonical order (run start, a run without one
    /// first, then vCenter, cluster id, commit), read row by row: memory holds one run, plus the
    /// host names and a bounded cache of reasons. Runs with no time at all are in every window.
    public func forEachRun(in window: HistoryWindow, _ body: (StageRun) throws -> Void) throws {
        do {
            try queue.read { db in
                let loader = try HistoryLoader(db, path: path)
                try loader.forEachRun(in: window, body)
            }
        } catch let error as DatabaseError {
            throw HistoryError.wrap(error, path: path)
        }
    }

    /// Every run of `window`, in memory: for tests and small histories.
    public func runs(in window: HistoryWindow = HistoryWindow()) throws -> [StageRun] {
        var runs: [StageRun] = []
        try forEachRun(in: window) { runs.append($0) }
        return runs
    }

    /// How many runs the file holds.
    public func runCount() throws(HistoryError) -> Int {
        try access { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM runs") ?? 0 }
    }

    private func access<T>(_ body: (Database) throws -> T) throws(HistoryError) -> T {
        do { return try queue.writeWithoutTransaction(body) } catch { throw HistoryError.wrap(error, path: path) }
    }
}

extension RunHistory {
    /// Creates the tables in a new file, or migrates an older one, in one IMMEDIATE transaction
    /// (two processes opening a new file at once: the second finds it made). Refuses a file that
    /// is some other database, or a history from a newer tool.
    static func prepareSchema(_ db: Database, path: String) throws {
        func state() throws -> (application: Int32, version: Int, objects: Int) {
            (
                try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
            )
        }
        func check(_ s: (application: Int32, version: Int, objects: Int)) throws -> Bool {
            let known = HistorySchema.currentVersion
            if s.application == 0, s.objects == 0 { return true }
            guard s.application == HistorySchema.applicationID else {
                throw HistoryError(
                    path: path, problem: .notAHistory,
                    reason: "a SQLite database with application_id \(s.application) and \(s.objects) schema objects")
            }
            if s.version > known {
                throw HistoryError(path: path, problem: .newerSchema(found: s.version, known: known), reason: "")
            }
            return s.version < known
        }
        guard try check(state()) else { return }
        try db.inTransaction(.immediate) {
            let s = try state()
            guard try check(s) else { return .commit }
            let from = s.application == 0 ? 0 : s.version
            for step in HistorySchema.migrations[from...] { try db.execute(sql: step) }
            try db.execute(sql: "PRAGMA application_id = \(HistorySchema.applicationID)")
            try db.execute(sql: "PRAGMA user_version = \(HistorySchema.currentVersion)")
            return .commit
        }
    }

    static func prune(_ db: Database, keep: HistoryWindow) throws -> Int {
        guard let latest = try Int64.fetchOne(db, sql: "SELECT max(sort_ms) FROM runs") else { return 0 }
        let cutoff = keep.cutoff(latest: latest)
        // A run's outcomes, warnings, notifications and notes go with its row (`runs.detail`).
        try db.execute(sql: "DELETE FROM runs WHERE sort_ms < ?", arguments: [cutoff])
        return db.changesCount
    }

    /// Host names and reasons no stored run refers to any more.
    static func collectGarbage(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM hosts WHERE id NOT IN (SELECT host FROM host_outcomes)")
        try db.execute(
            sql: """
                DELETE FROM reasons WHERE id NOT IN (
                    SELECT reason FROM host_outcomes WHERE reason IS NOT NULL
                    UNION SELECT reason FROM host_warnings UNION SELECT reason FROM run_notifications)
                """)
    }
}

/// What one `record` did.
public struct RecordStats: Sendable, Equatable {
    /// Runs whose identity was new.
    public var inserted = 0
    /// Stored runs replaced by a preferred duplicate (a later poll, a re-run night).
    public var replaced = 0
    /// Runs given again whose stored copy the duplicate rule keeps.
    public var unchanged = 0
    /// Runs removed by retention.
    public var pruned = 0

    public init() {}
}
