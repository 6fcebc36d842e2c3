import RunStorage
import StageModel

/// Keeps one document per run identity and orders the kept runs canonically (report-semantics §1).
public enum RunDeduplicator {
    /// - Parameters:
    ///   - keys: every run's key (`RunHeaderTable.orderKeys`), in any order.
    ///   - header: the header of a row, asked only for runs that share an identity.
    /// - Returns: the keys of the kept runs in canonical order, and how many runs were dropped.
    ///
    /// One sort of 24-byte keys: runs of one identity end up side by side, in canonical order,
    /// so no table of identities is needed. Duplicates are rare, and only they are looked up.
    /// Runs without a commit (tasks without `result`) are dropped in favour of a run of the same
    /// vCenter, cluster and start that has one; among themselves the usual rule applies.
    public static func resolve(
        _ keys: consuming [RunOrderKey],
        header: (Int) throws(RunTableError) -> RunHeader
    ) throws(RunTableError) -> (kept: [RunOrderKey], duplicates: Int) {
        var keys = keys
        keys.sort { a, b in a.precedes(b) || (!b.precedes(a) && a.row < b.row) }
        var kept = 0, duplicates = 0, i = 0
        while i < keys.count {
            // A run without a commit sorts first among the runs of its vCenter, cluster and
            // start; when one of those has a commit, it is that run seen before it had a result.
            if !keys[i].hasCommit {
                var end = i + 1
                while end < keys.count, keys[end].sameRun(as: keys[i]) { end += 1 }
                if end < keys.count, keys[end].samePlace(as: keys[i]) {
                    duplicates += end - i
                    i = end
                    continue
                }
            }
            var end = i + 1
            while end < keys.count, keys[end].sameRun(as: keys[i]) { end += 1 }
            var best = keys[i]
            if end - i > 1 {
                duplicates += end - i - 1
                best = try preferred(Array(keys[i..<end]), header: header)
            }
            keys[kept] = best
            kept += 1
            i = end
        }
        keys.removeLast(keys.count - kept)
        return (keys, duplicates)
    }

    /// A left fold in input order: the tie-break is not transitive when values are missing,
    /// so the fold order is part of the definition. Input order is the sources' order, then
    /// the order the runs were read in.
    private static func preferred(
        _ group: [RunOrderKey],
        header: (Int) throws(RunTableError) -> RunHeader
    ) throws(RunTableError) -> RunOrderKey {
        var members: [(key: RunOrderKey, header: RunHeader)] = []
        for key in group { members.append((key, try header(Int(key.row)))) }
        members.sort { a, b in
            a.header.source < b.header.source || (!(b.header.source < a.header.source) && a.key.row < b.key.row)
        }
        var best = members[0]
        for m in members.dropFirst() where prefer(m.header, over: best.header) { best = m }
        return best.key
    }

    /// - Returns: the keys of the kept runs of `table` in canonical order (a key names its
    ///   row), and how many were dropped.
    public static func resolveKeys(_ table: RunHeaderTable) throws(RunTableError) -> (
        kept: [RunOrderKey], duplicates: Int
    ) {
        let keys = try table.orderKeys(RunHeaderTable.StringRanks(table))
        return try resolve(keys) { (row: Int) throws(RunTableError) in try table.header(row) }
    }

    /// - Returns: the rows of the kept runs in canonical order, and how many were dropped.
    public static func resolve(_ table: RunHeaderTable) throws(RunTableError) -> (kept: [Int], duplicates: Int) {
        let (kept, duplicates) = try resolveKeys(table)
        return (kept.map { Int($0.row) }, duplicates)
    }

    /// - Parameter headers: every run, in input order.
    public static func resolve(_ headers: [RunHeader]) -> (kept: [Int], duplicates: Int) {
        var table = RunHeaderTable()
        for header in headers { table.append(header, at: RunLocation(file: 0, offset: 0, length: 0)) }
        do { return try resolve(table) } catch { preconditionFailure(error.reason) }
    }

    /// Convenience for runs held in memory.
    public static func resolve(_ runs: [StageRun]) -> (runs: [StageRun], duplicates: Int) {
        let (kept, duplicates) = resolve(runs.map(\.header))
        return (kept.map { runs[$0] }, duplicates)
    }

    /// The later `last_update_time`, else the later run end, else a finished run over an
    /// unfinished one, else the first in input order. A time decides only when both documents
    /// have it: "later" means nothing against a missing value.
    public static func prefer(_ a: RunHeader, over b: RunHeader) -> Bool {
        if let x = a.lastUpdate, let y = b.lastUpdate, x != y { return x > y }
        if let x = a.end, let y = b.end, x != y { return x > y }
        if a.isFinished != b.isFinished { return a.isFinished }
        return a.source < b.source
    }
}
