import StageModel

/// The JSON text in `runs.detail` (schema version 2, docs/history.md): a run's host outcomes,
/// with their warnings, its notifications and its data-quality notes, host names and reasons
/// by their row ids. One text per run is what makes recording and reading cost one row per
/// run; the views `host_outcomes`, `host_warnings`, `run_notifications` and `notes` show it as
/// rows to `sqlite3`.
///
///     {"hosts":[[host, outcome, status, start_ms, end_ms, reason, [warning reason, …]], …],
///      "notifications":[[kind, reason], …], "notes":[[kind, detail], …]}
///
/// A host's warnings list is left out when it is empty, as are empty notifications and notes.
enum HistoryDetail {
    /// Appends the detail of `run` to `out`: `hostRows` are its hosts' row ids by position,
    /// `reason` gives a reason's.
    static func encode(
        _ run: StageRun, into out: inout [UInt8], hostRows: [Int64], reason: (Reason) throws -> Int64
    ) rethrows {
        out.append(contentsOf: #"{"hosts":["#.utf8)
        try run.hosts.withUnsafeBufferPointer { hosts in
            for i in hosts.indices {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "["))
                number(hostRows[i], into: &out)
                out.append(UInt8(ascii: ","))
                string(hosts[i].outcome.rawValue, into: &out)
                out.append(UInt8(ascii: ","))
                string(hosts[i].status, into: &out)
                out.append(UInt8(ascii: ","))
                number(hosts[i].start?.milliseconds, into: &out)
                out.append(UInt8(ascii: ","))
                number(hosts[i].end?.milliseconds, into: &out)
                out.append(UInt8(ascii: ","))
                number(try hosts[i].reason.map(reason), into: &out)
                if !hosts[i].warnings.isEmpty {
                    out.append(contentsOf: ",[".utf8)
                    for (k, warning) in hosts[i].warnings.enumerated() {
                        if k > 0 { out.append(UInt8(ascii: ",")) }
                        number(try reason(warning), into: &out)
                    }
                    out.append(UInt8(ascii: "]"))
                }
                out.append(UInt8(ascii: "]"))
            }
        }
        out.append(UInt8(ascii: "]"))
        if !run.notifications.isEmpty {
            out.append(contentsOf: #","notifications":["#.utf8)
            for (k, n) in run.notifications.enumerated() {
                out.append(contentsOf: (k > 0 ? ",[" : "[").utf8)
                string(n.kind.name, into: &out)
                out.append(UInt8(ascii: ","))
                number(try reason(n.reason), into: &out)
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "]"))
        }
        if !run.notes.isEmpty {
            out.append(contentsOf: #","notes":["#.utf8)
            for (k, n) in run.notes.enumerated() {
                out.append(contentsOf: (k > 0 ? ",[" : "[").utf8)
                string(n.kind.rawValue, into: &out)
                out.append(UInt8(ascii: ","))
                string(n.detail, into: &out)
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "}"))
    }

    static func number(_ n: Int64?, into out: inout [UInt8]) {
        guard let n else {
            out.append(contentsOf: "null".utf8)
            return
        }
        if n < 0 { out.append(UInt8(ascii: "-")) }
        // Digits backwards into a small stack buffer: a String per number would allocate.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var v = n.magnitude, count = 0
        withUnsafeMutableBytes(of: &digits) { p in
            repeat {
                p[23 - count] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                count += 1
            } while v > 0
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: p[(24 - count)...]))
        }
    }

    /// JSON string escaping: quotes, backslashes and control characters; the rest as UTF-8.
    static func string(_ s: String?, into out: inout [UInt8]) {
        guard var s else {
            out.append(contentsOf: "null".utf8)
            return
        }
        out.append(UInt8(ascii: "\""))
        s.withUTF8 { bytes in
            var plain = 0
            for (i, b) in bytes.enumerated() where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain..<i]))
                plain = i + 1
                if b >= 0x20 {
                    out.append(contentsOf: [UInt8(ascii: "\\"), b])
                } else {
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: #"\u00"#.utf8)
                    out.append(contentsOf: [hex[Int(b >> 4)], hex[Int(b & 15)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain...]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
