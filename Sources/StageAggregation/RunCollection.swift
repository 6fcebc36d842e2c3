import StageModel

/// Runs in canonical order without duplicates, for the renderers that list host outcomes
/// (JUnit): an array, or the pipeline's `StoredRuns`, which decode runs on access.
public protocol RunCollection: RandomAccessCollection where Element == StageRun, Index == Int {
    associatedtype ClusterOrder: ClusterOrderedRuns
    /// The same runs grouped by cluster: clusters in (vCenter, cluster id) byte order, each
    /// cluster's runs latest first.
    func clusterOrder() throws -> ClusterOrder
}

/// One cluster of a `ClusterOrderedRuns`: its runs are at `first..<first + runCount`.
public struct RunCluster: Sendable, Equatable {
    public var vcenter: String
    public var clusterID: String
    public var first: Int
    public var runCount: Int

    public init(vcenter: String, clusterID: String, first: Int, runCount: Int) {
        self.vcenter = vcenter
        self.clusterID = clusterID
        self.first = first
        self.runCount = runCount
    }

    public var positions: Range<Int> { first..<first + runCount }
}

/// Runs grouped by cluster (see `RunCollection.clusterOrder`); runs are decoded on access,
/// from any thread.
public protocol ClusterOrderedRuns: Sendable {
    /// In order; together they cover every position once.
    var clusters: [RunCluster] { get }
    /// Calls `body` with the runs at `range`, in order, each decoded when its turn comes.
    func forEachRun(in range: Range<Int>, _ body: (StageRun) throws -> Void) throws
}

extension ClusterOrderedRuns {
    /// The cluster name annotated on the cluster's latest run that has one.
    public func latestClusterName(_ cluster: RunCluster) throws -> String? {
        // Latest first: the first name found is the one. Only for a cluster that the summary
        // does not name, so one run at a time is fast enough.
        for position in cluster.positions {
            var name: String?
            try forEachRun(in: position..<position + 1) { name = $0.clusterName }
            if let name { return name }
        }
        return nil
    }
}

extension Array: RunCollection where Element == StageRun {
    public func clusterOrder() -> InMemoryClusterOrder { InMemoryClusterOrder(self) }
}

/// `ClusterOrderedRuns` over runs held in memory, as positions into the array.
public struct InMemoryClusterOrder: ClusterOrderedRuns {
    let runs: [StageRun]
    let order: [Int]
    public let clusters: [RunCluster]

    init(_ runs: [StageRun]) {
        var indices: [ClusterKey: [Int]] = [:]
        for (i, run) in runs.enumerated() {
            indices[ClusterKey(vcenter: run.vcenter, clusterID: run.clusterID), default: []].append(i)
        }
        let keys = indices.keys.sorted { a, b in
            a.vcenter != b.vcenter ? ByteOrder.less(a.vcenter, b.vcenter) : ByteOrder.less(a.clusterID, b.clusterID)
        }
        var order: [Int] = [], clusters: [RunCluster] = []
        for key in keys {
            let latestFirst = indices[key]!.reversed()
            clusters.append(
                RunCluster(
                    vcenter: key.vcenter, clusterID: key.clusterID, first: order.count, runCount: latestFirst.count))
            order.append(contentsOf: latestFirst)
        }
        self.runs = runs
        self.order = order
        self.clusters = clusters
    }

    public func forEachRun(in range: Range<Int>, _ body: (StageRun) throws -> Void) throws {
        for position in range { try body(runs[order[position]]) }
    }

    private struct ClusterKey: Hashable {
        var vcenter: String
        var clusterID: String
    }
}
