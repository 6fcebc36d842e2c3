import ReportCore
import StageAggregation
import StageModel

/// The runs of one cluster, in the order their suites are written.
struct JUnitClusterGroup {
    var vcenter: String
    var clusterID: String
    /// From the summary's cluster entry; `nil` when the summary does not know the cluster.
    var displayName: String?
    /// Indices into the runs array, latest run first.
    var runIndices: [Int]

    private struct Key: Hashable {
        var vcenter: String
        var clusterID: String
    }

    /// Clusters in (vCenter, cluster id) byte order, as in `Summary.clusters`; each cluster's
    /// runs latest first. One pass over the run identities (no run is decoded for it); only
    /// indices are kept, not the runs.
    static func groups<Runs: RunCollection>(summary: Summary, runs: Runs) -> [JUnitClusterGroup] {
        var names: [Key: String] = [:]
        for cluster in summary.clusters {
            names[Key(vcenter: cluster.vcenter, clusterID: cluster.id)] = cluster.name
        }
        var indices: [Key: [Int]] = [:]
        // Only for a cluster the summary does not know: its latest annotated name.
        var annotated: [Key: String] = [:]
        for index in runs.indices {
            let id = runs.identity(index)
            let key = Key(vcenter: id.vcenter, clusterID: id.clusterID)
            indices[key, default: []].append(index)
            if names[key] == nil, let name = runs[index].clusterName { annotated[key] = name }
        }
        let keys = indices.keys.sorted { a, b in
            a.vcenter != b.vcenter ? ByteOrder.less(a.vcenter, b.vcenter)
                : ByteOrder.less(a.clusterID, b.clusterID)
        }
        return keys.map { key in
            // Canonical order is ascending by run start: reversed, the latest run comes first.
            JUnitClusterGroup(vcenter: key.vcenter, clusterID: key.clusterID,
                              displayName: names[key] ?? annotated[key], runIndices: Array(indices[key]!.reversed()))
        }
    }
}
