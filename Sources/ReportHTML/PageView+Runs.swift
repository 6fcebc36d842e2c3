/// The runs section: failed runs without host results, run failure reasons and warnings
/// (report-semantics §3, §6).
struct RunsView {
    var hasFailedRuns: Bool
    var hasRunReasons: Bool
    var hasWarnings: Bool
    var failedRuns: [FailedRunRow]
    var failedRunsMore: [MoreView]
    var runReasons: [RunReasonRow]
    var runReasonsMore: [MoreView]
    var warnings: [WarningRow]
    var warningsMore: [MoreView]
    /// `12 runs: 10 succeeded, 2 failed, …`.
    var overview: String
}

struct FailedRunRow {
    var cluster: String
    var clusterID: String
    var showID: Bool
    var vcenter: String
    var start: String
    var status: String
    /// ` · waived by #2 (carol)`, or empty.
    var waivedMark: String
    var reasonID: String
    var message: String
}

struct RunReasonRow {
    var reasonID: String
    var runs: String
    var clusters: String
    var message: String
}

struct WarningRow {
    var warningID: String
    var count: String
    var runs: String
    var hosts: String
    var message: String
}

extension RunsView: TemplateFields {
    static let fields: [String: PartialKeyPath<RunsView> & Sendable] = [
        "hasFailedRuns": \.hasFailedRuns,
        "hasRunReasons": \.hasRunReasons,
        "hasWarnings": \.hasWarnings,
        "failedRuns": \.failedRuns,
        "failedRunsMore": \.failedRunsMore,
        "runReasons": \.runReasons,
        "runReasonsMore": \.runReasonsMore,
        "warnings": \.warnings,
        "warningsMore": \.warningsMore,
        "overview": \.overview
    ]
}

extension FailedRunRow: TemplateFields {
    static let fields: [String: PartialKeyPath<FailedRunRow> & Sendable] = [
        "cluster": \.cluster,
        "clusterID": \.clusterID,
        "showID": \.showID,
        "vcenter": \.vcenter,
        "start": \.start,
        "status": \.status,
        "waivedMark": \.waivedMark,
        "reasonID": \.reasonID,
        "message": \.message
    ]
}

extension RunReasonRow: TemplateFields {
    static let fields: [String: PartialKeyPath<RunReasonRow> & Sendable] = [
        "reasonID": \.reasonID,
        "runs": \.runs,
        "clusters": \.clusters,
        "message": \.message
    ]
}

extension WarningRow: TemplateFields {
    static let fields: [String: PartialKeyPath<WarningRow> & Sendable] = [
        "warningID": \.warningID,
        "count": \.count,
        "runs": \.runs,
        "hosts": \.hosts,
        "message": \.message
    ]
}
