/// "What changed since the previous night" (issue 18, docs/changes.md), the page's first
/// section. `PageView.changes` has one only when the summary says what changed.
struct ChangesView {
    /// `On 2026-12-04, 480 of 500 clusters staged that night.`
    var overview: String
    var figures: [FigureView]
    var hasHosts: Bool
    var hosts: [ChangeRow]
    var hostsMore: [MoreView]
    var hasClusters: Bool
    var clusters: [ChangeRow]
    var hasRegressions: Bool
    var regressionsHow: String
    var regressions: [CommitRegressionRow]
}

/// A host or a cluster that changed.
struct ChangeRow {
    var change: String
    /// `fail` for failures, `pass` for fixed, empty otherwise: a CSS class.
    var level: String
    var name: String
    var cluster: String
    var vcenter: String
    var outcome: String
    var previous: String
    var window: String
    var reasonID: String
}

struct CommitRegressionRow {
    var cluster: String
    var vcenter: String
    var commit: String
    var rate: String
    var previousCommit: String
    var previousRate: String
    var pValue: String
}

extension ChangesView: TemplateFields {
    static let fields: [String: PartialKeyPath<ChangesView> & Sendable] = [
        "overview": \.overview,
        "figures": \.figures,
        "hasHosts": \.hasHosts,
        "hosts": \.hosts,
        "hostsMore": \.hostsMore,
        "hasClusters": \.hasClusters,
        "clusters": \.clusters,
        "hasRegressions": \.hasRegressions,
        "regressionsHow": \.regressionsHow,
        "regressions": \.regressions
    ]
}

extension ChangeRow: TemplateFields {
    static let fields: [String: PartialKeyPath<ChangeRow> & Sendable] = [
        "change": \.change,
        "level": \.level,
        "name": \.name,
        "cluster": \.cluster,
        "vcenter": \.vcenter,
        "outcome": \.outcome,
        "previous": \.previous,
        "window": \.window,
        "reasonID": \.reasonID
    ]
}

extension CommitRegressionRow: TemplateFields {
    static let fields: [String: PartialKeyPath<CommitRegressionRow> & Sendable] = [
        "cluster": \.cluster,
        "vcenter": \.vcenter,
        "commit": \.commit,
        "rate": \.rate,
        "previousCommit": \.previousCommit,
        "previousRate": \.previousRate,
        "pValue": \.pValue
    ]
}
