import RunStorage
import StageAggregation
import StageIngest
import StageModel

/// The kept runs in canonical order, decoded from the spool one at a time on access.
///
/// What is kept per run (where it is in the spool, its place in its input, its cluster) is in
/// a temporary file (`RunEntryFile`), so memory does not grow with the number of runs: only
/// the clusters are listed here.
public struct StoredRuns: RunCollection, Sendable {
    let store: RunStore
    let order: RunEntryFile
    /// (vCenter, cluster id) by number, numbered in order of first appearance in canonical order.
    let clusters: [(vcenter: String, clusterID: String)]
    /// Runs per cluster, by number.
    let runCounts: [Int]

    public var startIndex: Int { 0 }
    public var endIndex: Int { order.count }

    /// Resolves duplicates among the runs of `table` and writes the kept ones' entries in
    /// canonical order. Memory holds a 24-byte key per run while duplicates are resolved,
    /// then 8 bytes per run while the entries are placed, then none.
    public static func resolve(_ table: RunHeaderTable, store: RunStore) throws(PipelineError) -> (
        runs: StoredRuns, duplicates: Int
    ) {
        let (runs, duplicates, _) = try resolvePlacing(table, store: store)
        return (runs, duplicates)
    }

    /// `resolve`, and where each row of `table` went in canonical order (-1: dropped), which
    /// the history step needs to take kept runs' headers from the table without decoding them:
    /// 4 bytes a row, while the caller holds it.
    static func resolvePlacing(_ table: RunHeaderTable, store: RunStore) throws(PipelineError) -> (
        runs: StoredRuns, duplicates: Int, position: [Int32]
    ) {
        var kept: [RunOrderKey], duplicates: Int
        do {
            (kept, duplicates) = try RunDeduplicator.resolveKeys(table)
        } catch {
            throw PipelineError(reason: error.reason)
        }
        // Cluster numbers in order of first appearance; where each row goes in canonical order.
        var number: [Int64: Int32] = [:]
        var clusterOf = [Int32](repeating: 0, count: kept.count)
        var runCounts: [Int] = []
        var position = [Int32](repeating: -1, count: table.count)
        for (p, key) in kept.enumerated() {
            let n: Int32
            if let known = number[key.clusterNumber] {
                n = known
            } else {
                n = Int32(number.count)
                number[key.clusterNumber] = n
                runCounts.append(0)
            }
            clusterOf[p] = n
            runCounts[Int(n)] += 1
            position[Int(key.row)] = Int32(p)
        }
        let count = kept.count
        kept = []
        var clusters = [(vcenter: String, clusterID: String)](repeating: ("", ""), count: runCounts.count)
        var named = [Bool](repeating: false, count: runCounts.count)
        let order = try RunEntryFile.scatter(count: count) { (place: (Int, RunEntry) -> Void) throws(PipelineError) in
            var row = 0
            do throws(RunTableError) {
                try table.forEachEntry { (entry: RunHeaderTable.Entry) throws(RunTableError) in
                    defer { row += 1 }
                    let p = Int(position[row])
                    guard p >= 0 else { return }
                    let c = clusterOf[p]
                    if !named[Int(c)] {
                        clusters[Int(c)] = (table.string(entry.vcenter), table.string(entry.cluster))
                        named[Int(c)] = true
                    }
                    place(p, RunEntry(entry, cluster: c))
                }
            } catch {
                throw PipelineError(reason: error.reason)
            }
        }
        return (StoredRuns(store: store, order: order, clusters: clusters, runCounts: runCounts), duplicates, position)
    }

    public func load(_ i: Int) throws(PipelineError) -> StageRun {
        try load(order.entries(in: i..<i + 1)[0], position: i)
    }

    func load(_ entry: RunEntry, position: Int) throws(PipelineError) -> StageRun {
        do {
            var run = try store.load(entry.location)
            run.source = entry.placing(run.source)
            return run
        } catch {
            throw PipelineError(reason: "cannot read back run \(position) from the spool: \(error.reason)")
        }
    }

    /// Calls `body` with each run whose cluster `wanted` accepts (by cluster number), and its
    /// canonical position, in canonical order; other runs are not decoded.
    func forEach(cluster wanted: (Int) -> Bool, _ body: (Int, StageRun) throws(PipelineError) -> Void)
        throws(PipelineError)
    {
        try order.forEach { (p, entry) throws(PipelineError) in
            if wanted(Int(entry.cluster)) { try body(p, load(entry, position: p)) }
        }
    }

    /// Decodes on access. A spool that cannot be read back (it is this process's own temporary
    /// file) is a broken invariant, hence the trap rather than a thrown error here; `load(_:)`
    /// is the throwing form.
    public subscript(i: Int) -> StageRun {
        do { return try load(i) } catch { preconditionFailure(error.reason) }
    }

    /// Writes the entries again in JUnit's order: clusters in (vCenter, cluster id) byte order,
    /// each cluster's runs latest first.
    public func clusterOrder() throws -> StoredClusterOrder {
        let sorted = clusters.indices.sorted { a, b in
            clusters[a].vcenter != clusters[b].vcenter
                ? ByteOrder.less(clusters[a].vcenter, clusters[b].vcenter)
                : ByteOrder.less(clusters[a].clusterID, clusters[b].clusterID)
        }
        var first = [Int](repeating: 0, count: clusters.count)
        var groups: [RunCluster] = []
        for c in sorted {
            first[c] = groups.last.map { $0.first + $0.runCount } ?? 0
            groups.append(
                RunCluster(
                    vcenter: clusters[c].vcenter, clusterID: clusters[c].clusterID, first: first[c],
                    runCount: runCounts[c]))
        }
        let order = self.order, runCounts = self.runCounts
        let grouped = try RunEntryFile.scatter(count: order.count) {
            (place: (Int, RunEntry) -> Void) throws(PipelineError) in
            // Canonical order is ascending by start: the k-th run of a cluster goes k places
            // before the end of the cluster's range.
            var seen = [Int](repeating: 0, count: runCounts.count)
            try order.forEach { (_, entry) throws(PipelineError) in
                let c = Int(entry.cluster)
                seen[c] += 1
                place(first[c] + runCounts[c] - seen[c], entry)
            }
        }
        return StoredClusterOrder(store: store, order: grouped, clusters: groups)
    }
}

/// The runs of `StoredRuns` grouped by cluster, their entries in a file of their own.
public struct StoredClusterOrder: ClusterOrderedRuns {
    let store: RunStore
    let order: RunEntryFile
    public let clusters: [RunCluster]

    public func forEachRun(in range: Range<Int>, _ body: (StageRun) throws -> Void) throws {
        let entries = try order.entries(in: range)
        for (k, entry) in entries.enumerated() {
            var run: StageRun
            do { run = try store.load(entry.location) } catch {
                throw PipelineError(
                    reason: "cannot read back run \(range.lowerBound + k) from the spool: \(error.reason)")
            }
            run.source = entry.placing(run.source)
            try body(run)
        }
    }
}
