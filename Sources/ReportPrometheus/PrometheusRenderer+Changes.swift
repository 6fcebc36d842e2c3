import StageAggregation

/// What changed on the latest night (docs/changes.md), for alerts on new failures: written only
/// when the summary says what changed, so that a report without it has the same bytes as before.
/// Series are bounded by the kinds of change, never one per host or commit.
extension PrometheusRenderer {
    func changes(_ s: Summary) -> [MetricFamily] {
        guard let c = s.changes else { return [] }
        var newFailures = MetricFamily(
            "stage_report_new_failures",
            help:
                "Hosts and clusters that newly failed on the latest night (what --fail-on-new counts), before waivers.")
        newFailures.add(MetricValue.count(c.newFailures(includingWaived: true)))
        var afterWaivers = MetricFamily(
            "stage_report_new_failures_gated",
            help: "New failures the change gates read: with a waiver file, those no unexpired waiver waives.")
        afterWaivers.add(MetricValue.count(c.newFailures(includingWaived: false)))
        var hosts = MetricFamily(
            "stage_report_changed_hosts", help: "Hosts of the clusters staged on the latest night, by change.")
        var clusters = MetricFamily(
            "stage_report_changed_clusters", help: "Clusters staged on the latest night, by change.")
        for kind in ChangeKind.allCases {
            hosts.add([("change", kind.rawValue)], MetricValue.count(c.hostCount(kind)))
            clusters.add([("change", kind.rawValue)], MetricValue.count(c.clusterCount(kind)))
        }
        var regressions = MetricFamily(
            "stage_report_commit_regressions",
            help: "Commits whose success rate fell below the previous commit's by more than chance (docs/changes.md).")
        regressions.add(MetricValue.count(c.commitRegressions.count))
        return [newFailures, afterWaivers, hosts, clusters, regressions]
    }
}
