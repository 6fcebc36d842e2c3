import StageModel

/// What changed on the window's latest night (issue 18, docs/changes.md): each host's and each
/// cluster's latest outcome against its previous one, the regression windows of what fails, and
/// the commits whose success rate fell by more than chance explains.
///
/// Only clusters whose latest run started on the latest night are compared: a cluster that was
/// not staged that night has not changed since the night before.
public struct ChangeSummary: Sendable, Equatable {
    /// The UTC date of the window's latest run start; nil when no run has a start.
    public var night: String?
    /// Clusters whose latest run started on `night` (the ones compared), and all clusters.
    public var clustersCompared = 0
    public var clusters = 0
    /// Hosts by kind (new failures, still failing, fixed, new hosts, gone): new failures first,
    /// newest first within a kind, then by key.
    public var hosts: [HostChange] = []
    /// Clusters by kind, in the same order as `hosts`.
    public var clusterChanges: [ClusterChange] = []
    /// Commit regressions, by vCenter, cluster and commit.
    public var commitRegressions: [CommitRegression] = []
    /// The number of commit pairs tested, which the significance level is divided by.
    public var commitComparisons = 0

    public init() {}

    /// Hosts of `kind`.
    public func hostCount(_ kind: ChangeKind) -> Int { hosts.reduce(0) { $0 + ($1.kind == kind ? 1 : 0) } }

    /// Clusters of `kind`.
    public func clusterCount(_ kind: ChangeKind) -> Int {
        clusterChanges.reduce(0) { $0 + ($1.kind == kind ? 1 : 0) }
    }

    /// What the change gates count: hosts that newly failed, plus clusters that newly failed
    /// without any newly failing host (a run that failed outright); waived ones only when
    /// `includingWaived`.
    public func newFailures(includingWaived: Bool) -> Int {
        let hosts = self.hosts.reduce(0) { n, h in
            n + (h.kind == .newFailure && (includingWaived || h.waivedBy == nil) ? 1 : 0)
        }
        let clusters = clusterChanges.reduce(0) { n, c in
            n + (c.kind == .newFailure && c.newlyFailedHosts == 0 && (includingWaived || c.waivedBy == nil) ? 1 : 0)
        }
        return hosts + clusters
    }
}

/// How a host's or a cluster's latest outcome compares with its previous one.
public enum ChangeKind: String, Sendable, CaseIterable, Comparable {
    /// Failed or timed out now; succeeded, skipped or not seen before.
    case newFailure = "new-failure"
    /// Failed or timed out now and the time before.
    case stillFailing = "still-failing"
    /// Succeeded now, failed or timed out the time before.
    case fixed
    /// First seen now, in a cluster seen before (a new host that fails is a new failure).
    case new
    /// Seen before in the window, absent from its cluster's latest run.
    case gone

    public static func < (a: ChangeKind, b: ChangeKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A run as a point in time: its start, and the commit it staged.
public struct RunPoint: Sendable, Equatable {
    public var start: Timestamp?
    public var commit: String?

    public init(start: Timestamp?, commit: String?) {
        self.start = start
        self.commit = commit
    }

    /// The UTC night of the start, `2026-12-04`; nil without a start.
    public var night: String? { start?.utcDate }
}

/// Between which two runs something broke: the last that went well and the first that did not.
public struct RegressionWindow: Sendable, Equatable {
    /// The latest good run before the failures began; nil when none is in the window.
    public var lastGood: RunPoint?
    /// The first run of the failures that go on to the latest one.
    public var firstBad: RunPoint
    /// Whether every host of the cluster's run `firstBad` failed (the whole cluster broke),
    /// rather than some of them. For a cluster, whether its hosts all failed in that run.
    public var wholeCluster: Bool
}

public struct HostChange: Sendable, Equatable {
    public var key: HostKey
    public var name: String
    public var kind: ChangeKind
    /// The latest outcome; for a gone host, its last one.
    public var outcome: HostOutcome
    /// The outcome the time before; nil when first seen now, and for a gone host.
    public var previous: HostOutcome?
    /// For a failing host (new failure, still failing).
    public var regression: RegressionWindow?
    /// The latest run (for a gone host, the last run it was in).
    public var latest: RunPoint
    /// The latest reason's id, for a failing host.
    public var reason: String?
    /// The position of the waiver that waives the latest outcome.
    public var waivedBy: Int?
}

public struct ClusterChange: Sendable, Equatable {
    public var vcenter: String
    public var id: String
    public var name: String
    public var kind: ChangeKind
    /// The latest run's status.
    public var status: RunStatus
    /// The latest run failed or timed out without any host outcome.
    public var failedOutright: Bool
    /// Hosts of the latest run that newly failed.
    public var newlyFailedHosts: Int
    public var regression: RegressionWindow?
    public var latest: RunPoint
    /// The run reason of a failed latest run.
    public var reason: String?
    /// The waiver that waives the latest run, when it failed without host outcomes.
    public var waivedBy: Int?
}

// Plain text every renderer shows (each escapes it for its format).
extension ChangeKind {
    /// "new failure", "still failing", "fixed", "new", "gone".
    public var label: String {
        switch self {
        case .newFailure: return "new failure"
        case .stillFailing: return "still failing"
        case .fixed: return "fixed"
        case .new: return "new"
        case .gone: return "gone"
        }
    }
}

extension RunPoint {
    /// "commit 8, 2026-12-04"; "no commit" for a task without a result; "no start" without one.
    public var label: String { "\(commit.map { "commit \($0)" } ?? "no commit"), \(night ?? "no start")" }
}

extension RegressionWindow {
    /// "broke between commit 7, 2026-12-03, and commit 8, 2026-12-04 (whole cluster)", or
    /// "failing since commit 8, 2026-12-04, no good run in the window (this host)".
    public func label(host: Bool) -> String {
        let scope = wholeCluster ? "whole cluster" : host ? "this host" : "some hosts"
        guard let lastGood else { return "failing since \(firstBad.label), no good run in the window (\(scope))" }
        return "broke between \(lastGood.label), and \(firstBad.label) (\(scope))"
    }
}
