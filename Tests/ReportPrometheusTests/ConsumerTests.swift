import Foundation
import ReportPrometheus
import StageAggregation
import StageModel
import Testing
import TestHelpers

/// `promtool check metrics` accepts the file, and the official Python client's parser reads
/// every value the summary has, with the labels unescaped to the data's text.
@Suite struct ConsumerTests {
    @Test func promtoolAcceptsTheFile() throws {
        let promtool = try ExternalTool.promtool.require()
        for (name, summary) in try Fixtures.summaries() {
            try withTemporaryDirectory("prom") { dir in
                let path = try PrometheusRenderer().write(summary: summary, to: dir.path)
                let result = try ProcessRunner.run(
                    executable: promtool, ["check", "metrics"], stdin: path, timeout: 120)
                // promtool prints lint problems and exits 1 (3 for a file it cannot parse).
                #expect(result.exitCode == 0, "\(name): \(result.stdout)\(result)")
                #expect(result.stdout.isEmpty, "\(name): \(result.stdout)")
            }
        }
    }

    @Test func promtoolRejectsABrokenFile() throws {
        let promtool = try ExternalTool.promtool.require()
        try withTemporaryDirectory("prom") { dir in
            let path = try dir.write("bad.prom", "stage_report_runs{cluster=\"a\"b\"} 1\n")
            let result = try ProcessRunner.run(executable: promtool, ["check", "metrics"], stdin: path, timeout: 120)
            #expect(result.exitCode != 0, "promtool must fail on a label that breaks out of its quotes")
        }
    }

    @Test func pythonClientReadsTheSummary() throws {
        try ExternalTool.pythonPrometheusClient.require()
        for (name, summary) in try Fixtures.summaries() {
            let families = try parse(summary)
            try expect(families, equal: summary, name)
        }
    }

    /// A value off by one in the summary must show: the comparison reads real numbers.
    @Test func aWrongValueIsNoticed() throws {
        try ExternalTool.pythonPrometheusClient.require()
        var summary = try FleetSummaries.shared()
        let families = try parse(summary)
        summary.outcomes.failed += 1
        summary.clusters[0].runs += 1
        withKnownIssue("the summary was changed after rendering") {
            try expect(families, equal: summary, "tampered")
        }
    }

    private func parse(_ summary: Summary) throws -> [String: ParsedFamily] {
        try withTemporaryDirectory("prom") { dir in
            try PythonParser.parse(try PrometheusRenderer().write(summary: summary, to: dir.path))
        }
    }

