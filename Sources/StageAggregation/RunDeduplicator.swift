import StageModel

/// Keeps one document per run identity and orders the kept runs canonically (report-semantics §1).
public enum RunDeduplicator {
    /// - Parameter table: every run read, in any order (input order is recomputed from sources).
    /// - Returns: the positions of the kept runs in canonical order, and how many were dropped.
    ///
    /// Works on the table's interned numbers and string ranks, so that a month of a large
    /// fleet (about 100,000 runs) is resolved without rebuilding a string per comparison.
    public static func resolve(_ table: RunHeaderTable) -> (kept: [Int], duplicates: Int) {
        let keys = RunHeaderTable.OrderKeys(table)
        var best: [RunHeaderTable.OrderKeys.Identity: Int] = [:]
        best.reserveCapacity(table.count)
        var duplicates = 0
        // A left fold in input order: the tie-break is not transitive when values are missing,
        // so the fold order is part of the definition.
        for i in (0..<table.count).sorted(by: keys.sourcePrecedes) {
            let id = keys.identity(i)
            guard let j = best[id] else {
                best[id] = i
                continue
            }
            duplicates += 1
            if prefer(table[i], over: table[j]) { best[id] = i }
        }
        return (best.values.sorted(by: keys.identityPrecedes), duplicates)
    }

    /// - Parameter headers: every run, in input order.
    public static func resolve(_ headers: [RunHeader]) -> (kept: [Int], duplicates: Int) {
        var table = RunHeaderTable()
        for header in headers { table.append(header, at: RunLocation(file: 0, offset: 0, length: 0)) }
        return resolve(table)
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
