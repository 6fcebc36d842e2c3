import Files
import StageAggregation
import StageModel

/// Renders the summary as `stage-report.prom` for node_exporter's textfile collector: gauges in
/// total and per cluster, never per host, so the number of series is bounded by the clusters.
///
/// Families come in a fixed order and clusters in the summary's order (vCenter, then id), so
/// the same summary gives the same bytes. Totals and clusters are separate families
/// (`stage_report_runs`, `stage_report_cluster_runs`) so that summing a cluster family never
/// counts the totals twice.
public struct PrometheusRenderer: Sendable {
    public static let fileName = "stage-report.prom"

    /// The statistics of host durations, by the `statistic` label, as seconds. Not a `quantile`
    /// label: Prometheus keeps that for the summary type, whose `_sum` and `_count` are counters
    /// since a process started, which a report's snapshot is not.
    static func statistics(_ d: DurationStats) -> [(label: String, seconds: String?)] {
        [
            ("min", MetricValue.seconds(d.min)), ("mean", MetricValue.seconds(mean: d.mean)),
            ("p50", MetricValue.seconds(d.p50)), ("p90", MetricValue.seconds(d.p90)),
            ("p95", MetricValue.seconds(d.p95)), ("p99", MetricValue.seconds(d.p99)),
            ("max", MetricValue.seconds(d.max))
        ]
    }

    public init() {}

    public func render(_ summary: Summary) -> String {
        var families = totals(summary)
        families += inputs(summary)
        families += gates(summary)
        families += clusters(summary)
        families += waivers(summary)
        families += changes(summary)
        return families.map(\.text).joined()
    }

    /// Writes DIR/stage-report.prom atomically (by rename, as the collector requires, so it
    /// never reads a half-written file); returns the path.
    public func write(summary: Summary, to directory: String) throws -> String {
        let path = directory.hasSuffix("/") ? directory + Self.fileName : directory + "/" + Self.fileName
        try AtomicFile.write(render(summary).utf8, to: path)
        return path
    }

    private func totals(_ s: Summary) -> [MetricFamily] {
        var f: [MetricFamily] = []
        func gauge(_ name: String, _ help: String, _ value: String?) {
            var family = MetricFamily("stage_report_" + name, help: help)
            family.add(value)
            f.append(family)
        }
        gauge(
            "generated_timestamp_seconds", "When the report was generated (generated_at).",
            MetricValue.seconds(s.generatedAt.milliseconds))
        gauge("vcenters", "vCenters with a kept run.", MetricValue.count(s.totals.vcenters))
        gauge("clusters", "Clusters with a kept run.", MetricValue.count(s.totals.clusters))
        gauge("hosts", "Distinct hosts (vCenter, cluster, host).", MetricValue.count(s.totals.hosts))
        gauge("runs", "Stage runs kept after duplicates.", MetricValue.count(s.totals.runs))
        var runStatuses = MetricFamily("stage_report_runs_by_status", help: "Stage runs by run status.")
        for r in RunStatus.allCases {
            runStatuses.add([("status", r.rawValue)], MetricValue.count(s.totals.runStatuses[r.countedAs]))
        }
        f.append(runStatuses)
        gauge(
            "runs_without_hosts", "Runs without a host outcome (a task that failed before any host, say).",
            MetricValue.count(s.runsWithoutHosts.count))
        var outcomes = MetricFamily("stage_report_host_outcomes", help: "Host outcomes by outcome.")
        for o in HostOutcome.allCases { outcomes.add([("outcome", o.rawValue)], MetricValue.count(s.outcomes[o])) }
        f.append(outcomes)
        gauge(
            "success_rate", "succeeded / (succeeded + failed + timed_out); absent when nothing finished.",
            MetricValue.rate(s.totals.successRate))
        f += durations(s.durations.overall)
        gauge(
            "first_run_start_timestamp_seconds", "Start of the earliest run in the window.",
            MetricValue.seconds(s.window.firstRunStart?.milliseconds))
        gauge(
            "latest_run_start_timestamp_seconds", "Start of the latest run in the window.",
            MetricValue.seconds(s.window.lastRunStart?.milliseconds))
        return f
    }

    private func inputs(_ s: Summary) -> [MetricFamily] {
        var files = MetricFamily("stage_report_input_files", help: "Input files found.")
        files.add(MetricValue.count(s.inputs.files))
        var bytes = MetricFamily("stage_report_input_bytes", help: "Bytes of input read.")
        bytes.add(MetricValue.count(s.inputs.bytes))
        var documents = MetricFamily(
            "stage_report_documents",
            help: "Input documents by what became of them; they add up to every document found.")
        let kinds: [(String, Int)] = [
            ("run", s.inputs.runs), ("duplicate", s.inputs.duplicates), ("rejected", s.inputs.rejected),
            ("without_result", s.inputs.withoutResult), ("other_operation", s.inputs.otherOperations)
        ]
        for (kind, n) in kinds { documents.add([("disposition", kind)], MetricValue.count(n)) }
        var rejected = MetricFamily("stage_report_rejected_documents", help: "Documents rejected as unusable.")
        rejected.add(MetricValue.count(s.inputs.rejected))
        var quality = MetricFamily(
            "stage_report_data_quality_notes", help: "Data-quality notes by kind; every kind, 0 when none.")
        for kind in DataQualityKind.allCases.sorted() {
            let n = s.dataQuality.first { $0.kind == kind }?.count ?? 0
            quality.add([("kind", kind.rawValue)], MetricValue.count(n))
        }
        return [files, bytes, documents, rejected, quality]
    }

