/// The keys of a waiver's `match`, in the order the documentation, the index and the
/// renderers list them.
public enum WaiverMatchKey: String, CaseIterable, Sendable, Hashable {
    /// The vCenter a run came from (`StageRun.vcenter`).
    case vcenter
    /// The cluster: its MoRef id or its display name, either one matching is enough.
    case cluster
    /// The host: its MoRef id or its name, either one matching is enough; never matches a run.
    case host
    /// The notification id: the host's failure reason, or a run's reason.
    case reason
    /// The commit the run staged.
    case commit
}
