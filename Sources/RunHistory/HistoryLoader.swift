import GRDB
import GRDBSQLite
import StageModel

/// Reads runs back from the history inside one transaction (`RunHistory.forEachRun`): one row
/// per run, its hosts, notifications and notes from the JSON of `runs.detail`.
struct HistoryLoader {
    let db: Database
    let path: String
    /// Host names by row id, looked up once per host outcome: an array indexed by the id, as
    /// SQLite gives them (1, 2, …); a dictionary for any id far past the count of rows.
    private var hosts: [(id: String, name: String)?] = []
    private var otherHosts: [Int64: (id: String, name: String)] = [:]

    init(_ db: Database, path: String) throws {
        self.db = db
        self.path = path
        let rows = try Row.fetchAll(db, sql: "SELECT id, host_id, name FROM hosts")
        hosts = Array(repeating: nil, count: 2 * rows.count + 1024)
        for row in rows {
            let id: Int64 = row[0]
            let host = (HistoryText.string(row, 1) ?? "", HistoryText.string(row, 2) ?? "")
            if id >= 0, id < hosts.count { hosts[Int(id)] = host } else { otherHosts[id] = host }
        }
    }

    /// - Parameters:
    ///   - writtenUpTo: only runs with an id up to this one (nil: all).
    ///   - ordered: in canonical order; else in the file's order, for a caller that sorts them
    ///     itself (SQLite would sort every run's detail in a temporary file).
    /// - Returns: the window's first millisecond; nil for an empty history.
    @discardableResult
    func forEachRun(
        in window: HistoryWindow, writtenUpTo: Int64? = nil, ordered: Bool = true, _ body: (StageRun) throws -> Void
    ) throws -> Int64? {
        guard let latest = try Int64.fetchOne(db, sql: "SELECT max(sort_ms) FROM runs") else { return nil }
        let cutoff = window.cutoff(latest: latest)
        try forEachRun(from: cutoff, writtenUpTo: writtenUpTo, ordered: ordered, body)
        return cutoff
    }

    /// The runs of the window that starts at `cutoff` (`HistoryWindow.cutoff`) with an id in
    /// `ids`, up to `writtenUpTo`; see above.
    func forEachRun(
        from cutoff: Int64, ids: ClosedRange<Int64> = Int64.min...Int64.max, writtenUpTo: Int64? = nil,
        ordered: Bool = true, _ body: (StageRun) throws -> Void
    ) throws {
        // `RunIdentity`'s order: BINARY collation is byte order; a run without a start last, one
        // without a commit first (NULL sorts first).
        let order = ordered ? #"ORDER BY start_ms IS NULL, start_ms, vcenter, cluster_id, "commit""# : ""
        let statement = try db.makeStatement(
            sql: """
                SELECT id, vcenter, cluster_id, cluster_name, "commit", task_status, start_ms, end_ms,
                    last_update_ms, stage_status, source_path, source_kind, source_value, file_index, document_index,
                    detail
                FROM runs WHERE (sort_ms IS NULL OR sort_ms >= ?) AND id BETWEEN ? AND ? \(order)
                """)
        // Reasons are looked up, not held: their messages are many (they name hosts and versions),
        // and memory must not grow with the nights kept. Those met lately are kept, a bounded few.
        let reasonStatement = try db.makeStatement(sql: "SELECT reason, message, resolution FROM reasons WHERE id = ?")
        let findReason = SQLiteRow(reasonStatement)
        var reasons: [Int64: Reason] = [:]
        func reason(_ id: Int64) throws -> Reason {
            if let known = reasons[id] { return known }
            sqlite3_bind_int64(findReason.statement, 1, id)
            guard try findReason.step(path: path), let text = findReason.string(0) else {
                throw corrupt("reason \(id)")
            }
            let found = Reason(id: text, message: findReason.string(1), resolution: findReason.string(2))
            while try findReason.step(path: path) {}
            if reasons.count >= 1 << 14 { reasons.removeAll(keepingCapacity: true) }
            reasons[id] = found
            return found
        }
        let hosts = self.hosts, otherHosts = self.otherHosts
        func host(_ id: Int64) throws -> (id: String, name: String) {
            if id >= 0, id < hosts.count, let host = hosts[Int(id)] { return host }
            guard let host = otherHosts[id] else { throw corrupt("host \(id)") }
            return host
        }
        let row = SQLiteRow(statement)
        sqlite3_bind_int64(row.statement, 1, cutoff)
        sqlite3_bind_int64(row.statement, 2, ids.lowerBound)
        sqlite3_bind_int64(row.statement, 3, min(ids.upperBound, writtenUpTo ?? Int64.max))
        while try row.step(path: path) {
            let id = row.int64(0)
            let source = DocumentSource(
                path: row.string(10) ?? "",
                position: DocumentSource.Position(kind: UInt8(clamping: row.int64(11)), value: Int(row.int64(12))),
                fileIndex: Int(row.int64(13)), documentIndex: Int(row.int64(14)))
            var run = StageRun(
                source: source, vcenter: row.string(1) ?? "", clusterID: row.string(2) ?? "",
                clusterName: row.string(3), commit: row.string(4), stageStatus: row.string(9),
                taskStatus: row.string(5), start: row.time(6), end: row.time(7), lastUpdate: row.time(8))
            var parser = HistoryDetailParser(row.bytes(15))
            do {
                try parser.read(into: &run, host: host, reason: reason)
            } catch let e as HistoryDetailParser.Malformed {
                throw corrupt("the detail of run \(id) at byte \(e.at)")
            }
            try body(run)
        }
        // `SQLiteRow` holds SQLite's pointers only: the statements must live until here.
        withExtendedLifetime((statement, reasonStatement)) {}
    }

    private func corrupt(_ what: String) -> HistoryError {
        HistoryError(path: path, problem: .corrupt, reason: what)
    }
}
