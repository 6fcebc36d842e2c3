import Foundation
import StageAggregation
import StageIngest
import StageModel
import StagePipeline

// Runs, stage documents and summaries built the way the aggregation and duplicate-resolution
// tests need them (StageAggregationTests, StagePipelineTests).

// MARK: - Runs built in memory

/// A timestamp from ISO 8601 text; traps on a typo in a test.
public func ts(_ text: String) -> Timestamp {
    guard let t = Timestamp(iso8601: text) else { fatalError("bad test timestamp \(text)") }
    return t
}

/// A host outcome; `seconds` gives it start and end times `seconds` apart.
public func host(
    _ id: String, _ outcome: HostOutcome, seconds: Double? = nil, name: String? = nil,
    reason: Reason? = nil, at start: String = "2026-01-01T00:00:00Z"
) -> HostResult {
    let s = ts(start)
    let end = seconds.map { Timestamp(milliseconds: s.milliseconds + Int64(($0 * 1000).rounded())) }
    let defaultReason: Reason? =
        outcome == .skipped || outcome == .failed
        ? Reason(id: Reason.unspecified)
        : outcome == .timedOut ? Reason(id: Reason.timedOut) : nil
    return HostResult(
        id: id, name: name ?? id, outcome: outcome, status: nil,
        start: seconds == nil ? nil : s, end: end, reason: reason ?? defaultReason)
}

/// A run; `order` places it in input order (`in.json[order]`).
public func run(
    _ start: String?, vcenter: String = "vc", cluster: String = "c1", commit: String = "1",
    hosts: [HostResult] = [], notes: [DataQualityNote] = [], name: String? = nil,
    end: String? = nil, lastUpdate: String? = nil, finished: Bool = true, taskStatus: String? = "SUCCEEDED",
    path: String = "in.json", order: Int = 0
) -> StageRun {
    StageRun(
        source: DocumentSource(path: path, position: .index(order), fileIndex: 0, documentIndex: order),
        vcenter: vcenter, clusterID: cluster, clusterName: name, commit: commit,
        taskStatus: finished ? taskStatus : "RUNNING",
        start: start.map(ts), end: end.map(ts), lastUpdate: lastUpdate.map(ts),
        hosts: hosts.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }, notes: notes)
}

/// Resolves duplicates and folds the runs, as the report pipeline does; `listEveryHost` fills
/// `Summary.hosts`, `tracksChanges` `Summary.changes`.
public func summarize(
    _ runs: [StageRun], inventory: ClusterInventory = ClusterInventory(),
    inputs: InputCounts = InputCounts(), rejected: [Rejection] = [], listEveryHost: Bool = false,
    tracksChanges: Bool = false
) -> Summary {
    let (kept, duplicates) = RunDeduplicator.resolve(runs)
    var builder = SummaryBuilder(inventory: inventory, tracksChanges: tracksChanges)
    for r in kept { builder.add(r) }
    var counts = inputs
    counts.duplicates = duplicates
    return builder.summary(
        title: "t", generatedAt: Timestamp(milliseconds: 0), inputs: counts, rejected: rejected,
        listEveryHost: listEveryHost)
}

// MARK: - Runs read from files

/// Ingests `inputs` and summarises them the way `ReportPipeline` does.
public func summarizeFiles(
    _ inputs: [String], options: IngestOptions = IngestOptions(workers: 1),
    inventory: ClusterInventory = ClusterInventory()
) throws -> Summary {
    let read = Ingestor(options: options).ingest(inputs)
    if let e = read.spoolError { throw e }
    let runs = try read.loadRuns()
    var counts = InputCounts()
    counts.files = read.files
    counts.documents = read.documents
    counts.rejected = read.rejections.count
    counts.withoutResult = read.withoutResult
    counts.otherOperations = read.otherOperations
    counts.bytes = read.bytes
    return summarize(runs, inventory: inventory, inputs: counts, rejected: read.rejections)
}

extension TemporaryDirectory {
    /// Writes a JSON value (made of dictionaries, arrays, strings, numbers, booleans, NSNull).
    @discardableResult
    public func write(_ name: String, json: Any) throws -> String {
        try write(
            name, String(decoding: JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]), as: UTF8.self))
    }
}

/// `Tests/Fixtures/shared-fleet`, found from this file.
public let sharedFleetPath: String = Repository.sharedFleet.path

// MARK: - Stage documents as Foundation values

public enum StageDoc {
    public static func status(_ status: String, start: String? = nil, end: String? = nil, errors: [[String: Any]] = [])
        -> [String: Any]
    {
        var d: [String: Any] = ["status": status, "notifications": ["errors": errors]]
        if let start { d["start_time"] = start }
        if let end { d["end_time"] = end }
        return d
    }

    public static func note(_ id: String, _ message: String) -> [String: Any] {
        [
            "id": id, "time": "2026-01-01T00:00:00Z",
            "message": ["id": id, "default_message": message, "args": [String]()]
        ]
    }

    /// A `/api` task info for one run of `cluster`.
    public static func task(
        cluster: String, commit: String = "1", start: String, end: String? = nil, lastUpdate: String? = nil,
        status: String = "SUCCEEDED", hosts: [String: [String: Any]], names: [String: String]? = nil,
        successful: [String] = [], failed: [String] = [], skipped: [String] = [], vcenter: String = "vc"
    ) -> [String: Any] {
        var t: [String: Any] = [
            "service": "com.vmware.esx.settings.clusters.software", "operation": "stage$task",
            "target": ["type": "ClusterComputeResource", "id": cluster], "status": status, "start_time": start,
            "vcenter": vcenter,
            "result": [
                "commit": commit, "host_status": hosts,
                "host_info": (names ?? Dictionary(uniqueKeysWithValues: hosts.keys.map { ($0, $0) }))
                    .mapValues { ["name": $0] },
                "successful_hosts": successful, "failed_hosts": failed, "skipped_hosts": skipped
            ] as [String: Any]
        ]
        if let end { t["end_time"] = end }
        if let lastUpdate { t["last_update_time"] = lastUpdate }
        return t
    }
}

/// A small deterministic pseudo-random generator (the tests must not depend on the system's).
public struct LCG {
    public var state: UInt64
    public init(state: UInt64) { self.state = state }
    public mutating func next() -> UInt64 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return state >> 33
    }
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