    private func expect(_ f: [String: ParsedFamily], equal s: Summary, _ name: String) throws {
        func value(_ family: String, _ labels: [String: String] = [:]) -> Double? {
            f[family]?.samples.first { $0.labels == labels }?.value
        }
        for family in f.values {
            #expect(family.type == "gauge", "\(name): \(family.name)")
            #expect(!family.help.isEmpty, "\(name): \(family.name)")
            #expect(family.name.hasPrefix("stage_report_"))
            #expect(family.samples.allSatisfy { $0.timestamp == nil }, "\(name): \(family.name) has timestamps")
        }
        #expect(value("stage_report_runs") == Double(s.totals.runs), "\(name)")
        for r in RunStatus.allCases {
            let runs = value("stage_report_runs_by_status", ["status": r.rawValue])
            #expect(runs == Double(s.totals.runStatuses[r.countedAs]), "\(name): runs \(r)")
        }
        #expect(value("stage_report_runs_without_hosts") == Double(s.runsWithoutHosts.count), "\(name)")
        #expect(value("stage_report_hosts") == Double(s.totals.hosts), "\(name)")
        #expect(value("stage_report_clusters") == Double(s.totals.clusters), "\(name)")
        for o in HostOutcome.allCases {
            #expect(value("stage_report_host_outcomes", ["outcome": o.rawValue]) == Double(s.outcomes[o]), "\(name)")
        }
        try expectRate(value("stage_report_success_rate"), s.totals.successRate, name)
        #expect(value("stage_report_rejected_documents") == Double(s.inputs.rejected), "\(name)")
        let documents = f["stage_report_documents"]?.samples.reduce(0) { $0 + $1.value }
        #expect(
            documents
                == Double(
                    s.inputs.runs + s.inputs.duplicates + s.inputs.rejected + s.inputs.withoutResult
                        + s.inputs.otherOperations), "\(name)")
        for q in s.dataQuality {
            #expect(value("stage_report_data_quality_notes", ["kind": q.kind.rawValue]) == Double(q.count), "\(name)")
        }
        #expect(
            value("stage_report_host_duration_seconds", ["statistic": "p50"])
                == s.durations.overall.p50.map(Self.seconds))
        #expect(
            value("stage_report_host_duration_seconds", ["statistic": "max"])
                == s.durations.overall.max.map(Self.seconds))
        #expect(
            value("stage_report_latest_run_start_timestamp_seconds")
                == s.window.lastRunStart.map { Self.seconds($0.milliseconds) })
        // Gates: one sample each, failed ones counted.
        #expect(f["stage_report_gate_passed"]?.samples.count == s.gates.count, "\(name)")
        #expect(
            f["stage_report_gate_passed"]?.samples.filter { $0.value == 0 }.count == s.gates.count { !$0.passed })
        #expect(value("stage_report_gates_failed") == Double(s.gates.count { !$0.passed }), "\(name)")
        try expectClusters(f, equal: s, name)
        try expectWaivers(f, equal: s, name)
        expectChanges(f, equal: s, name)
    }

    /// The change families: present exactly when the summary says what changed, with its counts.
    private func expectChanges(_ f: [String: ParsedFamily], equal s: Summary, _ name: String) {
        let families = f.keys.filter { $0.contains("change") || $0.contains("new_failures") || $0.contains("regress") }
        guard let c = s.changes else {
            #expect(families.isEmpty, "\(name): change families without changes")
            return
        }
        func value(_ family: String, _ labels: [String: String] = [:]) -> Double? {
            f[family]?.samples.first { $0.labels == labels }?.value
        }
        #expect(value("stage_report_new_failures") == Double(c.newFailures(includingWaived: true)), "\(name)")
        #expect(value("stage_report_new_failures_gated") == Double(c.newFailures(includingWaived: false)), "\(name)")
        for kind in ChangeKind.allCases {
            #expect(value("stage_report_changed_hosts", ["change": kind.rawValue]) == Double(c.hostCount(kind)))
            #expect(value("stage_report_changed_clusters", ["change": kind.rawValue]) == Double(c.clusterCount(kind)))
        }
        #expect(value("stage_report_commit_regressions") == Double(c.commitRegressions.count), "\(name)")
    }

    /// The waiver families: present exactly when the summary has waivers, with its figures.
    private func expectWaivers(_ f: [String: ParsedFamily], equal s: Summary, _ name: String) throws {
        let families = f.keys.filter { $0.contains("waive") }
        guard let w = s.waivers else {
            #expect(families.isEmpty, "\(name): waiver families without a waiver file")
            return
        }
        func value(_ family: String, _ labels: [String: String] = [:]) -> Double? {
            f[family]?.samples.first { $0.labels == labels }?.value
        }
        #expect(value("stage_report_waived_host_outcomes", ["outcome": "failed"]) == Double(s.totals.waived.failed))
        #expect(
            value("stage_report_waived_host_outcomes", ["outcome": "timed_out"]) == Double(s.totals.waived.timedOut))
        #expect(value("stage_report_waived_runs") == Double(s.totals.waived.runs))
        #expect(value("stage_report_waivers", ["state": "expired"]) == Double(w.expired.count))
        #expect(value("stage_report_waivers", ["state": "expiring_soon"]) == Double(w.expiringSoon.count))
        #expect(f["stage_report_waivers"]?.samples.reduce(0) { $0 + $1.value } == Double(w.standings.count))
        #expect(value("stage_report_stale_waivers") == Double(w.stale.count))
        #expect(value("stage_report_expired_waiver_matches") == Double(w.expiredMatchCount))
        // The rate the gates read, computed here: waived failures leave the denominator.
        let o = s.outcomes, waived = s.totals.waived
        let finished = o.succeeded + o.failed + o.timedOut - waived.hostOutcomes
        try expectRate(
            value("stage_report_success_rate_after_waivers"),
            finished == 0 ? nil : Double(o.succeeded) / Double(finished), name)
        let perCluster = f["stage_report_cluster_waived_host_outcomes"]?.samples.reduce(0) { $0 + $1.value }
        #expect(perCluster == Double(waived.hostOutcomes), "\(name): the clusters add up to the totals")
    }

    private func expectClusters(_ f: [String: ParsedFamily], equal s: Summary, _ name: String) throws {
        // Bounded by clusters: one sample per cluster (and outcome), never per host.
        #expect(f["stage_report_cluster_runs"]?.samples.count == s.clusters.count, "\(name)")
        #expect(f["stage_report_cluster_host_outcomes"]?.samples.count == s.clusters.count * 6, "\(name)")
        for c in s.clusters {
            let labels = [
                "vcenter": Fixtures.label(c.vcenter), "cluster": Fixtures.label(c.id),
                "cluster_name": Fixtures.label(c.name)
            ]
            func value(_ family: String, _ extra: [String: String] = [:]) -> Double? {
                f[family]?.samples.first { $0.labels == labels.merging(extra) { a, _ in a } }?.value
            }
            #expect(value("stage_report_cluster_runs") == Double(c.runs), "\(name): \(c.id.debugDescription)")
            #expect(value("stage_report_cluster_hosts") == Double(c.hosts), "\(name): \(c.id.debugDescription)")
            for r in RunStatus.allCases {
                #expect(
                    value("stage_report_cluster_runs_by_status", ["status": r.rawValue])
                        == Double(c.runStatuses[r.countedAs]))
            }
            for o in HostOutcome.allCases {
                #expect(value("stage_report_cluster_host_outcomes", ["outcome": o.rawValue]) == Double(c.outcomes[o]))
                #expect(
                    value("stage_report_cluster_latest_run_host_outcomes", ["outcome": o.rawValue])
                        == Double(c.latestRun.outcomes[o]))
            }
            try expectRate(value("stage_report_cluster_success_rate"), c.outcomes.successRate, name)
            #expect(
                value("stage_report_cluster_host_duration_seconds", ["statistic": "p95"])
                    == c.durations.p95.map(Self.seconds))
            #expect(
                value("stage_report_cluster_latest_run_start_timestamp_seconds")
                    == c.latestRun.start.map { Self.seconds($0.milliseconds) })
        }
        let total = f["stage_report_cluster_host_outcomes"]?.samples.reduce(0) { $0 + $1.value }
        #expect(total == Double(s.outcomes.total), "\(name): the clusters add up to the totals")
        #expect(
            f["stage_report_cluster_failing_hosts"]?.samples.reduce(0) { $0 + $1.value } == Double(s.failingHosts.count)
        )
    }

    private func expectRate(_ read: Double?, _ exact: Double?, _ name: String) throws {
        #expect((read == nil) == (exact == nil), "\(name): a rate is absent exactly when there is none")
        if let read, let exact { #expect(abs(read - exact) <= 5e-7, "\(name)") }
    }

    static func seconds(_ ms: Int64) -> Double { Double(ms) / 1_000 }
}
