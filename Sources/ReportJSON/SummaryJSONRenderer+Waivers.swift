import JSONOutput
import StageAggregation
import StageModel
import Waivers

/// The members a waiver file adds (docs/summary-json.md, "Waivers"). Written only when the
/// summary has waivers, so that a summary made without `--waivers` has the same bytes as before.
extension SummaryJSONRenderer {
    /// A grouping's figures after waivers, beside its raw `outcomes` and `run_statuses`.
    static func afterWaivers(
        _ s: Summary, outcomes o: OutcomeCounts, runStatuses r: OutcomeCounts, waived: WaivedCounts,
        _ w: inout JSONWriter
    ) {
        guard s.waivers != nil else { return }
        let after = o.afterWaivers(waived)
        w.key("after_waivers"); w.beginObject()
        w.key("waived_failed"); w.int(waived.failed)
        w.key("waived_timed_out"); w.int(waived.timedOut)
        w.key("waived_runs"); w.int(waived.runs)
        w.key("waived_runs_without_hosts"); w.int(waived.runsWithoutHosts)
        w.key("failed"); w.int(after.failed)
        w.key("timed_out"); w.int(after.timedOut)
        w.key("failed_runs"); w.int(r.failures - waived.runs)
        w.key("success_rate"); w.decimal(after.successRate, decimals: 6)
        w.endObject()
    }

    /// `waiver_file`, `waivers[]`, `waived` and `expired_waiver_matches`.
    static func waivers(_ s: Summary, _ w: inout JSONWriter) {
        guard let summary = s.waivers else { return }
        w.key("waiver_file"); w.string(summary.file)
        w.key("waivers"); w.beginArray()
        for standing in summary.standings {
            let waiver = standing.waiver
            w.beginObject()
            w.key("position"); w.int(waiver.position)
            w.key("line"); w.int(waiver.line)
            w.key("match"); w.beginObject()
            for term in waiver.match.terms {
                w.key(term.key.rawValue); w.string(term.pattern.source)
            }
            w.endObject()
            w.key("match_summary"); w.string(waiver.match.summary)
            w.key("owner"); w.string(waiver.owner)
            w.key("ticket"); w.string(waiver.ticket)
            w.key("justification"); w.string(waiver.justification)
            w.key("expires"); w.string(waiver.expires.description)
            w.key("validity"); w.string(standing.validity.rawValue)
            w.key("days_left"); w.int(Int(standing.daysLeft))
            w.key("waived_host_outcomes"); w.int(standing.tally.waivedHostOutcomes)
            w.key("waived_runs"); w.int(standing.tally.waivedRuns)
            w.key("expired_host_outcomes"); w.int(standing.tally.expiredHostOutcomes)
            w.key("expired_runs"); w.int(standing.tally.expiredRuns)
            w.key("stale"); w.bool(standing.isStale)
            w.endObject()
        }
        w.endArray()
        w.key("waived"); hits(summary.waived, count: summary.waivedCount, &w)
        w.key("expired_waiver_matches"); hits(summary.expiredMatches, count: summary.expiredMatchCount, &w)
    }

    private static func hits(_ list: [WaiverHit], count: Int, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("count"); w.int(count)
        w.key("items"); w.beginArray()
        for h in list {
            w.beginObject()
            w.key("vcenter"); w.string(h.vcenter)
            w.key("cluster"); w.string(h.cluster)
            w.key("cluster_name"); w.string(h.clusterName)
            w.key("host"); w.string(h.host)
            w.key("name"); w.string(h.hostName)
            w.key("commit"); w.string(h.commit)
            w.key("start"); w.string(h.start?.iso8601)
            w.key("outcome"); w.string(h.outcome)
            w.key("reason"); w.string(h.reason)
            w.key("waiver"); w.int(h.waiver)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}
