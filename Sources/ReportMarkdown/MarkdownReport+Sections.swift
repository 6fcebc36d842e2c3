import ReportText
import StageAggregation
import StageModel

/// Clusters, reasons, durations and the nightly trend.
extension MarkdownReport {
    /// Clusters with at least one failed or timed-out outcome or run, worst success rate first,
    /// then most failures, then vCenter and id.
    var clusters: MarkdownSection? {
        let needy = summary.clustersNeedingAttention
        guard !needy.isEmpty else { return nil }
        let table = MarkdownTable([
            ("Cluster", .left), ("vCenter", .left), ("Success rate", .right), ("Failed", .right),
            ("Timed out", .right), ("Skipped", .right), ("Outcomes", .right), ("Latest run", .left)
        ])
        let lead =
            "\(MarkdownFormat.count(needy.count)) of \(MarkdownFormat.counted(summary.clusters.count, "cluster")) "
            + "had failed or timed-out hosts or runs; worst success rate first."
        return section(
            "Clusters that need attention", lead: lead, body: .table(table), total: needy.count, noun: "clusters"
        ) { i in
            let c = needy[i]
            let run = c.latestRun
            let latest =
                MarkdownReport.statusText(run.status, stage: run.stageStatus, task: run.taskStatus) + " · "
                + ReportFormatting.percent(run.outcomes.successRate) + " · " + ReportFormatting.minute(run.start)
            return table.row([
                named(c.name, id: c.id), .cell(c.vcenter, limit: 80),
                Inline(ReportFormatting.percent(c.outcomes.successRate)), count(c.outcomes.failed),
                count(c.outcomes.timedOut), count(c.outcomes.skipped), count(c.outcomes.total), Inline(latest)
            ])
        }
    }

    func reasons(_ list: [ReasonSummary], title: String, what: String, outcomes: Int) -> MarkdownSection? {
        guard !list.isEmpty else { return nil }
        let table = MarkdownTable([
            ("Reason", .left), ("Outcomes", .right), ("Hosts", .right), ("Sample message", .left)
        ])
        let lead =
            "\(MarkdownFormat.counted(list.count, "reason")) for \(MarkdownFormat.count(outcomes)) \(what) "
            + "\(outcomes == 1 ? "host outcome" : "host outcomes"); most frequent first."
        return section(title, lead: lead, body: .table(table), total: list.count, noun: "reasons") { i in
            let r = list[i]
            return table.row([.cell(r.id), count(r.count), count(r.hosts), .cell(r.message ?? "")])
        }
    }

    var durations: MarkdownSection? {
        let d = summary.durations
        guard d.overall.count > 0 else { return nil }
        let table = MarkdownTable([
            ("Outcome", .left), ("Count", .right), ("Min", .right), ("Mean", .right), ("p50", .right),
            ("p90", .right), ("p95", .right), ("p99", .right), ("Max", .right)
        ])
        var block = table.header
        for (label, s) in [
            ("all", d.overall), ("succeeded", d.succeeded), ("failed", d.failed), ("timed out", d.timedOut)
        ]
        where s.count > 0 {
            let mean = s.mean.map { Int64($0.rounded()) }
            block += table.row(
                [Inline(label), count(s.count)]
                    + [s.min, mean, s.p50, s.p90, s.p95, s.p99, s.max].map {
                        Inline(ReportFormatting.duration(milliseconds: $0))
                    })
        }
        return MarkdownSection(
            title: "Durations", lead: Inline("Host stage durations (start to end)."), block: block, seeAlso: seeAlso)
    }

    static let sparks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One glyph per night, scaled from the lowest to the highest success rate; the newest
    /// nights are kept when the line is cut.
    var trend: MarkdownSection? {
        let days = summary.days
        guard let first = days.first, let last = days.last else { return nil }
        let rates = days.map(\.outcomes.successRate)
        let known = rates.compactMap { $0 }
        let low = known.min(), high = known.max()
        func glyph(_ rate: Double?) -> String {
            guard let rate, let low, let high else { return "·" }
            let level = high - low < 1e-9 ? rate * 7 : (rate - low) / (high - low) * 7
            return String(MarkdownReport.sparks[min(7, max(0, Int(level.rounded())))])
        }
        func p(_ r: Double?) -> String { ReportFormatting.percent(r) }
        let span = "\(Inline.data(first.date).source) → \(Inline.data(last.date).source)"
        var lead =
            "Success rate per night (UTC), \(span), \(MarkdownFormat.counted(days.count, "night")): lowest \(p(low)), "
            + "highest \(p(high)), latest \(p(rates[rates.count - 1]))."
        let flat = low.flatMap { l in high.map { $0 - l < 1e-9 } } ?? true
        lead += flat ? " Scaled from 0 % (▁) to 100 % (█)" : " Scaled from lowest (▁) to highest (█)"
        lead += rates.contains(where: { $0 == nil }) ? "; · is a night without finished hosts." : "."
        return section("Nightly trend", lead: lead, body: .glyphs, total: days.count, preview: 30, noun: "nights") {
            i in
            glyph(rates[days.count - 1 - i])
        }
    }
}
