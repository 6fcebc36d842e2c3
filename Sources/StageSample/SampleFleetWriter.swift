import Files
import Foundation
import JSONOutput
import Workers

/// Writes a synthetic fleet to disk. Work is split by cluster (file layout) or by vCenter
/// (JSON Lines) across all cores; the bytes do not depend on the split or the thread count.
public struct SampleFleetWriter: Sendable {
    public let spec: SampleFleetSpec

    public init(spec: SampleFleetSpec) {
        self.spec = spec
    }

    /// Generates the fleet into `directory` (created if missing). Files of the same names are
    /// replaced; other files already in the directory are left alone.
    @discardableResult
    public func write(to directory: URL) throws(SampleFleetError) -> SampleFleetStats {
        let firstDay = try spec.validatedFirstNight()
        let root = directory.standardizedFileURL.path
        try Self.makeDirectory(root)
        let planner = SampleRunPlanner(inventory: SampleInventory(spec: spec, firstDay: firstDay))
        let units: [(vcenter: Int, cluster: Int)]
        switch spec.layout {
        case .filePerRun:
            units = (0..<spec.vcenters).flatMap { v in (0..<spec.clustersPerVCenter).map { (v, $0) } }
        case .jsonLines:
            units = (0..<spec.vcenters).map { ($0, -1) }
        }
        let results = SampleResults()
        WorkerThreads.forEach(count: units.count) { index in
            guard !results.hasFailed else { return }
            let unit = units[index]
            do throws(SampleFleetError) {
                let stats =
                    unit.cluster < 0
                    ? try Self.writeJSONLines(planner: planner, vcenter: unit.vcenter, root: root)
                    : try Self.writeCluster(
                        planner: planner, vcenter: unit.vcenter,
                        cluster: unit.cluster, root: root)
                results.add(stats)
            } catch {
                results.fail(error, unit: index)
            }
        }
        return try results.outcome()
    }

    /// `<root>/<vcenter>/<cluster-id>/<YYYY-MM-DD>[.suffix].json`, one pretty document each.
    private static func writeCluster(
        planner: SampleRunPlanner, vcenter: Int, cluster: Int,
        root: String
    ) throws(SampleFleetError) -> SampleFleetStats {
        let inventory = planner.inventory
        let vcenterName = inventory.vcenters[vcenter].name
        let directory = "\(root)/\(vcenterName)/\(inventory.vcenters[vcenter].clusters[cluster].id)"
        try makeDirectory(directory)
        var builder = SampleDocumentBuilder(pretty: true)
        var stats = SampleFleetStats()
        for night in 0..<inventory.nights {
            let date = SampleClock.dateString(days: inventory.firstDay + Int64(night))
            for document in planner.documents(vcenter: vcenter, cluster: cluster, night: night) {
                builder.json.reset()
                builder.append(document)
                builder.json.endLine()
                let path = "\(directory)/\(document.fileName(date: date))"
                do { try AtomicFile.write(builder.json.bytes, to: path, durable: false) } catch {
                    throw .cannotWriteFile(path: error.path, reason: error.reason)
                }
                stats.count(document, bytes: builder.json.bytes.count)
                stats.files += 1
            }
        }
        return stats
    }

    /// `<root>/<vcenter>.jsonl`, one compact document per line, night by night as a nightly
    /// collector would append them; streamed in chunks.
    private static func writeJSONLines(
        planner: SampleRunPlanner, vcenter: Int,
        root: String
    ) throws(SampleFleetError) -> SampleFleetStats {
        let inventory = planner.inventory
        let chunk = 4 << 20
        let path = "\(root)/\(inventory.vcenters[vcenter].name).jsonl"
        var builder = SampleDocumentBuilder(pretty: false, capacity: chunk + (1 << 20))
        var stats = SampleFleetStats(files: 1)
        do throws(FileError) {
            // Not put in place unless committed: a failure leaves no file behind.
            let file = try AtomicFile(path: path, durable: false)
            for night in 0..<inventory.nights {
                for cluster in inventory.vcenters[vcenter].clusters.indices {
                    for document in planner.documents(vcenter: vcenter, cluster: cluster, night: night) {
                        let before = builder.json.bytes.count
                        builder.append(document)
                        builder.json.endLine()
                        stats.count(document, bytes: builder.json.bytes.count - before)
                        if builder.json.bytes.count >= chunk {
                            try file.write(builder.json.bytes)
                            builder.json.reset()
                        }
                    }
                }
            }
            try file.write(builder.json.bytes)
            try file.commit()
        } catch {
            throw .cannotWriteFile(path: error.path, reason: error.reason)
        }
        return stats
    }

    private static func makeDirectory(_ path: String) throws(SampleFleetError) {
        do { try Directories.create(path) } catch {
            throw .cannotCreateDirectory(path: path, reason: error.description)
        }
    }
}

extension SampleFleetStats {
    /// Counts one written document the way a reader following report-semantics.md would.
    mutating func count(_ document: SampleDocument, bytes size: Int) {
        documents += 1
        bytes += size
        switch document.role {
        case .run:
            runs += 1
            let counts = document.plan.outcomes
            outcomes += counts
            hostOutcomes += counts.total
        case .duplicate: duplicates += 1
        case .pending, .failedWithoutResult:
            // A stage task without a result is a run with no host outcome (report-semantics §3).
            runs += 1
            withoutResult += 1
        case .otherOperation: otherOperations += 1
        }
    }
}

/// Stats and the first error (by unit order, so the reported error is deterministic) gathered
/// from the worker threads.
private final class SampleResults: @unchecked Sendable {
    private let lock = NSLock()
    private var stats = SampleFleetStats()
    private var failure: (unit: Int, error: SampleFleetError)?

    var hasFailed: Bool {
        lock.withLock { failure != nil }
    }

    func add(_ part: SampleFleetStats) {
        lock.withLock { stats += part }
    }

    func fail(_ error: SampleFleetError, unit: Int) {
        lock.withLock {
            if failure.map({ unit < $0.unit }) ?? true { failure = (unit, error) }
        }
    }

    func outcome() throws(SampleFleetError) -> SampleFleetStats {
        let (stats, failure) = lock.withLock { (self.stats, self.failure) }
        if let failure { throw failure.error }
        return stats
    }
}
