import StageModel

/// Keeps one document per run identity and orders the kept runs canonically (report-semantics §1).
public enum RunDeduplicator {
    /// - Parameter headers: every run, in input order.
    /// - Returns: the positions of the kept runs in canonical order, and how many were dropped.
    public static func resolve(_ headers: [RunHeader]) -> (kept: [Int], duplicates: Int) {
        var best: [RunIdentity: Int] = [:]
        best.reserveCapacity(headers.count)
        var duplicates = 0
        // A left fold in input order: the tie-break is not transitive when values are missing,
        // so the fold order is part of the definition.
        let inputOrder = headers.indices.sorted { headers[$0].source < headers[$1].source }
        for i in inputOrder {
            let id = headers[i].identity
            guard let j = best[id] else {
                best[id] = i
                continue
            }
            duplicates += 1
            if prefer(headers[i], over: headers[j]) { best[id] = i }
        }
        return (best.values.sorted { headers[$0].identity < headers[$1].identity }, duplicates)
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
