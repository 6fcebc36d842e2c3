/// What the page template sees. Everything is a stored, pre-formatted value, looked up through
/// each view's table of its stored properties (`TemplateFields`, checked against `Mirror` by a
/// test); swift-mustache renders a missing key as nothing, silently.
///
/// There are no `Optional`s on purpose. swift-mustache treats a `nil` member like a missing one
/// and keeps looking in the enclosing objects, so `{{#more}}` on a table without a "more" line
/// could pick up another table's. Optional parts are arrays of zero or one element instead.
struct PageView {
    var title: String
    var generatedAt: String
    /// The whole Content-Security-Policy, including the script's hash.
    var csp: String
    /// The inline script, exactly as hashed; inserted unescaped (it contains no data).
    var script: String
    var topN: String
    var verdict: VerdictView
    var figures: [FigureView]
    var window: WindowView
    var inputs: [FigureView]
    var legend: [LegendItem]
    var trend: TrendView
    var clusters: ClusterTable
    var commits: CommitTable
    var failureReasons: ReasonTable
    var skipReasons: ReasonTable
    var durations: DurationsView
    var flaky: FlakyTable
    var failing: FailingTable
    /// Zero or one grid: shown only when the summary has per-night host outcomes.
    var grid: [GridView]
    var quality: QualityView
    var gates: GatesView
    var runs: RunsView
    /// Zero or one: only with a waiver file.
    var waivers: [WaiversView]
    /// Zero or one: only when the summary says what changed.
    var changes: [ChangesView]
}

struct VerdictView {
    /// `ok`, `attention`, `fail` or `empty`: a CSS class; `label` is the word shown next to it.
    var level: String
    var label: String
    var headline: String
    var details: [String]
}

struct FigureView {
    /// The summary.json member the figure comes from, as a `data-figure` attribute.
    var key: String
    var label: String
    var value: String
    var note: String
    /// `bad` when the figure is a count of problems above zero, else empty.
    var level: String
}

struct WindowView {
    var first: String
    var last: String
    /// `3 nights`.
    var nights: String
}

struct LegendItem {
    var cls: String
    var label: String
}

struct TrendView {
    var hasDays: Bool
    var svg: String
    var rows: [DayRow]
    var more: [MoreView]
}

struct DayRow {
    var date: String
    var runs: String
    var outcomes: OutcomeCells
    var rate: String
    var rateValue: String
}

/// The six outcome counts of a row, formatted.
struct OutcomeCells {
    var succeeded: String
    var failed: String
    var timedOut: String
    var skipped: String
    var inProgress: String
    var unknown: String
    var failedValue: Int
    var timedOutValue: Int
}

struct ClusterTable {
    var caption: String
    var rows: [ClusterRow]
    var more: [MoreView]
}

struct ClusterRow {
    var name: String
    var id: String
    /// The id is shown under the name only when they differ.
    var showID: Bool
    var vcenter: String
    var rate: String
    var rateValue: String
    var rateWidth: String
    /// False when nothing finished: the bar is drawn empty instead of as 0 %.
    var hasRate: Bool
    var runs: String
    var hosts: String
    var outcomes: OutcomeCells
    var latestStart: String
    var latestCommit: String
    var latestTask: String
    var latestRate: String
}

struct CommitTable {
    var caption: String
    var rows: [CommitRow]
    var more: [MoreView]
}

struct CommitRow {
    var cluster: String
    var clusterID: String
    var showID: Bool
    var vcenter: String
    var commit: String
    var runs: String
    var outcomes: OutcomeCells
    var rate: String
    var rateValue: String
    var rateWidth: String
    var hasRate: Bool
}

struct ReasonTable {
    /// `failure` or `skip`: element ids and the filter label.
    var kind: String
    /// `2 distinct reasons over 3 host outcomes.`
    var overview: String
    var rows: [ReasonRow]
    var more: [MoreView]
}

struct ReasonRow {
    var rank: String
    var reasonID: String
    var count: String
    var countValue: Int
    var share: String
    var shareWidth: String
    var cumulative: String
    var hosts: String
    /// `3 outcomes on 2 hosts`, for running text.
    var spread: String
    var message: String
    var resolution: String
}

struct DurationsView {
    var hasDurations: Bool
    var svg: String
    /// The histogram as a table: the chart's text alternative.
    var buckets: [BucketRow]
    var stats: [DurationRow]
    var clusters: [DurationRow]
    var more: [MoreView]
}

struct BucketRow {
    var label: String
    var total: String
    var succeeded: String
    var failed: String
    var timedOut: String
}

struct DurationRow {
    var label: String
    var sublabel: String
    var count: String
    var min: String
    var mean: String
    var p50: String
    var p90: String
    var p95: String
    var p99: String
    var max: String
    /// Milliseconds, for sorting; -1 when there is no value.
    var p50Value: String
    var p95Value: String
    var maxValue: String
}

struct FlakyTable {
    var caption: String
    var rows: [FlakyRow]
    var more: [MoreView]
}

struct FlakyRow {
    var host: HostCell
    var outcomes: String
    var succeeded: String
    var failed: String
    var failedShare: String
    var failedShareValue: String
}

struct FailingTable {
    var total: String
    var caption: String
    var rows: [FailingRow]
    var more: [MoreView]
}

struct FailingRow {
    var host: HostCell
    var streak: String
    var streakValue: Int
    /// One mark per failed night in the streak, capped: a small visual next to the number.
    var streakMarks: String
    var outcomeLabel: String
    var outcomeClass: String
    var latestStart: String
    var reason: String
    var reasonMessage: String
}

/// Who a host is: its name, and where it lives.
struct HostCell {
    var name: String
    var hostID: String
    var showID: Bool
    var cluster: String
    var vcenter: String
}

struct GridView {
    var nights: [GridNight]
    var rows: [GridRow]
    var more: [MoreView]
    var earlierNights: [MoreView]
}

struct GridNight {
    var date: String
    var label: String
}

struct GridRow {
    var host: HostCell
    var failed: String
    var cells: [GridCell]
}

struct GridCell {
    var cls: String
    var text: String
    var title: String
}

struct QualityView {
    var hasNotes: Bool
    var notes: [QualityRow]
    var hasRejected: Bool
    var rejectedCaption: String
    var rejected: [RejectedRow]
    var rejectedMore: [MoreView]
}

struct QualityRow {
    var kind: String
    var count: String
    var meaning: String
    var examples: [String]
}

struct RejectedRow {
    var source: String
    var reason: String
}

struct GatesView {
    var hasGates: Bool
    var rows: [GateRow]
}

struct GateRow {
    var name: String
    var threshold: String
    var measured: String
    var verdict: String
    var cls: String
    var detail: String
}
