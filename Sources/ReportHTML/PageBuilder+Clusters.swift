import StageAggregation
import StageModel

extension PageBuilder {
    /// Nights shown in the trend chart and its table; earlier ones are counted, not drawn.
    static let maxTrendNights = 90

    func trend() -> TrendView {
        let days = Array(summary.days.suffix(PageBuilder.maxTrendNights))
        return TrendView(
            hasDays: !days.isEmpty,
            svg: days.isEmpty ? "" : TrendChart(days: days).svg(),
            rows: days.reversed().map { d in
                DayRow(
                    date: shortText(d.date), runs: ViewFormat.count(d.runs), outcomes: PageBuilder.cells(d.outcomes),
                    rate: ViewFormat.percent(d.outcomes.successRate),
                    rateValue: ViewFormat.sortValue(d.outcomes.successRate))
            },
            more: ViewFormat.more(total: summary.days.count, shown: days.count, noun: "earlier nights"))
    }

    func clusterTable() -> ClusterTable {
        let shown = rankedClusters.prefix(topN)
        return ClusterTable(
            caption: ViewFormat.count(summary.clusters.count, "cluster") + ", worst first",
            rows: shown.map { c in
                let rate = c.outcomes.successRate
                return ClusterRow(
                    name: shortText(c.name), id: shortText(c.id), showID: c.name != c.id,
                    vcenter: shortText(c.vcenter), rate: ViewFormat.percent(rate),
                    rateValue: ViewFormat.sortValue(rate), rateWidth: ViewFormat.width(rate), hasRate: rate != nil,
                    runs: ViewFormat.count(c.runs), hosts: ViewFormat.count(c.hosts),
                    outcomes: PageBuilder.cells(c.outcomes),
                    latestStart: ViewFormat.minute(c.latestRun.start),
                    latestCommit: shortText(c.latestRun.commit, none: "none"),
                    latestTask: runStatusText(c.latestRun),
                    latestRate: ViewFormat.percent(c.latestRun.outcomes.successRate))
            },
            more: ViewFormat.more(total: summary.clusters.count, shown: shown.count, noun: "clusters"))
    }

    /// Commits grouped by cluster, clusters in the same worst-first order as the cluster table,
    /// commits of one cluster in the summary's order (numeric commit ids ascending).
    func commitTable() -> CommitTable {
        var rank: [ClusterRef: Int] = [:]
        for (i, c) in rankedClusters.enumerated() { rank[ClusterRef(vcenter: c.vcenter, id: c.id)] = i }
        // Each commit's cluster is looked up once, not once per comparison, and only positions are
        // sorted: a month of a large estate has 20,000 commits, and sorting copies of them made the
        // HTML's share of the report's peak memory.
        let ranks = summary.commits.map { rank[ClusterRef(vcenter: $0.vcenter, id: $0.cluster)] ?? Int.max }
        let order = ranks.indices.sorted { ranks[$0] != ranks[$1] ? ranks[$0] < ranks[$1] : $0 < $1 }
        let shown = order.prefix(topN).map { summary.commits[$0] }
        return CommitTable(
            caption: ViewFormat.count(summary.commits.count, "commit"),
            rows: shown.map { c in
                let rate = c.outcomes.successRate
                let name = clusterName(c.vcenter, c.cluster)
                return CommitRow(
                    cluster: name, clusterID: shortText(c.cluster), showID: name != shortText(c.cluster),
                    vcenter: shortText(c.vcenter), commit: shortText(c.commit),
                    runs: ViewFormat.count(c.runs), outcomes: PageBuilder.cells(c.outcomes),
                    rate: ViewFormat.percent(rate), rateValue: ViewFormat.sortValue(rate),
                    rateWidth: ViewFormat.width(rate), hasRate: rate != nil)
            },
            more: ViewFormat.more(total: summary.commits.count, shown: shown.count, noun: "commits"))
    }

    /// Overall and per-outcome statistics, then clusters slowest first (by p95).
    func durations() -> DurationsView {
        let d = summary.durations
        let stats = [
            ("All finished", d.overall), ("Succeeded", d.succeeded), ("Failed", d.failed), ("Timed out", d.timedOut)
        ]
        .filter { $0.0 == "All finished" || $0.1.count > 0 }
        .map { PageBuilder.durationRow(label: $0.0, sublabel: "", $0.1) }
        let timed = summary.clusters.filter { $0.durations.count > 0 }.enumerated().sorted { a, b in
            let (pa, pb) = (a.element.durations.p95 ?? -1, b.element.durations.p95 ?? -1)
            return pa != pb ? pa > pb : a.offset < b.offset
        }.map(\.element)
        let shown = timed.prefix(topN)
        return DurationsView(
            hasDurations: d.overall.count > 0,
            svg: d.overall.count > 0 ? DurationChart(durations: d).svg() : "",
            buckets: DurationChart.bucketLabels.enumerated().map { i, label in
                func at(_ h: [Int]) -> String { ViewFormat.count(i < h.count ? h[i] : 0) }
                return BucketRow(
                    label: label, total: at(d.overall.histogram), succeeded: at(d.succeeded.histogram),
                    failed: at(d.failed.histogram), timedOut: at(d.timedOut.histogram))
            },
            stats: stats,
            clusters: shown.map { c in
                PageBuilder.durationRow(label: shortText(c.name), sublabel: shortText(c.vcenter), c.durations)
            },
            more: ViewFormat.more(total: timed.count, shown: shown.count, noun: "clusters with durations"))
    }

    static func durationRow(label: String, sublabel: String, _ s: DurationStats) -> DurationRow {
        DurationRow(
            label: label, sublabel: sublabel, count: ViewFormat.count(s.count),
            min: ViewFormat.duration(s.min), mean: ViewFormat.duration(s.mean),
            p50: ViewFormat.duration(s.p50), p90: ViewFormat.duration(s.p90),
            p95: ViewFormat.duration(s.p95), p99: ViewFormat.duration(s.p99), max: ViewFormat.duration(s.max),
            p50Value: String(s.p50 ?? -1), p95Value: String(s.p95 ?? -1), maxValue: String(s.max ?? -1))
    }
}
