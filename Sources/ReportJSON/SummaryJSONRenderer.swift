import Files
import JSONOutput
import StageAggregation
import StageModel

/// Writes the summary as JSON with the member names and order of `docs/summary-json.md`.
public enum SummaryJSONRenderer {
    public static let fileName = "summary.json"

    /// The summary as JSON text, in memory.
    public static func render(_ s: Summary) -> [UInt8] {
        var w = JSONWriter()
        encode(s, into: &w)
        return (try? w.finish()) ?? []
    }

    /// Writes DIR/summary.json atomically, streaming: the text is never whole in memory.
    public static func write(_ s: Summary, to directory: String) throws(FileError) -> String {
        let path = directory + "/" + fileName
        let file = try AtomicFile(path: path)
        var w = JSONWriter(streamingTo: file)
        encode(s, into: &w)
        _ = try w.finish()
        try file.commit()
        return path
    }

    private static func encode(_ s: Summary, into w: inout JSONWriter) {
        w.beginObject()
        w.key("schema_version"); w.int(Summary.schemaVersion)
        w.key("title"); w.string(s.title)
        w.key("generated_at"); w.string(s.generatedAt.iso8601)
        w.key("inputs"); inputs(s.inputs, &w)
        w.key("window"); w.beginObject()
        w.key("first_run_start"); w.string(s.window.firstRunStart?.iso8601)
        w.key("last_run_start"); w.string(s.window.lastRunStart?.iso8601)
        w.endObject()
        w.key("totals"); w.beginObject()
        w.key("vcenters"); w.int(s.totals.vcenters)
        w.key("clusters"); w.int(s.totals.clusters)
        w.key("hosts"); w.int(s.totals.hosts)
        w.key("runs"); w.int(s.totals.runs)
        w.key("run_statuses"); outcomes(s.totals.runStatuses, &w)
        w.key("outcomes"); outcomes(s.outcomes, &w)
        w.key("success_rate"); w.decimal(s.totals.successRate, decimals: 6)
        afterWaivers(s, outcomes: s.outcomes, runStatuses: s.totals.runStatuses, waived: s.totals.waived, &w)
        w.endObject()
        changes(s, &w)
        w.key("durations");
        durations(s.durations.overall, &w) { w in
            w.key("by_outcome"); w.beginObject()
            w.key("succeeded"); durations(s.durations.succeeded, &w)
            w.key("failed"); durations(s.durations.failed, &w)
            w.key("timed_out"); durations(s.durations.timedOut, &w)
            w.endObject()
        }
        w.key("clusters"); w.beginArray()
        for c in s.clusters { cluster(c, s, &w) }
        w.endArray()
        w.key("commits"); w.beginArray()
        for c in s.commits {
            w.beginObject()
            w.key("vcenter"); w.string(c.vcenter)
            w.key("cluster"); w.string(c.cluster)
            w.key("commit"); w.string(c.commit)
            w.key("runs"); w.int(c.runs)
            w.key("run_statuses"); outcomes(c.runStatuses, &w)
            w.key("outcomes"); outcomes(c.outcomes, &w)
            w.key("success_rate"); w.decimal(c.outcomes.successRate, decimals: 6)
            afterWaivers(s, outcomes: c.outcomes, runStatuses: c.runStatuses, waived: c.waived, &w)
            w.endObject()
        }
        w.endArray()
        w.key("days"); w.beginArray()
        for d in s.days {
            w.beginObject()
            w.key("date"); w.string(d.date)
            w.key("runs"); w.int(d.runs)
            w.key("run_statuses"); outcomes(d.runStatuses, &w)
            w.key("outcomes"); outcomes(d.outcomes, &w)
            w.key("success_rate"); w.decimal(d.outcomes.successRate, decimals: 6)
            afterWaivers(s, outcomes: d.outcomes, runStatuses: d.runStatuses, waived: d.waived, &w)
            w.endObject()
        }
        w.endArray()
        w.key("skip_reasons"); reasons(s.skipReasons, &w)
        w.key("failure_reasons"); reasons(s.failureReasons, &w)
        w.key("run_failure_reasons"); w.beginArray()
        for r in s.runFailureReasons {
            w.beginObject()
            w.key("id"); w.string(r.id)
            w.key("runs"); w.int(r.runs)
            w.key("clusters"); w.int(r.clusters)
            w.key("message"); w.string(r.message)
            w.endObject()
        }
        w.endArray()
        w.key("warnings"); w.beginArray()
        for r in s.warnings {
            w.beginObject()
            w.key("id"); w.string(r.id)
            w.key("count"); w.int(r.count)
            w.key("runs"); w.int(r.runs)
            w.key("hosts"); w.int(r.hosts)
            w.key("message"); w.string(r.message)
            w.endObject()
        }
        w.endArray()
        w.key("runs_without_hosts"); w.beginArray()
        for r in s.runsWithoutHosts {
            w.beginObject()
            w.key("vcenter"); w.string(r.vcenter)
            w.key("cluster"); w.string(r.cluster)
            w.key("name"); w.string(r.name)
            w.key("commit"); w.string(r.commit)
            w.key("start"); w.string(r.start?.iso8601)
            w.key("status"); w.string(r.status.rawValue)
            w.key("stage_status"); w.string(r.stageStatus)
            w.key("task_status"); w.string(r.taskStatus)
            w.key("reason"); w.string(r.reason?.id)
            w.key("message"); w.string(r.reason?.message)
            if s.waivers != nil { w.key("waived_by"); w.int(r.waivedBy.map(Int64.init)) }
            w.endObject()
        }
        w.endArray()
        w.key("flaky_hosts"); w.beginArray()
        for h in s.flakyHosts {
            w.beginObject()
            hostKey(h.key, h.name, &w)
            w.key("outcomes"); w.int(h.outcomes)
            w.key("succeeded"); w.int(h.succeeded)
            w.key("failed"); w.int(h.failed)
            w.endObject()
        }
        w.endArray()
        w.key("failing_hosts"); w.beginArray()
        for h in s.failingHosts {
            w.beginObject()
            hostKey(h.key, h.name, &w)
            w.key("streak"); w.int(h.streak)
            w.key("latest_outcome"); w.string(h.latestOutcome.rawValue)
            w.key("latest_run_start"); w.string(h.latestRunStart?.iso8601)
            w.key("latest_reason"); w.string(h.latestReason)
            w.endObject()
        }
        w.endArray()
        w.key("host_nights"); w.beginArray()
        // The same few dates for every host: each is formatted once.
        var dates: [Int32: String] = [:]
        for h in s.hostNights {
            w.beginObject()
            hostKey(h.key, h.name, &w)
            w.key("failed"); w.int(h.failed)
            // [date, latest outcome, outcomes that night]: compact, there is one per host per night.
            w.key("nights"); w.beginArray()
            for n in h.nights {
                w.beginCompactRow()
                if let date = dates[n.day] {
                    w.compactString(date)
                } else {
                    let date = n.date
                    dates[n.day] = date
                    w.compactString(date)
                }
                w.compactString(n.latest.rawValue)
                w.compactInt(n.outcomes.total)
                w.endCompactRow()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.key("data_quality"); w.beginArray()
        for q in s.dataQuality {
            w.beginObject()
            w.key("kind"); w.string(q.kind.rawValue)
            w.key("count"); w.int(q.count)
            w.key("examples"); w.beginArray()
            for e in q.examples { w.string(e) }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.key("rejected"); w.beginArray()
        for r in s.rejected {
            w.beginObject()
            w.key("source"); w.string(r.source.description)
            w.key("reason"); w.string(r.reason)
            w.endObject()
        }
        w.endArray()
        waivers(s, &w)
        if !s.gates.isEmpty {
            w.key("gates"); w.beginArray()
            for g in s.gates {
                w.beginObject()
                w.key("gate"); w.string(g.name)
                w.key("threshold"); w.string(g.threshold)
                w.key("measured"); w.string(g.measured)
                w.key("passed"); w.bool(g.passed)
                w.key("detail"); w.string(g.detail)
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
    }

    private static func inputs(_ i: InputCounts, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("files"); w.int(i.files)
        w.key("documents"); w.int(i.documents)
        w.key("runs"); w.int(i.runs)
        w.key("duplicates"); w.int(i.duplicates)
        w.key("rejected"); w.int(i.rejected)
        w.key("without_result"); w.int(i.withoutResult)
        w.key("other_operations"); w.int(i.otherOperations)
        w.key("bytes"); w.int(i.bytes)
        w.endObject()
    }

    static func outcomes(_ o: OutcomeCounts, _ w: inout JSONWriter) {
        w.beginObject()
        for outcome in HostOutcome.allCases {
            w.key(outcome.rawValue); w.int(o[outcome])
        }
        w.endObject()
    }

    private static func durations(_ d: DurationStats, _ w: inout JSONWriter, extra: ((inout JSONWriter) -> Void)? = nil)
    {
        w.beginObject()
        w.key("count"); w.int(d.count)
        w.key("min_s"); w.seconds(milliseconds: d.min)
        w.key("mean_s"); w.decimal(d.mean.map { $0 / 1_000 }, decimals: 3)
        w.key("p50_s"); w.seconds(milliseconds: d.p50)
        w.key("p90_s"); w.seconds(milliseconds: d.p90)
        w.key("p95_s"); w.seconds(milliseconds: d.p95)
        w.key("p99_s"); w.seconds(milliseconds: d.p99)
        w.key("max_s"); w.seconds(milliseconds: d.max)
        w.key("histogram"); w.beginArray()
        for (i, n) in d.histogram.enumerated() {
            w.beginObject()
            w.key("le_s")
            if i < DurationStats.bucketBoundsSeconds.count {
                w.int(DurationStats.bucketBoundsSeconds[i])
            } else {
                w.null()
            }
            w.key("count"); w.int(n)
            w.endObject()
        }
        w.endArray()
        extra?(&w)
        w.endObject()
    }

    private static func cluster(_ c: ClusterSummary, _ s: Summary, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("vcenter"); w.string(c.vcenter)
        w.key("id"); w.string(c.id)
        w.key("name"); w.string(c.name)
        w.key("runs"); w.int(c.runs)
        w.key("run_statuses"); outcomes(c.runStatuses, &w)
        w.key("hosts"); w.int(c.hosts)
        w.key("outcomes"); outcomes(c.outcomes, &w)
        w.key("success_rate"); w.decimal(c.outcomes.successRate, decimals: 6)
        afterWaivers(s, outcomes: c.outcomes, runStatuses: c.runStatuses, waived: c.waived, &w)
        w.key("durations"); durations(c.durations, &w)
        w.key("latest_run"); w.beginObject()
        w.key("start"); w.string(c.latestRun.start?.iso8601)
        w.key("end"); w.string(c.latestRun.end?.iso8601)
        w.key("commit"); w.string(c.latestRun.commit)
        w.key("status"); w.string(c.latestRun.status.rawValue)
        w.key("stage_status"); w.string(c.latestRun.stageStatus)
        w.key("task_status"); w.string(c.latestRun.taskStatus)
        w.key("reason"); w.string(c.latestRun.reason?.id)
        w.key("message"); w.string(c.latestRun.reason?.message)
        w.key("outcomes"); outcomes(c.latestRun.outcomes, &w)
        w.key("success_rate"); w.decimal(c.latestRun.outcomes.successRate, decimals: 6)
        w.endObject()
        w.endObject()
    }

    private static func reasons(_ list: [ReasonSummary], _ w: inout JSONWriter) {
        w.beginArray()
        for r in list {
            w.beginObject()
            w.key("id"); w.string(r.id)
            w.key("count"); w.int(r.count)
            w.key("hosts"); w.int(r.hosts)
            w.key("message"); w.string(r.message)
            w.key("resolution"); w.string(r.resolution)
            w.endObject()
        }
        w.endArray()
    }

    private static func hostKey(_ k: HostKey, _ name: String, _ w: inout JSONWriter) {
        w.key("vcenter"); w.string(k.vcenter)
        w.key("cluster"); w.string(k.cluster)
        w.key("host"); w.string(k.host)
        w.key("name"); w.string(name)
    }
}
