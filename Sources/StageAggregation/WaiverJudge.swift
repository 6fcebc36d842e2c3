import StageModel
import Waivers

/// How runs and host outcomes are put to the waivers, in one place, so that the summary and a
/// renderer that reads the runs again (JUnit) judge the same candidates the same way.
public struct WaiverJudge: Sendable {
    public let index: WaiverIndex
    public let inventory: ClusterInventory
    /// The aggregation's matcher, whose cached answers a renderer's matchers start from
    /// (`RunWaiverVerdicts`); nil: they start empty.
    public var warmMatcher: WaiverMatcher?

    public init(index: WaiverIndex, inventory: ClusterInventory, warmMatcher: WaiverMatcher? = nil) {
        self.index = index
        self.inventory = inventory
        self.warmMatcher = warmMatcher
    }

    /// The display name a run's cluster is matched on: the run's own annotation, else the
    /// inventory's (the summary's cluster name is the latest annotation, which a run may not have).
    public func clusterName(of run: StageRun) -> String? {
        run.clusterName ?? inventory.name(vcenter: run.vcenter, id: run.clusterID)
    }

    /// The candidate for a failed or timed-out host outcome of `run`.
    public func candidate(_ run: StageRun, host: UnsafePointer<HostResult>, clusterName: String?) -> WaiverCandidate {
        WaiverCandidate(run: run, host: host.pointee, clusterName: clusterName)
    }

    /// The candidate for a failed or timed-out run: matched with the run reason, without a host.
    public func candidate(_ run: StageRun, clusterName: String?) -> WaiverCandidate {
        WaiverCandidate(run: run, clusterName: clusterName, reasonID: run.runReason?.id)
    }
}
