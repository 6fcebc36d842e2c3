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
    static let migrations: [String] = [version1]

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
}
