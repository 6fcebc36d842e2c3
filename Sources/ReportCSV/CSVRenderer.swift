import Files
import ReportText
import StageAggregation
import StageModel

/// Renders the summary as two CSV files for spreadsheets and BI tools: `hosts.csv`, one row per
/// host (see `HostRow`), and `clusters.csv`, one row per cluster.
///
/// RFC 4180, UTF-8 without a byte-order mark, a header row, CRLF record ends. Text from the
/// data is cleaned and guarded against formula injection (`CSVField`). Numbers are plain
/// (`0.931034`, `405.169`), times ISO 8601 UTC, so that a program reads them without a locale.
public struct CSVRenderer: Sendable {
    public static let hostsFileName = "hosts.csv"
    public static let clustersFileName = "clusters.csv"

    public static let hostColumns = [
        "vcenter", "cluster", "cluster_name", "host", "host_name", "latest_outcome", "streak",
        "failing_since", "latest_run_start", "latest_reason", "flaky", "recent_failures", "waived_by", "waiver_owner"
    ]

    public static let clusterColumns = [
        "vcenter", "cluster", "cluster_name", "runs", "runs_succeeded", "runs_failed", "runs_timed_out",
        "runs_skipped", "runs_in_progress", "runs_unknown", "hosts", "outcomes", "succeeded", "failed", "timed_out",
        "skipped", "in_progress", "unknown", "success_rate", "durations", "duration_p50_s", "duration_p90_s",
        "duration_p95_s", "duration_p99_s", "duration_max_s", "latest_run_start", "latest_run_end",
        "latest_commit", "latest_run_status", "latest_task_status", "latest_success_rate", "failing_hosts",
        "flaky_hosts", "waived_failed", "waived_timed_out", "waived_runs", "success_rate_after_waivers"
    ]

    public init() {}

    public func hosts(_ summary: Summary) -> String {
        var names: [HostKey: String] = [:]
        for c in summary.clusters { names[HostKey(vcenter: c.vcenter, cluster: c.id, host: "")] = c.name }
        var table = CSVTable(columns: Self.hostColumns)
        for row in HostRow.rows(of: summary) {
            let cluster = Self.cluster(of: row.key)
            table.append([
                CSVField.data(row.key.vcenter), CSVField.data(row.key.cluster), CSVField.data(names[cluster]),
                CSVField.data(row.key.host), CSVField.data(row.name), row.latestOutcome?.rawValue ?? "",
                row.streak.map(String.init) ?? "", row.failingSince ?? "",
                row.latestRunStart?.iso8601 ?? "", CSVField.data(row.latestReason),
                row.flaky == nil ? "false" : "true", String(row.recentFailures),
                row.latest?.latestWaivedBy.map(String.init) ?? "",
                CSVField.data(row.latest?.latestWaivedBy.flatMap { summary.waivers?.standings[$0].waiver.owner })
            ])
        }
        return table.text
    }

    public func clusters(_ summary: Summary) -> String {
        var failing: [HostKey: Int] = [:], flaky: [HostKey: Int] = [:]
        for h in summary.failingHosts { failing[Self.cluster(of: h.key), default: 0] += 1 }
        for h in summary.flakyHosts { flaky[Self.cluster(of: h.key), default: 0] += 1 }
        var table = CSVTable(columns: Self.clusterColumns)
        for c in summary.clusters {
            let key = HostKey(vcenter: c.vcenter, cluster: c.id, host: "")
            let o = c.outcomes, d = c.durations, latest = c.latestRun
            // Runs by run status, then host outcomes by outcome: both in the summary's order of kinds.
            let runs = RunStatus.allCases.map { String(c.runStatuses[$0.countedAs]) }
            let outcomes = HostOutcome.allCases.map { String(o[$0]) }
            let identity = [CSVField.data(c.vcenter), CSVField.data(c.id), CSVField.data(c.name), String(c.runs)]
            let durations = [
                Self.rate(o.successRate), String(d.count), Self.seconds(d.p50), Self.seconds(d.p90),
                Self.seconds(d.p95), Self.seconds(d.p99), Self.seconds(d.max)
            ]
            let latestRun = [
                latest.start?.iso8601 ?? "", latest.end?.iso8601 ?? "", CSVField.data(latest.commit),
                latest.status.rawValue, CSVField.data(latest.taskStatus), Self.rate(latest.outcomes.successRate)
            ]
            // Empty without a waiver file: the summary then has no waiver figures at all.
            let waived =
                summary.waivers == nil
                ? ["", "", "", ""]
                : [
                    String(c.waived.failed), String(c.waived.timedOut), String(c.waived.runs),
                    Self.rate(o.afterWaivers(c.waived).successRate)
                ]
            table.append(
                identity + runs + [String(c.hosts), String(o.total)] + outcomes + durations + latestRun
                    + [String(failing[key] ?? 0), String(flaky[key] ?? 0)] + waived)
        }
        return table.text
    }

    /// Writes DIR/hosts.csv and DIR/clusters.csv atomically; returns their paths.
    public func write(summary: Summary, to directory: String) throws -> [String] {
        let dir = directory.hasSuffix("/") ? directory : directory + "/"
        let hostsPath = dir + Self.hostsFileName, clustersPath = dir + Self.clustersFileName
        try AtomicFile.write(hosts(summary).utf8, to: hostsPath)
        try AtomicFile.write(clusters(summary).utf8, to: clustersPath)
        return [hostsPath, clustersPath]
    }

    /// A rate as a fraction with up to 6 decimals, as in summary.json; empty when there is none.
    static func rate(_ r: Double?) -> String { r.map { DecimalFormat.format($0, decimals: 6) } ?? "" }

    static func seconds(_ ms: Int64?) -> String { ms.map(DecimalFormat.seconds) ?? "" }

    /// The key of a host's cluster: (vCenter, cluster id) with an empty host id.
    static func cluster(of k: HostKey) -> HostKey { HostKey(vcenter: k.vcenter, cluster: k.cluster, host: "") }
}
