import StageAggregation
import ReportText
import StageModel

/// Builds the page's view model from a summary. Lists are cut to `topN` rows, each cut
/// announced by a "N more in summary.json" line.
struct PageBuilder {
    let summary: Summary
    let topN: Int
    let limits: TextLimits
    /// Per-night outcomes of the hosts that failed; empty while the summary does not carry them.
    let hostNights: [HostNightsInput]
    /// Display names of clusters, for tables keyed by cluster id.
    let clusterNames: [ClusterRef: String]
    /// Clusters worst first (see `rank`), shared by the cluster, commit and verdict parts.
    let rankedClusters: [ClusterSummary]

    struct ClusterRef: Hashable {
        var vcenter: String
        var id: String
    }

    /// How many characters of data text a cell shows; the rest is in summary.json. Caps keep the
    /// page size bounded by top-N alone, whatever a single document carries.
    struct TextLimits {
        var short: Int
        var long: Int
        static let page = TextLimits(short: 200, long: 600)
        static let email = TextLimits(short: 80, long: 160)
    }

    init(summary: Summary, topN: Int, limits: TextLimits = .page, hostNights: [HostNightsInput] = []) {
        self.summary = summary
        self.topN = max(1, topN)
        self.limits = limits
        self.hostNights = hostNights
        var names: [ClusterRef: String] = [:]
        for c in summary.clusters { names[ClusterRef(vcenter: c.vcenter, id: c.id)] = c.name }
        clusterNames = names
        rankedClusters = PageBuilder.rank(summary.clusters)
    }

    func build(csp: String, script: String) -> PageView {
        PageView(
            title: shortText(summary.title),
            generatedAt: ViewFormat.minute(summary.generatedAt),
            csp: csp,
            script: script,
            topN: ViewFormat.count(topN),
            verdict: verdict(),
            figures: figures(),
            window: WindowView(
                first: ViewFormat.minute(summary.window.firstRunStart),
                last: ViewFormat.minute(summary.window.lastRunStart),
                nights: ViewFormat.count(summary.days.count, "night")),
            inputs: inputs(),
            legend: HostOutcome.allCases.map { LegendItem(cls: ViewFormat.cssClass($0), label: ViewFormat.label($0)) },
            trend: trend(),
            clusters: clusterTable(),
            commits: commitTable(),
            failureReasons: reasonTable(
                summary.failureReasons, kind: "failure",
                outcomes: summary.outcomes.failures),
            skipReasons: reasonTable(summary.skipReasons, kind: "skip", outcomes: summary.outcomes.skipped),
            durations: durations(),
            flaky: flakyTable(),
            failing: failingTable(),
            grid: grid(),
            quality: quality(),
            gates: gates(),
            runs: runs(),
            waivers: waivers(),
            changes: changes())
    }

    // MARK: Shared pieces

    /// Names, ids and other short data text, cleaned and capped.
    func shortText(_ s: String) -> String { ViewFormat.text(s, limit: limits.short) }
    func shortText(_ s: String?, none: String) -> String { s.map(shortText) ?? none }
    /// Messages, resolutions, sources and reasons.
    func longText(_ s: String) -> String { ViewFormat.text(s, limit: limits.long) }
    func longText(_ s: String?, none: String) -> String { s.map(longText) ?? none }

    /// A run status with the raw statuses it came from: `failed (stage ERROR, task FAILED)`.
    func runStatusText(_ run: RunBrief) -> String {
        runStatusText(run.status, stage: run.stageStatus, task: run.taskStatus)
    }

    func runStatusText(_ status: RunStatus, stage: String?, task: String?) -> String {
        ReportFormatting.runStatus(status, stage: stage, task: task) { shortText($0) }
    }

    func clusterName(_ vcenter: String, _ id: String) -> String {
        shortText(clusterNames[ClusterRef(vcenter: vcenter, id: id)] ?? id)
    }

    func host(_ key: HostKey, name: String) -> HostCell {
        HostCell(
            name: shortText(name), hostID: shortText(key.host), showID: name != key.host,
            cluster: clusterName(key.vcenter, key.cluster), vcenter: shortText(key.vcenter))
    }

    static func cells(_ o: OutcomeCounts) -> OutcomeCells {
        OutcomeCells(
            succeeded: ViewFormat.count(o.succeeded), failed: ViewFormat.count(o.failed),
            timedOut: ViewFormat.count(o.timedOut), skipped: ViewFormat.count(o.skipped),
            inProgress: ViewFormat.count(o.inProgress), unknown: ViewFormat.count(o.unknown),
            failedValue: o.failed, timedOutValue: o.timedOut)
    }

    /// Clusters worst first: those whose latest run failed without any host result, then lowest
    /// success rate, then most failures; clusters without a rate (nothing finished) after those
    /// with one. Ties keep the summary's (vCenter, id) order.
    static func rank(_ clusters: [ClusterSummary]) -> [ClusterSummary] {
        // A cluster whose latest stage failed before reaching any host has no rate to rank by;
        // it goes first, since nothing of it staged.
        func failedOutright(_ c: ClusterSummary) -> Bool {
            c.latestRun.status.isFailure && c.latestRun.outcomes.total == 0
        }
        return clusters.enumerated().sorted { a, b in
            let (oa, ob) = (failedOutright(a.element), failedOutright(b.element))
            if oa != ob { return oa }
            let (ra, rb) = (a.element.outcomes.successRate, b.element.outcomes.successRate)
            if (ra == nil) != (rb == nil) { return ra != nil }
            if let ra, let rb, ra != rb { return ra < rb }
            let fa = a.element.outcomes.failures
            let fb = b.element.outcomes.failures
            if fa != fb { return fa > fb }
            return a.offset < b.offset
        }.map(\.element)
    }
}
