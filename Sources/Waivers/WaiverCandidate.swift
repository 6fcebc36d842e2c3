import StageModel

/// What a waiver is matched against: a failed or timed-out host outcome (everything set), or
/// a failed run (no host). A waiver with a `host` key never matches a candidate without a host,
/// nor one with a `reason` key a candidate without a reason.
public struct WaiverCandidate: Sendable, Hashable {
    public var vcenter: String
    public var clusterID: String
    /// The display name, once resolved (annotation, then inventory); `nil` when there is none.
    public var clusterName: String?
    public var hostID: String?
    public var hostName: String?
    /// The notification id: the host's failure reason, or the run's reason.
    public var reasonID: String?
    public var commit: String?

    public init(
        vcenter: String, clusterID: String, clusterName: String? = nil, hostID: String? = nil,
        hostName: String? = nil, reasonID: String? = nil, commit: String? = nil
    ) {
        self.vcenter = vcenter
        self.clusterID = clusterID
        self.clusterName = clusterName
        self.hostID = hostID
        self.hostName = hostName
        self.reasonID = reasonID
        self.commit = commit
    }

    /// A host outcome of `run`: its reason is the host's (`HostResult.reason`).
    public init(run: StageRun, host: HostResult, clusterName: String?) {
        self.init(
            vcenter: run.vcenter, clusterID: run.clusterID, clusterName: clusterName, hostID: host.id,
            hostName: host.name, reasonID: host.reason?.id, commit: run.commit)
    }

    /// A run as a whole, with the run's reason as the caller classified it.
    public init(run: StageRun, clusterName: String?, reasonID: String?) {
        self.init(
            vcenter: run.vcenter, clusterID: run.clusterID, clusterName: clusterName, reasonID: reasonID,
            commit: run.commit)
    }
}
