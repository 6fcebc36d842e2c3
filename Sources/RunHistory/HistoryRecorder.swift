import GRDB
import StageModel

/// Writes runs into the history inside one open transaction (`RunHistory.record`): prepared
/// statements; host names and reasons are stored once, host names looked up in memory (one
/// per host), reasons by their key (they are many: their messages name hosts and versions).
public final class HistoryRecorder {
    let db: Database
    let path: String
    private(set) var stats = RecordStats()
    /// The latest time (start, else end, else last update) of the runs `admit` let in.
    private(set) var latestAdmitted: Int64?
    /// Row ids by host id, then name: a host keeps its name almost always, so a look-up hashes
    /// one string and compares the other.
    private var hosts: [String: [(name: String, row: Int64)]] = [:]
    /// The reasons this record met, by key (`HistoryText.key`), so that each is looked up once.
    private var reasons: [Int64: (reason: Reason, row: Int64)] = [:]
    /// The hosts of each cluster's last run recorded, with their row ids (`hostRows`).
    private var lastHosts: [ClusterKey: [(id: String, name: String, row: Int64)]] = [:]
    private let findRun, findPlace, insertRun, deleteRun, insertHost, insertReason, findReason: Statement
    /// The detail text of the run being inserted, its buffer kept from run to run.
    private var detail: [UInt8] = []

