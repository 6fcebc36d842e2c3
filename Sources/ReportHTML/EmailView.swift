import StageAggregation

/// What the e-mail digest template sees: the verdict, the figures and the few rows someone
/// reading mail needs, each list short enough that the message stays far below the ~100 KB at
/// which mail clients clip. Mail clients drop `<style>` and scripts, so the template carries
/// inline styles; colours are passed as values because there are no CSS classes to pick them.
struct EmailView {
    var title: String
    var generatedAt: String
    var verdict: VerdictView
    var verdictColor: String
    var figures: [FigureView]
    var window: WindowView
    var clusters: ClusterTable
    var failureReasons: ReasonTable
    var skipReasons: ReasonTable
    var failing: FailingTable
    var gates: GatesView
    var dataQualityNotes: String
    var rejected: String
    var hasProblems: Bool
    /// Zero or one, and first after the verdict: what changed since the previous night.
    var changes: [ChangesView]
}

extension EmailView {
    /// Rows per list in the digest; the page and summary.json have the rest.
    static let rowsPerList = 10

    init(summary: Summary, topN: Int) {
        let b = PageBuilder(summary: summary, topN: min(topN, EmailView.rowsPerList), limits: .email)
        let skipBuilder = PageBuilder(summary: summary, topN: min(topN, 5), limits: .email)
        let verdict = b.verdict()
        self.init(
            title: b.shortText(summary.title),
            generatedAt: ViewFormat.minute(summary.generatedAt),
            verdict: verdict,
            verdictColor: EmailView.color(verdict.level),
            figures: b.figures(),
            window: WindowView(
                first: ViewFormat.minute(summary.window.firstRunStart),
                last: ViewFormat.minute(summary.window.lastRunStart),
                nights: ViewFormat.count(summary.days.count, "night")),
            clusters: b.clusterTable(),
            failureReasons: b.reasonTable(
                summary.failureReasons, kind: "failure",
                outcomes: summary.outcomes.failures),
            skipReasons: skipBuilder.reasonTable(summary.skipReasons, kind: "skip", outcomes: summary.outcomes.skipped),
            failing: b.failingTable(),
            gates: b.gates(),
            dataQualityNotes: ViewFormat.count(summary.dataQuality.reduce(0) { $0 + $1.count }),
            rejected: ViewFormat.count(summary.rejected.count),
            hasProblems: !summary.dataQuality.isEmpty || !summary.rejected.isEmpty,
            changes: b.changes())
    }

    /// Okabe-Ito colours, darkened where white text must stay readable on them.
    static func color(_ level: String) -> String {
        switch level {
        case "ok": return "#00785a"
        case "attention": return "#a65c00"
        case "fail": return "#b33c00"
        default: return "#555555"
        }
    }
}