    private func gates(_ s: Summary) -> [MetricFamily] {
        var passed = MetricFamily(
            "stage_report_gate_passed", help: "Quality-gate verdicts: 1 passed, 0 failed; only the gates asked for.")
        var seen: [String: Int] = [:]
        for g in s.gates {
            // A gate given twice would make two samples of one series: the repeat is numbered.
            seen[g.name, default: 0] += 1
            let name = seen[g.name]! == 1 ? g.name : "\(g.name) (\(seen[g.name]!))"
            passed.add([("gate", name), ("threshold", g.threshold)], MetricValue.flag(g.passed))
        }
        var failed = MetricFamily(
            "stage_report_gates_failed", help: "Quality gates that failed (0 when none was asked for).")
        failed.add(MetricValue.count(s.gates.count { !$0.passed }))
        return [passed, failed]
    }

    private func clusters(_ s: Summary) -> [MetricFamily] {
        var runs = MetricFamily("stage_report_cluster_runs", help: "Stage runs of the cluster.")
        var runStatuses = MetricFamily(
            "stage_report_cluster_runs_by_status", help: "Stage runs of the cluster by run status.")
        var hosts = MetricFamily("stage_report_cluster_hosts", help: "Distinct hosts of the cluster.")
        var outcomes = MetricFamily(
            "stage_report_cluster_host_outcomes", help: "The cluster's host outcomes by outcome.")
        var rate = MetricFamily(
            "stage_report_cluster_success_rate", help: "The cluster's success rate; absent when nothing finished.")
        var latestOutcomes = MetricFamily(
            "stage_report_cluster_latest_run_host_outcomes", help: "Host outcomes of the cluster's latest run.")
        var latestRate = MetricFamily(
            "stage_report_cluster_latest_run_success_rate", help: "Success rate of the cluster's latest run.")
        var latestStart = MetricFamily(
            "stage_report_cluster_latest_run_start_timestamp_seconds", help: "Start of the cluster's latest run.")
        var failing = MetricFamily(
            "stage_report_cluster_failing_hosts", help: "Hosts of the cluster whose latest outcome failed or timed out."
        )
        var flaky = MetricFamily(
            "stage_report_cluster_flaky_hosts", help: "Hosts of the cluster that both succeeded and failed.")
        var durations = MetricFamily(
            "stage_report_cluster_host_duration_seconds",
            help: "Host durations of the cluster by statistic (min, mean, p50, p90, p95, p99, max).")
        var timed = MetricFamily(
            "stage_report_cluster_timed_host_outcomes", help: "Host outcomes of the cluster that have a duration.")
        var failingCount: [HostKey: Int] = [:], flakyCount: [HostKey: Int] = [:]
        for h in s.failingHosts { failingCount[Self.cluster(of: h.key), default: 0] += 1 }
        for h in s.flakyHosts { flakyCount[Self.cluster(of: h.key), default: 0] += 1 }
        for c in s.clusters {
            let labels: [MetricFamily.Label] = [("vcenter", c.vcenter), ("cluster", c.id), ("cluster_name", c.name)]
            let id = HostKey(vcenter: c.vcenter, cluster: c.id, host: "")
            runs.add(labels, MetricValue.count(c.runs))
            for r in RunStatus.allCases {
                runStatuses.add(labels + [("status", r.rawValue)], MetricValue.count(c.runStatuses[r.countedAs]))
            }
            hosts.add(labels, MetricValue.count(c.hosts))
            for o in HostOutcome.allCases {
                outcomes.add(labels + [("outcome", o.rawValue)], MetricValue.count(c.outcomes[o]))
            }
            rate.add(labels, MetricValue.rate(c.outcomes.successRate))
            for o in HostOutcome.allCases {
                latestOutcomes.add(labels + [("outcome", o.rawValue)], MetricValue.count(c.latestRun.outcomes[o]))
            }
            latestRate.add(labels, MetricValue.rate(c.latestRun.outcomes.successRate))
            latestStart.add(labels, MetricValue.seconds(c.latestRun.start?.milliseconds))
            failing.add(labels, MetricValue.count(failingCount[id] ?? 0))
            flaky.add(labels, MetricValue.count(flakyCount[id] ?? 0))
            for (statistic, seconds) in Self.statistics(c.durations) {
                durations.add(labels + [("statistic", statistic)], seconds)
            }
            timed.add(labels, MetricValue.count(c.durations.count))
        }
        return [
            runs, runStatuses, hosts, outcomes, rate, latestOutcomes, latestRate, latestStart, failing, flaky,
            durations, timed
        ]
    }

    /// Overall host durations: their statistics and how many outcomes have a duration.
    private func durations(_ d: DurationStats) -> [MetricFamily] {
        var statistics = MetricFamily(
            "stage_report_host_duration_seconds",
            help: "Host durations by statistic (min, mean, p50, p90, p95, p99, max).")
        for (statistic, seconds) in Self.statistics(d) { statistics.add([("statistic", statistic)], seconds) }
        var timed = MetricFamily("stage_report_timed_host_outcomes", help: "Host outcomes that have a duration.")
        timed.add(MetricValue.count(d.count))
        return [statistics, timed]
    }

    /// The key of a host's cluster: (vCenter, cluster id) with an empty host id.
    private static func cluster(of k: HostKey) -> HostKey { HostKey(vcenter: k.vcenter, cluster: k.cluster, host: "") }
}
