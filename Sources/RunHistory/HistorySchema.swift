import GRDB

/// The tables of a history file, their version and the steps that bring an older file forward.
///
/// A history is recognised by `PRAGMA application_id` (so that `sqlite3` and `file` can tell it
/// too) and versioned by `PRAGMA user_version`. docs/history.md documents every table; change
/// both together, and never edit a released step: add one.
enum HistorySchema {
    /// `SRHY` in ASCII: marks a SQLite file as a stage-report history.
    static let applicationID: Int32 = 0x5352_4859
    /// The version this tool writes; a file with a higher one was written by a newer tool.
    static var currentVersion: Int { migrations.count }

    /// `migrations[k]` brings a file from version k to k + 1, inside the opening transaction.
    static let migrations: [String] = [version1, version2]

    /// Times are milliseconds since the Unix epoch, UTC (`NULL`: absent). Strings are TEXT; the
    /// rare string holding a NUL character is a BLOB of its UTF-8 bytes (`HistoryText`).
    static let version1 = """
        CREATE TABLE runs (
            -- AUTOINCREMENT: ids are never reused, so the rows one record wrote are the ids past
            -- the largest before it (RunHistory.record(keep:window:_:older:)).
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            vcenter TEXT NOT NULL,
            cluster_id TEXT NOT NULL,
            cluster_name TEXT,
            "commit" TEXT,
            start_ms INTEGER,
            end_ms INTEGER,
            last_update_ms INTEGER,
            -- start, else end, else last update: what the window and retention go by.
            sort_ms INTEGER,
            task_status TEXT,
            stage_status TEXT,
            is_finished INTEGER NOT NULL,
            source_path TEXT NOT NULL,
            source_kind INTEGER NOT NULL,
            source_value INTEGER NOT NULL,
            file_index INTEGER NOT NULL,
            document_index INTEGER NOT NULL
        );
        CREATE INDEX runs_identity ON runs (vcenter, cluster_id, "commit", start_ms);
        CREATE INDEX runs_sort ON runs (sort_ms);
        CREATE TABLE hosts (
            id INTEGER PRIMARY KEY,
            host_id TEXT NOT NULL,
            name TEXT NOT NULL,
            UNIQUE (host_id, name)
        );
        CREATE TABLE reasons (
            id INTEGER PRIMARY KEY,
            -- FNV-1a of the three fields (HistoryText.key): how a reason is found to store it once.
            key INTEGER NOT NULL,
            reason TEXT NOT NULL,
            message TEXT,
            resolution TEXT
        );
        CREATE INDEX reasons_key ON reasons (key);
        CREATE TABLE host_outcomes (
            run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            host INTEGER NOT NULL REFERENCES hosts (id),
            outcome TEXT NOT NULL,
            status TEXT,
            start_ms INTEGER,
            end_ms INTEGER,
            reason INTEGER REFERENCES reasons (id),
            PRIMARY KEY (run, position)
        ) WITHOUT ROWID;
        CREATE TABLE host_warnings (
            run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            ordinal INTEGER NOT NULL,
            reason INTEGER NOT NULL REFERENCES reasons (id),
            PRIMARY KEY (run, position, ordinal)
        ) WITHOUT ROWID;
        CREATE TABLE run_notifications (
            run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            kind TEXT NOT NULL,
            reason INTEGER NOT NULL REFERENCES reasons (id),
            PRIMARY KEY (run, ordinal)
        ) WITHOUT ROWID;
        CREATE TABLE notes (
            run INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            kind TEXT NOT NULL,
            detail TEXT NOT NULL,
            PRIMARY KEY (run, ordinal)
        ) WITHOUT ROWID;
        -- For people with sqlite3: one row per host outcome, times as text.
        CREATE VIEW outcomes AS
        SELECT date(r.start_ms / 1000, 'unixepoch') AS night,
               r.vcenter, r.cluster_id, r.cluster_name, r."commit",
               strftime('%Y-%m-%dT%H:%M:%fZ', r.start_ms / 1000.0, 'unixepoch') AS run_start,
               r.task_status, h.host_id, h.name AS host_name, o.outcome, o.status,
               CASE WHEN o.outcome IN ('succeeded', 'failed', 'timed_out') AND o.end_ms >= o.start_ms
                    THEN (o.end_ms - o.start_ms) / 1000.0 END AS duration_s,
               x.reason, x.message, r.id AS run
        FROM host_outcomes o
        JOIN runs r ON r.id = o.run
        JOIN hosts h ON h.id = o.host
        LEFT JOIN reasons x ON x.id = o.reason;
        """

