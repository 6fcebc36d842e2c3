import StageModel

/// One reason of failed and timed-out runs (report-semantics §6).
public struct RunReasonSummary: Sendable, Equatable {
    public var id: String
    public var runs: Int
    /// Distinct (vCenter, cluster) with a run with this reason.
    public var clusters: Int
    /// `default_message` of the latest run with this reason.
    public var message: String?

    public init(id: String, runs: Int, clusters: Int, message: String?) {
        (self.id, self.runs, self.clusters, self.message) = (id, runs, clusters, message)
    }
}

/// One warning id: on succeeded and skipped host outcomes, and among runs' own notifications.
public struct WarningSummary: Sendable, Equatable {
    public var id: String
    /// Host outcomes with this warning (an outcome that has it twice counts once).
    public var count: Int
    /// Runs in which it appears, on a host or on the run itself.
    public var runs: Int
    /// Distinct (vCenter, cluster, host) with it.
    public var hosts: Int
    /// `default_message` from the latest run with it: its first host by id, else the run's own.
    public var message: String?

    public init(id: String, count: Int, runs: Int, hosts: Int, message: String?) {
        (self.id, self.count, self.runs, self.hosts, self.message) = (id, count, runs, hosts, message)
    }
}

/// A run without any host outcome: a stage task that failed before reaching a host, or one
/// still pending. Listed so that a cluster whose staging failed outright is never invisible.
public struct RunWithoutHosts: Sendable, Equatable {
    public var vcenter: String
    public var cluster: String
    /// The cluster's display name for this run.
    public var name: String
    public var commit: String?
    public var start: Timestamp?
    public var status: RunStatus
    public var stageStatus: String?
    public var taskStatus: String?
    /// The run reason, for a failed or timed-out run.
    public var reason: Reason?
    public var source: DocumentSource
    /// The position of the waiver that waives this run, if any.
    public var waivedBy: Int?

    public init(
        vcenter: String, cluster: String, name: String, commit: String?, start: Timestamp?, status: RunStatus,
        stageStatus: String?, taskStatus: String?, reason: Reason?, source: DocumentSource
    ) {
        (self.vcenter, self.cluster, self.name, self.commit, self.start) = (vcenter, cluster, name, commit, start)
        (self.status, self.stageStatus, self.taskStatus, self.reason, self.source) = (
            status, stageStatus, taskStatus, reason, source
        )
    }
}

extension OutcomeCounts {
    /// Runs counted by run status, under the host outcome of the same name.
    public subscript(run status: RunStatus) -> Int {
        get { self[status.countedAs] }
        set { self[status.countedAs] = newValue }
    }

    public mutating func addRun(_ status: RunStatus) { self[run: status] += 1 }
}

extension OutcomeCounts {
    /// Failed plus timed out: host outcomes (or runs) that count as failures.
    public var failures: Int { failed + timedOut }
}

extension Summary {
    /// The failed and timed-out runs without any host outcome, latest first: the stages that
    /// failed outright, which every output lists on its own.
    public var failedRunsWithoutHosts: [RunWithoutHosts] { runsWithoutHosts.filter(\.status.isFailure).reversed() }

    /// Clusters with a failed or timed-out host outcome or run: worst success rate first (a
    /// cluster without a rate counts as 100 %), then most failed outcomes, then vCenter and id.
    /// The Markdown report and the chat messages list them in this order.
    public var clustersNeedingAttention: [ClusterSummary] {
        clusters.filter { $0.outcomes.failures + $0.runStatuses.failures > 0 }.sorted { a, b in
            let ra = a.outcomes.successRate ?? 1, rb = b.outcomes.successRate ?? 1
            if ra != rb { return ra < rb }
            if a.outcomes.failures != b.outcomes.failures { return a.outcomes.failures > b.outcomes.failures }
            if a.vcenter != b.vcenter { return ByteOrder.less(a.vcenter, b.vcenter) }
            return ByteOrder.less(a.id, b.id)
        }
    }
}
