/// One stage run of one cluster, normalised from any wire form.
public struct StageRun: Sendable, Equatable {
    public var source: DocumentSource
    /// Annotation `vcenter`, else the command-line default, else empty.
    public var vcenter: String
    /// Task `target.id`, else annotation `cluster`, else the command-line default, else `unknown`.
    public var clusterID: String
    /// Annotation `cluster_name`; the inventory and the id are fallbacks applied later.
    public var clusterName: String?
    public var commit: String
    /// CIS task `status` (`SUCCEEDED`, `FAILED`, …); `nil` for a bare StageResult.
    public var taskStatus: String?
    public var start: Timestamp?
    public var end: Timestamp?
    public var lastUpdate: Timestamp?
    /// The task (or, for a bare result, the aggregate status) says the stage is over.
    public var isFinished: Bool
    /// Sorted by host id.
    public var hosts: [HostResult]
    public var notes: [DataQualityNote]

    public init(
        source: DocumentSource, vcenter: String, clusterID: String, clusterName: String? = nil,
        commit: String, taskStatus: String? = nil, start: Timestamp? = nil, end: Timestamp? = nil,
        lastUpdate: Timestamp? = nil, isFinished: Bool = true, hosts: [HostResult] = [],
        notes: [DataQualityNote] = []
    ) {
        self.source = source
        self.vcenter = vcenter
        self.clusterID = clusterID
        self.clusterName = clusterName
        self.commit = commit
        self.taskStatus = taskStatus
        self.start = start
        self.end = end
        self.lastUpdate = lastUpdate
        self.isFinished = isFinished
        self.hosts = hosts
        self.notes = notes
    }

    /// Two documents with the same identity are the same run seen twice (report-semantics §1).
    public var identity: RunIdentity {
        RunIdentity(vcenter: vcenter, clusterID: clusterID, commit: commit, start: start)
    }
}

/// (vCenter, cluster, commit, run start): the identity of a run, and its canonical order.
///
/// Canonical order is by start (a run without one first), then vCenter, cluster and commit.
public struct RunIdentity: Hashable, Sendable, Comparable {
    public var vcenter: String
    public var clusterID: String
    public var commit: String
    public var start: Timestamp?

    public init(vcenter: String, clusterID: String, commit: String, start: Timestamp?) {
        self.vcenter = vcenter
        self.clusterID = clusterID
        self.commit = commit
        self.start = start
    }

    public static func < (a: RunIdentity, b: RunIdentity) -> Bool {
        let sa = a.start?.milliseconds ?? .min, sb = b.start?.milliseconds ?? .min
        if sa != sb { return sa < sb }
        if a.vcenter != b.vcenter { return ByteOrder.less(a.vcenter, b.vcenter) }
        if a.clusterID != b.clusterID { return ByteOrder.less(a.clusterID, b.clusterID) }
        return ByteOrder.less(a.commit, b.commit)
    }
}
