import GRDB
import GRDBSQLite
import StageModel

/// Binding and reading through SQLite's C API, on the statements that run once per run
/// (inserting and reading `runs`): GRDB's `StatementArguments` and `Row` convert every value
/// through an existential, which was two thirds of recording's time (docs/performance.md).
/// Strings follow `HistoryText`: a string holding NUL is a BLOB.
struct SQLiteRow {
    let statement: OpaquePointer

    init(_ statement: Statement) { self.statement = statement.sqliteStatement }

    /// SQLite copies the bytes before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func bind(_ i: Int32, _ s: String?) {
        guard var s else {
            sqlite3_bind_null(statement, i)
            return
        }
        s.withUTF8 { bytes in
            if bytes.contains(0) {
                sqlite3_bind_blob(statement, i, bytes.baseAddress, Int32(bytes.count), Self.transient)
            } else {
                sqlite3_bind_text(statement, i, bytes.baseAddress, Int32(bytes.count), Self.transient)
            }
        }
    }

    /// UTF-8 bytes as TEXT (the JSON of `runs.detail`, which escapes NUL).
    func bind(_ i: Int32, text bytes: [UInt8]) {
        _ = bytes.withUnsafeBufferPointer {
            sqlite3_bind_text(statement, i, $0.baseAddress, Int32($0.count), Self.transient)
        }
    }

    func bind(_ i: Int32, _ n: Int64?) {
        if let n { sqlite3_bind_int64(statement, i, n) } else { sqlite3_bind_null(statement, i) }
    }

    func bind(_ i: Int32, _ t: Timestamp?) { bind(i, t?.milliseconds) }

    /// Runs an INSERT or DELETE to its end and makes the statement ready for the next bindings.
    func execute(path: String) throws(HistoryError) {
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else { throw error(code, path: path) }
    }

    /// Steps a query: true with a row to read, false at its end (the statement is then reset).
    func step(path: String) throws(HistoryError) -> Bool {
        let code = sqlite3_step(statement)
        if code == SQLITE_ROW { return true }
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else { throw error(code, path: path) }
        return false
    }

    func isNull(_ i: Int32) -> Bool { sqlite3_column_type(statement, i) == SQLITE_NULL }

    func int64(_ i: Int32) -> Int64 { sqlite3_column_int64(statement, i) }

    func optionalInt64(_ i: Int32) -> Int64? { isNull(i) ? nil : int64(i) }

    func time(_ i: Int32) -> Timestamp? { optionalInt64(i).map { Timestamp(milliseconds: $0) } }

    /// TEXT or BLOB as UTF-8, by length (so NUL stays); nil for NULL.
    func string(_ i: Int32) -> String? {
        if isNull(i) { return nil }
        // `sqlite3_column_blob` leaves TEXT as it is; the length is asked after it, as SQLite wants.
        let pointer = sqlite3_column_blob(statement, i)
        let count = Int(sqlite3_column_bytes(statement, i))
        guard let pointer, count > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    /// The bytes of TEXT or BLOB, valid until the next step or reset (empty for NULL).
    func bytes(_ i: Int32) -> UnsafeRawBufferPointer {
        let pointer = sqlite3_column_blob(statement, i)
        return UnsafeRawBufferPointer(
            start: pointer, count: pointer == nil ? 0 : Int(sqlite3_column_bytes(statement, i)))
    }

    private func error(_ code: Int32, path: String) -> HistoryError {
        let message = sqlite3_db_handle(statement).flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return HistoryError(path: path, problem: .database, reason: "\(message ?? "SQLite error") (code \(code))")
    }
}