    init(_ db: Database, path: String) throws {
        self.db = db
        self.path = path
        findRun = try db.makeStatement(
            sql: """
                SELECT id, last_update_ms, end_ms, is_finished FROM runs
                WHERE vcenter = ? AND cluster_id = ? AND "commit" IS ? AND start_ms IS ?
                """)
        insertRun = try db.makeStatement(
            sql: """
                INSERT INTO runs (vcenter, cluster_id, cluster_name, "commit", start_ms, end_ms, last_update_ms,
                    sort_ms, task_status, stage_status, is_finished, source_path, source_kind, source_value,
                    file_index, document_index, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        // Runs of the same vCenter, cluster and start: a run without a commit is the same run as
        // one with a commit there (report-semantics §1, revision 2).
        findPlace = try db.makeStatement(
            sql: """
                SELECT id, "commit" IS NULL FROM runs
                WHERE vcenter = ? AND cluster_id = ? AND start_ms IS ?
                """)
        // A run's host outcomes, warnings, notifications and notes are in its row (`detail`).
        deleteRun = try db.makeStatement(sql: "DELETE FROM runs WHERE id = ?")
        insertHost = try db.makeStatement(sql: "INSERT INTO hosts (host_id, name) VALUES (?, ?)")
        insertReason = try db.makeStatement(
            sql: "INSERT INTO reasons (key, reason, message, resolution) VALUES (?, ?, ?, ?)")
        findReason = try db.makeStatement(sql: "SELECT id, reason, message, resolution FROM reasons WHERE key = ?")
        // The tables of names are small (one row per host and per distinct reason): read them
        // whole rather than look each up in SQL.
        for row in try Row.fetchAll(db, sql: "SELECT id, host_id, name FROM hosts") {
            hosts[HistoryText.string(row, 1) ?? "", default: []].append((HistoryText.string(row, 2) ?? "", row[0]))
        }
    }

    /// Stores `run` and returns true, unless a stored run of the same identity is preferred to
    /// it (`admit`).
    @discardableResult
    public func add(_ run: StageRun) throws -> Bool {
        guard try admit(run.header) else { return false }
        try insert(run)
        return true
    }

    /// Whether a run with `header` is to be stored (`insert`), deleting the stored runs it
    /// replaces; false when a stored run of the same identity is preferred to it. A run without
    /// a commit is dropped when a run of the same vCenter, cluster and start with a commit is
    /// stored, and a stored run without a commit gives way to one with a commit, as duplicate
    /// resolution does within one invocation. Only the header is needed: the runs to store can
    /// be decoded later, while the window is aggregated.
    public func admit(_ header: RunHeader) throws -> Bool {
        let identity = header.identity
        let place = SQLiteRow(findPlace)
        place.bind(1, identity.vcenter)
        place.bind(2, identity.clusterID)
        place.bind(3, identity.start)
        var withoutCommit: [Int64] = []
        var keptStored = false
        while try place.step(path: path) {
            let commitless = place.int64(1) != 0
            if identity.commit == nil, !commitless { keptStored = true }
            if identity.commit != nil, commitless { withoutCommit.append(place.int64(0)) }
        }
        if keptStored {
            stats.unchanged += 1
            return false
        }
        for id in withoutCommit { try delete(id) }
        stats.replaced += withoutCommit.count
        let same = SQLiteRow(findRun)
        same.bind(1, identity.vcenter)
        same.bind(2, identity.clusterID)
        same.bind(3, identity.commit)
        same.bind(4, identity.start)
        var stored: (id: Int64, header: StoredHeader)?
        while try same.step(path: path) {
            guard stored == nil else { continue }
            let header = StoredHeader(lastUpdate: same.time(1), end: same.time(2), isFinished: same.int64(3) != 0)
            stored = (same.int64(0), header)
        }
        if let stored {
            guard Self.prefer(header, over: stored.header) else {
                stats.unchanged += 1
                return false
            }
            try delete(stored.id)
            stats.replaced += 1
        } else if withoutCommit.isEmpty {
            stats.inserted += 1
        }
        if let time = (identity.start ?? header.end ?? header.lastUpdate)?.milliseconds {
            latestAdmitted = max(latestAdmitted ?? time, time)
        }
        return true
    }

    private func delete(_ id: Int64) throws {
        let delete = SQLiteRow(deleteRun)
        delete.bind(1, id)
        try delete.execute(path: path)
    }

    /// Writes `run`, which `admit` let in.
    public func insert(_ run: StageRun) throws {
        let position = run.source.position.code
        let sort = run.start ?? run.end ?? run.lastUpdate
        let r = SQLiteRow(insertRun)
        for (i, text) in [run.vcenter, run.clusterID, run.clusterName, run.commit].enumerated() {
            r.bind(Int32(i + 1), text)
        }
        for (i, time) in [run.start, run.end, run.lastUpdate, sort].enumerated() { r.bind(Int32(i + 5), time) }
        r.bind(9, run.taskStatus)
        r.bind(10, run.stageStatus)
        r.bind(11, Int64(run.isFinished ? 1 : 0))
        r.bind(12, run.source.path)
        r.bind(13, Int64(position.kind))
        r.bind(14, Int64(position.value))
        r.bind(15, Int64(run.source.fileIndex))
        r.bind(16, Int64(run.source.documentIndex))
        detail.removeAll(keepingCapacity: true)
        try HistoryDetail.encode(run, into: &detail, hostRows: try hostRows(run), reason: reasonID)
        r.bind(17, text: detail)
        try r.execute(path: path)
    }

    /// The row ids of the hosts of `run`, by position. A cluster's hosts are mostly the same
    /// from run to run: those of its last run are compared first, which saves hashing each name.
    private func hostRows(_ run: StageRun) throws -> [Int64] {
        let cluster = ClusterKey(vcenter: run.vcenter, clusterID: run.clusterID)
        let last = lastHosts[cluster] ?? []
        var rows: [Int64] = []
        rows.reserveCapacity(run.hosts.count)
        var known: [(id: String, name: String, row: Int64)] = []
        known.reserveCapacity(run.hosts.count)
        for (p, host) in run.hosts.enumerated() {
            let row: Int64
            if p < last.count, last[p].id == host.id, last[p].name == host.name {
                row = last[p].row
            } else {
                row = try hostID(host.id, name: host.name)
            }
            rows.append(row)
            known.append((host.id, host.name, row))
        }
        lastHosts[cluster] = known
        return rows
    }

    private func hostID(_ id: String, name: String) throws -> Int64 {
        if let known = hosts[id]?.first(where: { $0.name == name }) { return known.row }
        try insertHost.execute(arguments: [HistoryText.value(id), HistoryText.value(name)])
        hosts[id, default: []].append((name, db.lastInsertedRowID))
        return db.lastInsertedRowID
    }

    private func reasonID(_ reason: Reason) throws -> Int64 {
        // By the stored key, computed once: hashing the three strings again for a dictionary of
        // reasons cost as much (docs/performance.md).
        let key = HistoryText.key(reason)
        if let known = reasons[key], known.reason == reason { return known.row }
        let find = SQLiteRow(findReason)
        find.bind(1, key)
        var found: Int64?
        while try find.step(path: path) {
            if found == nil, find.string(1) == reason.id, find.string(2) == reason.message,
                find.string(3) == reason.resolution
            {
                found = find.int64(0)
            }
        }
        if found == nil {
            let insert = SQLiteRow(insertReason)
            insert.bind(1, key)
            insert.bind(2, reason.id)
            insert.bind(3, reason.message)
            insert.bind(4, reason.resolution)
            try insert.execute(path: path)
            found = db.lastInsertedRowID
        }
        // Bounded: an import of a year of nights meets hundreds of thousands of reasons.
        if reasons.count >= 1 << 14 { reasons.removeAll(keepingCapacity: true) }
        reasons[key] = (reason, found!)
        return found!
    }

    struct ClusterKey: Hashable {
        var vcenter: String
        var clusterID: String
    }

    /// What the duplicate rule needs of a stored run.
    struct StoredHeader {
        var lastUpdate: Timestamp?
        var end: Timestamp?
        var isFinished: Bool
    }

    /// The contract's duplicate rule (report-semantics §1, as `RunDeduplicator.prefer`): the later
    /// `last_update_time` when both have one, else the later run end when both have one, else a
    /// finished run over an unfinished one, else the stored run, which was given first.
    static func prefer(_ new: RunHeader, over stored: StoredHeader) -> Bool {
        if let x = new.lastUpdate, let y = stored.lastUpdate, x != y { return x > y }
        if let x = new.end, let y = stored.end, x != y { return x > y }
        if new.isFinished != stored.isFinished { return new.isFinished }
        return false
    }
}

extension RunNotification.Kind {
    /// The name stored in `run_notifications.kind`.
    var name: String {
        switch self {
        case .error: "error"
        case .warning: "warning"
        case .info: "info"
        }
    }

    init?(name: String) {
        guard let kind = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = kind
    }
}