    /// Version 2: a run's host outcomes, warnings, notifications and notes are one JSON text in
    /// `runs.detail` (`HistoryDetail`), one row per run to write and read instead of one per
    /// host outcome; the four tables they were in become views of the same name and columns.
    /// JSON rather than a binary form so that `sqlite3` users can still query them.
    static let version2 = """
        ALTER TABLE runs ADD COLUMN detail TEXT NOT NULL DEFAULT '{}';
        -- Aggregates over ordered subqueries: SQLite does not flatten those, so the arrays keep
        -- the positions' and ordinals' order.
        UPDATE runs SET detail = json_object(
            'hosts', (SELECT json_group_array(json(h)) FROM (
                SELECT CASE WHEN w.list IS NULL
                    THEN json_array(o.host, o.outcome, CAST(o.status AS TEXT), o.start_ms, o.end_ms, o.reason)
                    ELSE json_array(o.host, o.outcome, CAST(o.status AS TEXT), o.start_ms, o.end_ms, o.reason,
                        json(w.list))
                    END AS h
                FROM host_outcomes o LEFT JOIN (
                    SELECT position, json_group_array(reason) AS list FROM (
                        SELECT position, reason FROM host_warnings WHERE run = runs.id ORDER BY position, ordinal)
                    GROUP BY position) w ON w.position = o.position
                WHERE o.run = runs.id ORDER BY o.position)),
            'notifications', (SELECT json_group_array(json_array(kind, reason)) FROM (
                SELECT kind, reason FROM run_notifications WHERE run = runs.id ORDER BY ordinal)),
            'notes', (SELECT json_group_array(json_array(kind, detail)) FROM (
                SELECT kind, CAST(detail AS TEXT) AS detail FROM notes WHERE run = runs.id ORDER BY ordinal)));
        DROP VIEW outcomes;
        DROP TABLE host_outcomes;
        DROP TABLE host_warnings;
        DROP TABLE run_notifications;
        DROP TABLE notes;
        CREATE VIEW host_outcomes AS
        SELECT r.id AS run, h.key AS position, json_extract(h.value, '$[0]') AS host,
               json_extract(h.value, '$[1]') AS outcome, json_extract(h.value, '$[2]') AS status,
               json_extract(h.value, '$[3]') AS start_ms, json_extract(h.value, '$[4]') AS end_ms,
               json_extract(h.value, '$[5]') AS reason
        FROM runs r, json_each(r.detail, '$.hosts') h;
        CREATE VIEW host_warnings AS
        SELECT r.id AS run, h.key AS position, w.key AS ordinal, w.value AS reason
        FROM runs r, json_each(r.detail, '$.hosts') h, json_each(h.value, '$[6]') w;
        CREATE VIEW run_notifications AS
        SELECT r.id AS run, n.key AS ordinal, json_extract(n.value, '$[0]') AS kind,
               json_extract(n.value, '$[1]') AS reason
        FROM runs r, json_each(r.detail, '$.notifications') n;
        CREATE VIEW notes AS
        SELECT r.id AS run, n.key AS ordinal, json_extract(n.value, '$[0]') AS kind,
               json_extract(n.value, '$[1]') AS detail
        FROM runs r, json_each(r.detail, '$.notes') n;
        CREATE VIEW outcomes AS
        SELECT date(r.start_ms / 1000, 'unixepoch') AS night,
               r.vcenter, r.cluster_id, r.cluster_name, r."commit",
               strftime('%Y-%m-%dT%H:%M:%fZ', r.start_ms / 1000.0, 'unixepoch') AS run_start,
               r.task_status, h.host_id, h.name AS host_name, o.outcome, o.status,
               CASE WHEN o.outcome IN ('succeeded', 'failed', 'timed_out') AND o.end_ms >= o.start_ms
                    THEN (o.end_ms - o.start_ms) / 1000.0 END AS duration_s,
               x.reason, x.message, r.id AS run
        FROM host_outcomes o
        JOIN runs r ON r.id = o.run
        JOIN hosts h ON h.id = o.host
        LEFT JOIN reasons x ON x.id = o.reason;
        """
}
