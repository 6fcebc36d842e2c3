import StageModel

/// One failure a waiver matched: a failed or timed-out host outcome, or a failed or timed-out
/// run (no host). Listed under "Waived" or "Expired waivers".
public struct WaiverHit: Sendable, Equatable {
    public var vcenter: String
    public var cluster: String
    /// The cluster's display name the waiver was matched against, if any.
    public var clusterName: String?
    /// The host id; `nil` for a run-level hit.
    public var host: String?
    public var hostName: String?
    public var commit: String?
    public var start: Timestamp?
    /// The host outcome (`failed`, `timed_out`) or, for a run, its run status.
    public var outcome: String
    /// The notification id the waiver was matched on.
    public var reason: String?
    /// The waiver's position in its file.
    public var waiver: Int

    public init(
        vcenter: String, cluster: String, clusterName: String?, host: String?, hostName: String?, commit: String?,
        start: Timestamp?, outcome: String, reason: String?, waiver: Int
    ) {
        (self.vcenter, self.cluster, self.clusterName, self.host, self.hostName) = (
            vcenter, cluster, clusterName, host, hostName
        )
        (self.commit, self.start, self.outcome, self.reason, self.waiver) = (commit, start, outcome, reason, waiver)
    }
}
