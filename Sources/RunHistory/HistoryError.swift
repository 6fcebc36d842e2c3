import GRDB

/// A history file that cannot be used, with a one-line description naming the file.
public struct HistoryError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Problem: Sendable, Equatable {
        /// The file is not SQLite, or a SQLite database that is not a stage-report history.
        case notAHistory
        /// Written by a newer stage-report whose schema this one does not know.
        case newerSchema(found: Int, known: Int)
        /// SQLite failed (cannot open, disk full, locked past the busy timeout, …).
        case database
        /// A row holds a value this version cannot map back (an unknown outcome or note kind).
        case corrupt
    }

    public var path: String
    public var problem: Problem
    public var reason: String

    public init(path: String, problem: Problem, reason: String) {
        self.path = path
        self.problem = problem
        self.reason = reason
    }

    public var description: String {
        switch problem {
        case .notAHistory: "\(path) is not a stage-report history: \(reason)"
        case .newerSchema(let found, let known):
            "\(path) has history schema version \(found), newer than this stage-report knows (\(known)): "
                + "use a newer stage-report"
        case .database: "history \(path): \(reason)"
        case .corrupt: "history \(path) holds a value this stage-report cannot read: \(reason)"
        }
    }

    /// Maps a GRDB error: "not a database" becomes `.notAHistory`, the rest `.database`.
    static func wrap(_ error: any Error, path: String) -> HistoryError {
        if let e = error as? HistoryError { return e }
        if let e = error as? DatabaseError {
            let reason = e.message ?? "\(e.resultCode)"
            if e.resultCode == .SQLITE_NOTADB { return HistoryError(path: path, problem: .notAHistory, reason: reason) }
            return HistoryError(path: path, problem: .database, reason: "\(reason) (\(e.resultCode))")
        }
        return HistoryError(path: path, problem: .database, reason: "\(error)")
    }
}
