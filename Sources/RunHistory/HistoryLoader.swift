import GRDB
import GRDBSQLite
import StageModel

/// Reads runs back from the history inside one read transaction (`RunHistory.forEachRun`):
/// the runs through a cursor, each run's hosts and notes through prepared statements.
struct HistoryLoader {
    let db: Database
    let path: String
    private var hosts: [Int64: (id: String, name: String)] = [:]

    init(_ db: Database, path: String) throws {
        self.db = db
        self.path = path
        for row in try Row.fetchAll(db, sql: "SELECT id, host_id, name FROM hosts") {
            hosts[row[0]] = (HistoryText.string(row, 1) ?? "", HistoryText.string(row, 2) ?? "")
        }
    }

    /// - Parameter writtenUpTo: only runs with an id up to this one (nil: all).
    /// - Returns: the window's first millisecond; nil for an empty history.
    @discardableResult
    func forEachRun(in window: HistoryWindow, writtenUpTo: Int64? = nil, _ body: (StageRun) throws -> Void) throws
        -> Int64?
    {
        guard let latest = try Int64.fetchOne(db, sql: "SELECT max(sort_ms) FROM runs") else { return nil }
        let cutoff = window.cutoff(latest: latest)
        // Reasons are joined, not held: their messages are many (they name hosts and versions),
        // and memory must not grow with the nights kept.
        let outcomes = try db.makeStatement(
            sql: """
                SELECT o.host, o.outcome, o.status, o.start_ms, o.end_ms, o.reason, x.reason, x.message, x.resolution
                FROM host_outcomes o LEFT JOIN reasons x ON x.id = o.reason
                WHERE o.run = ? ORDER BY o.position
                """)
        let notes = try db.makeStatement(sql: "SELECT kind, detail FROM notes WHERE run = ? ORDER BY ordinal")
        let notifications = try db.makeStatement(
            sql: """
                SELECT n.kind, n.reason, x.reason, x.message, x.resolution
                FROM run_notifications n LEFT JOIN reasons x ON x.id = n.reason
                WHERE n.run = ? ORDER BY n.ordinal
                """)
        let warnings = try db.makeStatement(
            sql: """
                SELECT w.position, w.reason, x.reason, x.message, x.resolution
                FROM host_warnings w LEFT JOIN reasons x ON x.id = w.reason
                WHERE w.run = ? ORDER BY w.position, w.ordinal
                """)
        // `RunIdentity`'s order: BINARY collation is byte order; a run without a start last, one
        // without a commit first (NULL sorts first).
        let runs = try Row.fetchCursor(
            db,
            sql: """
                SELECT id, vcenter, cluster_id, cluster_name, "commit", task_status, start_ms, end_ms,
                    last_update_ms, stage_status, source_path, source_kind, source_value, file_index, document_index
                FROM runs WHERE (sort_ms IS NULL OR sort_ms >= ?) AND id <= ?
                ORDER BY start_ms IS NULL, start_ms, vcenter, cluster_id, "commit"
                """, arguments: [cutoff, writtenUpTo ?? Int64.max])
        while let row = try runs.next() {
            let id: Int64 = row[0]
            let source = DocumentSource(
                path: HistoryText.string(row, 10) ?? "",
                position: DocumentSource.Position(kind: UInt8(clamping: row[11] as Int64), value: row[12]),
                fileIndex: row[13], documentIndex: row[14])
            var run = StageRun(
                source: source, vcenter: HistoryText.string(row, 1) ?? "",
                clusterID: HistoryText.string(row, 2) ?? "", clusterName: HistoryText.string(row, 3),
                commit: HistoryText.string(row, 4), stageStatus: HistoryText.string(row, 9),
                taskStatus: HistoryText.string(row, 5), start: HistoryText.time(row, 6), end: HistoryText.time(row, 7),
                lastUpdate: HistoryText.time(row, 8))
            run.hosts = try loadHosts(outcomes, run: id)
            // Warnings and notifications are rare: a query each, and nothing more when empty.
            let warningRows = try Row.fetchCursor(warnings, arguments: [id])
            while let w = try warningRows.next() {
                let position: Int = w[0]
                guard run.hosts.indices.contains(position) else { throw corrupt("warning of host \(position)") }
                run.hosts[position].warnings.append(try reason(w, at: 1, run: id))
            }
            let notificationRows = try Row.fetchCursor(notifications, arguments: [id])
            while let n = try notificationRows.next() {
                let name = HistoryText.string(n, 0) ?? ""
                guard let kind = RunNotification.Kind(name: name) else { throw corrupt("notification kind '\(name)'") }
                run.notifications.append(RunNotification(kind: kind, reason: try reason(n, at: 1, run: id)))
            }
            let noteRows = try Row.fetchCursor(notes, arguments: [id])
            while let n = try noteRows.next() {
                let kind = HistoryText.string(n, 0) ?? ""
                guard let k = DataQualityKind(rawValue: kind) else { throw corrupt("data-quality kind '\(kind)'") }
                run.notes.append(DataQualityNote(kind: k, detail: HistoryText.string(n, 1) ?? ""))
            }
            try body(run)
        }
        return cutoff
    }

    private func loadHosts(_ statement: Statement, run: Int64) throws -> [HostResult] {
        var hosts: [HostResult] = []
        let row = SQLiteRow(statement)
        sqlite3_bind_int64(row.statement, 1, run)
        while try row.step(path: path) {
            let hostRow = row.int64(0)
            guard let host = self.hosts[hostRow] else { throw corrupt("host \(hostRow) of run \(run)") }
            let text = row.string(1) ?? ""
            guard let outcome = HostOutcome(rawValue: text) else { throw corrupt("outcome '\(text)'") }
            var reason: Reason?
            if let r = row.optionalInt64(5) {
                guard let id = row.string(6) else { throw corrupt("reason \(r) of run \(run)") }
                reason = Reason(id: id, message: row.string(7), resolution: row.string(8))
            }
            hosts.append(
                HostResult(
                    id: host.id, name: host.name, outcome: outcome, status: row.string(2), start: row.time(3),
                    end: row.time(4), reason: reason))
        }
        return hosts
    }

    /// The reason joined at columns `at` (its row id), then id, message and resolution.
    private func reason(_ row: Row, at i: Int, run: Int64) throws -> Reason {
        guard let id = HistoryText.string(row, i + 1) else { throw corrupt("reason \(row[i] as Int64) of run \(run)") }
        return Reason(id: id, message: HistoryText.string(row, i + 2), resolution: HistoryText.string(row, i + 3))
    }

    private func corrupt(_ what: String) -> HistoryError {
        HistoryError(path: path, problem: .corrupt, reason: what)
    }
}
