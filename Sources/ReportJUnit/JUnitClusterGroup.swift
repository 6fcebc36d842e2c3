import StageAggregation
import StageModel

/// The runs of one cluster, in the order their suites are written.
struct JUnitClusterGroup {
    var vcenter: String
    var clusterID: String
    /// From the summary's cluster entry; else the latest name annotated on a run.
    var displayName: String?
    /// Where the cluster's runs are in the cluster order, latest run first.
    var positions: Range<Int>
    /// What changed in the cluster on the latest night (`JUnitChangeProperties`), in the suite of
    /// its latest run; empty when the summary does not say what changed.
    var changeProperties: [(name: String, value: String)] = []

    private struct Key: Hashable {
        var vcenter: String
        var clusterID: String
    }

    /// Clusters in (vCenter, cluster id) byte order, as in `Summary.clusters`; each cluster's
    /// runs latest first (`RunCollection.clusterOrder`). No run is decoded for it, except for a
    /// cluster that the summary does not know.
    static func groups<Order: ClusterOrderedRuns>(summary: Summary, order: Order) throws -> [JUnitClusterGroup] {
        var names: [Key: String] = [:]
        for cluster in summary.clusters {
            names[Key(vcenter: cluster.vcenter, clusterID: cluster.id)] = cluster.name
        }
        let changes = summary.changes.map(JUnitChangeProperties.init)
        return try order.clusters.map { cluster in
            let known = names[Key(vcenter: cluster.vcenter, clusterID: cluster.clusterID)]
            return JUnitClusterGroup(
                vcenter: cluster.vcenter, clusterID: cluster.clusterID,
                displayName: try known ?? order.latestClusterName(cluster), positions: cluster.positions,
                changeProperties: changes?.properties(vcenter: cluster.vcenter, cluster: cluster.clusterID) ?? [])
        }
    }
}
