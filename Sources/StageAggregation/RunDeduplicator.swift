import StageModel

/// Keeps one document per run identity and orders the kept runs canonically (report-semantics §1).
public enum RunDeduplicator {
    /// - Returns: the kept runs in canonical order, and how many documents were dropped.
    public static func resolve(_ runs: [StageRun]) -> (runs: [StageRun], duplicates: Int) {
        var best: [RunIdentity: Int] = [:]
        best.reserveCapacity(runs.count)
        var duplicates = 0
        for (i, run) in runs.enumerated() {
            let id = run.identity
            guard let j = best[id] else {
                best[id] = i
                continue
            }
            duplicates += 1
            if prefer(run, over: runs[j]) { best[id] = i }
        }
        let kept = best.values.map { runs[$0] }
        return (kept.sorted { $0.identity < $1.identity }, duplicates)
    }

    /// The later `last_update_time`, else the later run end, else a finished run over an
    /// unfinished one, else the first in input order. A time decides only when both documents
    /// have it: "later" means nothing against a missing value.
    public static func prefer(_ a: StageRun, over b: StageRun) -> Bool {
        if let x = a.lastUpdate, let y = b.lastUpdate, x != y { return x > y }
        if let x = a.end, let y = b.end, x != y { return x > y }
        if a.isFinished != b.isFinished { return a.isFinished }
        return a.source < b.source
    }
}
