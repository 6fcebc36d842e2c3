/// One stage run of one cluster, normalised from any wire form (report-semantics §1, §3).
public struct StageRun: Sendable, Equatable {
    public var source: DocumentSource
    /// Annotation `vcenter`, else the input's label, else the command-line default, else empty.
    public var vcenter: String
    /// Task `target.id`, else annotation `cluster`, else the command-line default, else `unknown`.
    public var clusterID: String
    /// Annotation `cluster_name`; the inventory and the id are fallbacks applied later.
    public var clusterName: String?
    /// `nil` for a stage task without `result` (one that failed before saving any, or has not
    /// finished).
    public var commit: String?
    /// The raw stage status `result.status.status`, when there is one.
    public var stageStatus: String?
    /// The raw CIS task `status` (`SUCCEEDED`, `FAILED`, …); `nil` for a bare StageResult.
    public var taskStatus: String?
    public var start: Timestamp?
    public var end: Timestamp?
    public var lastUpdate: Timestamp?
    /// Sorted by host id.
    public var hosts: [HostResult]
    /// The run's own notifications, in the order the run reason is looked for.
    public var notifications: [RunNotification]
    public var notes: [DataQualityNote]

    public init(
        source: DocumentSource, vcenter: String, clusterID: String, clusterName: String? = nil,
        commit: String?, stageStatus: String? = nil, taskStatus: String? = nil, start: Timestamp? = nil,
        end: Timestamp? = nil, lastUpdate: Timestamp? = nil, hosts: [HostResult] = [],
        notifications: [RunNotification] = [], notes: [DataQualityNote] = []
    ) {
        self.source = source
        self.vcenter = vcenter
        self.clusterID = clusterID
        self.clusterName = clusterName
        self.commit = commit
        self.stageStatus = stageStatus
        self.taskStatus = taskStatus
        self.start = start
        self.end = end
        self.lastUpdate = lastUpdate
        self.hosts = hosts
        self.notifications = notifications
        self.notes = notes
    }

    /// From the stage status, else the task status (report-semantics §3).
    public var runStatus: RunStatus { RunStatus(stageStatus: stageStatus, taskStatus: taskStatus) }

    /// Any run status but in progress: what duplicate resolution prefers.
    public var isFinished: Bool { runStatus != .inProgress }

    /// The first error among the run's own notifications, if any.
    public var firstError: Reason? { notifications.first { $0.kind == .error }?.reason }

    /// The reason of a failed or timed-out run: its first error, else `(timed out)` or
    /// `(unspecified)`; `nil` for a run of any other status.
    public var runReason: Reason? { runStatus.reason(firstError: firstError) }

    /// Two documents with the same identity are the same run seen twice (report-semantics §1).
    public var identity: RunIdentity {
        RunIdentity(vcenter: vcenter, clusterID: clusterID, commit: commit, start: start)
    }
}

/// (vCenter, cluster, commit, run start): the identity of a run, and its canonical order.
///
/// Canonical order is by start (a run without one last), then vCenter, cluster and commit (a
/// run without a commit first). A run without a commit is the same run as one with a commit
/// and the same vCenter, cluster and start (duplicate resolution handles that case).
public struct RunIdentity: Hashable, Sendable, Comparable {
    public var vcenter: String
    public var clusterID: String
    public var commit: String?
    public var start: Timestamp?

    public init(vcenter: String, clusterID: String, commit: String?, start: Timestamp?) {
        self.vcenter = vcenter
        self.clusterID = clusterID
        self.commit = commit
        self.start = start
    }

    public static func < (a: RunIdentity, b: RunIdentity) -> Bool {
        let sa = a.start?.milliseconds ?? .max, sb = b.start?.milliseconds ?? .max
        if sa != sb { return sa < sb }
        if (a.start == nil) != (b.start == nil) { return b.start == nil }
        if a.vcenter != b.vcenter { return ByteOrder.less(a.vcenter, b.vcenter) }
        if a.clusterID != b.clusterID { return ByteOrder.less(a.clusterID, b.clusterID) }
        guard let bc = b.commit else { return false }
        guard let ac = a.commit else { return true }
        return ByteOrder.less(ac, bc)
    }
}
