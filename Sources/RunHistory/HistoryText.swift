import Foundation
import GRDB
import StageModel

/// Strings and times in and out of SQLite without loss.
///
/// GRDB binds and reads TEXT as C strings, which would cut a string at a NUL character (hostile
/// inputs can carry `\u0000`). Such a string is stored as a BLOB of its UTF-8 bytes instead, and
/// read back from either storage class; every other string stays TEXT, readable in `sqlite3`.
enum HistoryText {
    static func value(_ s: String) -> DatabaseValue {
        s.utf8.contains(0) ? Data(s.utf8).databaseValue : s.databaseValue
    }

    static func value(_ s: String?) -> DatabaseValue {
        s.map(value) ?? .null
    }

    static func value(_ t: Timestamp?) -> DatabaseValue {
        t.map { $0.milliseconds.databaseValue } ?? .null
    }

    static func string(_ row: Row, _ i: Int) -> String? {
        let v: DatabaseValue = row[i]
        switch v.storage {
        case .string(let s): return s
        case .blob(let d): return String(decoding: d, as: UTF8.self)
        case .int64(let n): return String(n)
        case .double(let d): return String(d)
        case .null: return nil
        }
    }

    static func time(_ row: Row, _ i: Int) -> Timestamp? {
        let v: Int64? = row[i]
        return v.map { Timestamp(milliseconds: $0) }
    }

    /// A reason's lookup key in `reasons.key`: FNV-1a over its three fields, each with a
    /// presence byte and a terminator. It must not change (stored keys would no longer match):
    /// Swift's `Hasher` is seeded per process, hence this one.
    static func key(_ reason: Reason) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        for field in [reason.id, reason.message, reason.resolution] {
            guard let field else {
                mix(0)
                continue
            }
            mix(1)
            for byte in field.utf8 { mix(byte) }
            mix(0xFF) // never a byte of UTF-8
        }
        return Int64(bitPattern: hash)
    }
}
