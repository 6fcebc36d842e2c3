import StageAggregation
import StageModel
import Waivers

/// The waiver families (docs/outputs.md, Prometheus): written only with a waiver file, so that
/// a report without one has the same bytes as before. Series are bounded by the clusters and
/// the waiver states, never one per waiver or per host.
extension PrometheusRenderer {
    func waivers(_ s: Summary) -> [MetricFamily] {
        guard let w = s.waivers else { return [] }
        var waived = MetricFamily(
            "stage_report_waived_host_outcomes",
            help: "Failed and timed-out host outcomes an unexpired waiver waives, by outcome (still counted as such).")
        waived.add([("outcome", HostOutcome.failed.rawValue)], MetricValue.count(s.totals.waived.failed))
        waived.add([("outcome", HostOutcome.timedOut.rawValue)], MetricValue.count(s.totals.waived.timedOut))
        var waivedRuns = MetricFamily(
            "stage_report_waived_runs", help: "Failed and timed-out runs an unexpired waiver waives.")
        waivedRuns.add(MetricValue.count(s.totals.waived.runs))
        var rate = MetricFamily(
            "stage_report_success_rate_after_waivers",
            help: "The success rate the gates read: waived failures left out; absent when nothing finished.")
        rate.add(MetricValue.rate(s.outcomes.afterWaivers(s.totals.waived).successRate))
        var states = MetricFamily(
            "stage_report_waivers", help: "Waivers of the waiver file by state at generated_at; stale is separate.")
        for validity in [WaiverStanding.Validity.active, .expiringSoon, .expired] {
            states.add(
                [("state", validity.rawValue)], MetricValue.count(w.standings.count { $0.validity == validity }))
        }
        var stale = MetricFamily("stage_report_stale_waivers", help: "Waivers that matched nothing in the window.")
        stale.add(MetricValue.count(w.stale.count))
        var expired = MetricFamily(
            "stage_report_expired_waiver_matches",
            help: "Failures that only an expired waiver matched: they count against the gates again.")
        expired.add(MetricValue.count(w.expiredMatchCount))
        var clusterWaived = MetricFamily(
            "stage_report_cluster_waived_host_outcomes", help: "The cluster's waived host outcomes, by outcome.")
        var clusterRate = MetricFamily(
            "stage_report_cluster_success_rate_after_waivers",
            help: "The cluster's success rate the gates read (waived failures left out); absent when nothing finished.")
        for c in s.clusters {
            let labels: [MetricFamily.Label] = [("vcenter", c.vcenter), ("cluster", c.id), ("cluster_name", c.name)]
            clusterWaived.add(labels + [("outcome", HostOutcome.failed.rawValue)], MetricValue.count(c.waived.failed))
            clusterWaived.add(
                labels + [("outcome", HostOutcome.timedOut.rawValue)], MetricValue.count(c.waived.timedOut))
            clusterRate.add(labels, MetricValue.rate(c.outcomes.afterWaivers(c.waived).successRate))
        }
        return [waived, waivedRuns, rate, states, stale, expired, clusterWaived, clusterRate]
    }
}
