import JSONOutput
import StageAggregation
import StageModel

/// The `changes` member (docs/summary-json.md, "Changes"). Written only when the summary says
/// what changed, so that a summary made without a history or `--changes` has the same bytes.
extension SummaryJSONRenderer {
    static func changes(_ s: Summary, _ w: inout JSONWriter) {
        guard let c = s.changes else { return }
        w.key("changes"); w.beginObject()
        w.key("night"); w.string(c.night)
        w.key("clusters_compared"); w.int(c.clustersCompared)
        w.key("clusters"); w.int(c.clusters)
        w.key("counts"); w.beginObject()
        w.key("new_failures"); w.int(c.newFailures(includingWaived: true))
        w.key("new_failures_after_waivers"); w.int(c.newFailures(includingWaived: false))
        w.key("hosts"); kindCounts(c.hostCount, &w)
        w.key("clusters"); kindCounts(c.clusterCount, &w)
        w.key("commit_regressions"); w.int(c.commitRegressions.count)
        w.endObject()
        w.key("hosts"); w.beginArray()
        for h in c.hosts {
            w.beginObject()
            w.key("vcenter"); w.string(h.key.vcenter)
            w.key("cluster"); w.string(h.key.cluster)
            w.key("host"); w.string(h.key.host)
            w.key("name"); w.string(h.name)
            w.key("change"); w.string(h.kind.rawValue)
            w.key("outcome"); w.string(h.outcome.rawValue)
            w.key("previous"); w.string(h.previous?.rawValue)
            w.key("reason"); w.string(h.reason)
            w.key("latest"); point(h.latest, &w)
            w.key("regression"); regression(h.regression, &w)
            w.key("waived_by"); w.int(h.waivedBy.map(Int64.init))
            w.endObject()
        }
        w.endArray()
        w.key("clusters_changed"); w.beginArray()
        for cl in c.clusterChanges {
            w.beginObject()
            w.key("vcenter"); w.string(cl.vcenter)
            w.key("cluster"); w.string(cl.id)
            w.key("name"); w.string(cl.name)
            w.key("change"); w.string(cl.kind.rawValue)
            w.key("status"); w.string(cl.status.rawValue)
            w.key("failed_outright"); w.bool(cl.failedOutright)
            w.key("newly_failed_hosts"); w.int(cl.newlyFailedHosts)
            w.key("reason"); w.string(cl.reason)
            w.key("latest"); point(cl.latest, &w)
            w.key("regression"); regression(cl.regression, &w)
            w.key("waived_by"); w.int(cl.waivedBy.map(Int64.init))
            w.endObject()
        }
        w.endArray()
        w.key("commit_regressions"); w.beginObject()
        w.key("test"); w.string("one-sided Fisher exact test, Bonferroni over the commit pairs tested")
        w.key("family_level"); w.decimal(CommitRegression.familyLevel, decimals: 6)
        w.key("pairs_tested"); w.int(c.commitComparisons)
        w.key("items"); w.beginArray()
        for r in c.commitRegressions {
            w.beginObject()
            w.key("vcenter"); w.string(r.vcenter)
            w.key("cluster"); w.string(r.cluster)
            w.key("name"); w.string(r.name)
            w.key("commit"); w.string(r.commit)
            w.key("previous_commit"); w.string(r.previousCommit)
            w.key("success_rate"); rate(r.succeeded, r.finished, r.interval, &w)
            w.key("previous_success_rate"); rate(r.previousSucceeded, r.previousFinished, r.previousInterval, &w)
            w.key("p_value"); w.decimal(r.pValue, decimals: 12)
            w.key("level"); w.decimal(r.level, decimals: 12)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endObject()
    }

    private static func kindCounts(_ count: (ChangeKind) -> Int, _ w: inout JSONWriter) {
        w.beginObject()
        for kind in ChangeKind.allCases { w.key(kind.rawValue); w.int(count(kind)) }
        w.endObject()
    }

    private static func point(_ p: RunPoint?, _ w: inout JSONWriter) {
        guard let p else { return w.null() }
        w.beginObject()
        w.key("night"); w.string(p.night)
        w.key("start"); w.string(p.start?.iso8601)
        w.key("commit"); w.string(p.commit)
        w.endObject()
    }

    private static func regression(_ r: RegressionWindow?, _ w: inout JSONWriter) {
        guard let r else { return w.null() }
        w.beginObject()
        w.key("last_good"); point(r.lastGood, &w)
        w.key("first_bad"); point(r.firstBad, &w)
        w.key("whole_cluster"); w.bool(r.wholeCluster)
        w.endObject()
    }

    private static func rate(_ s: Int, _ n: Int, _ interval: ClosedRange<Double>, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("succeeded"); w.int(s)
        w.key("finished"); w.int(n)
        w.key("rate"); w.decimal(Double(s) / Double(n), decimals: 6)
        w.key("low_95"); w.decimal(interval.lowerBound, decimals: 6)
        w.key("high_95"); w.decimal(interval.upperBound, decimals: 6)
        w.endObject()
    }
}
