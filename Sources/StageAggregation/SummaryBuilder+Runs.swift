import StageModel

/// What is folded in per run rather than per host: run statuses, run reasons, the runs' own
/// warnings and the runs without host outcomes (report-semantics §3, §6).
extension SummaryBuilder {
    /// `status` and `reason` are the run's run status and run reason; `cluster` is the slot of
    /// the run's cluster in `clusters`.
    mutating func addRunNotifications(
        _ run: StageRun, status: RunStatus, reason: Reason?, cluster: [ClusterKey: ClusterAccumulator].Index,
        canonicalIndex: Int, waivedBy: Int? = nil
    ) {
        let position = canonicalIndex + 1
        for n in run.notifications where n.kind == .warning {
            let number = UInt32(warnings.count)
            let slot = warnings.slot(for: n.reason.id) { WarningAccumulator(number: number) }
            warnings.values[slot].addRunWarning(n.reason, run: position)
        }
        if let reason {
            let slot = runReasons.slot(for: reason.id) { RunReasonAccumulator() }
            let newCluster = clusters.values[cluster].countRunReason(reason.id)
            runReasons.values[slot].add(reason, newCluster: newCluster, run: position)
        }
        if run.hosts.isEmpty {
            var entry = RunWithoutHosts(
                vcenter: run.vcenter, cluster: run.clusterID, name: run.clusterName ?? "", commit: run.commit,
                start: run.start, status: status, stageStatus: run.stageStatus, taskStatus: run.taskStatus,
                reason: reason, source: run.source)
            entry.waivedBy = waivedBy
            runsWithoutHosts.append((canonicalIndex, entry))
        }
    }

    /// Tallies a succeeded or skipped host's warnings (each id once per outcome).
    static func countWarnings(
        of host: UnsafePointer<HostResult>, in warnings: inout [String: WarningAccumulator],
        cluster: inout ClusterAccumulator, run: Int
    ) {
        let track = cluster.trackIndex(of: host)
        for warning in host.pointee.warnings {
            let number = UInt32(warnings.count)
            let slot = warnings.slot(for: warning.id) { WarningAccumulator(number: number) }
            let newHost = cluster.hosts.values[track].countReason(
                warnings.values[slot].number | WarningAccumulator.kindBit)
            warnings.values[slot].addHostWarning(warning, newHost: newHost, run: run)
        }
    }
}

/// Runs, run statuses and host outcomes of one grouping (a day, a commit). There is one per
/// commit of every cluster, so it holds nothing that can be derived: each run is counted once
/// in `runStatuses`.
struct RunTally {
    var runStatuses = OutcomeCounts()
    var outcomes = OutcomeCounts()
    var waived = WaivedCounts()

    var runs: Int { runStatuses.total }

    mutating func add(_ status: RunStatus, outcomes runOutcomes: OutcomeCounts, waived runWaived: WaivedCounts) {
        runStatuses.addRun(status)
        outcomes.add(runOutcomes)
        waived.add(runWaived)
    }

    mutating func merge(_ other: RunTally) {
        runStatuses.add(other.runStatuses)
        outcomes.add(other.outcomes)
        waived.add(other.waived)
    }
}

struct WarningAccumulator {
    /// Sets warnings apart from skip and failure reasons in `HostTrack.countReason`.
    static let kindBit: UInt32 = 1 << 30
    let number: UInt32
    var count = 0
    var hosts = 0
    var runs = 0
    var message: String?
    /// 1 + the canonical position of the latest run with this warning; 0 before any.
    var lastRun = 0

    init(number: UInt32) { self.number = number }

    /// Hosts come before the run's own notifications, in host id order: the first in the
    /// latest run gives the sample message.
    mutating func addHostWarning(_ reason: Reason, newHost: Bool, run: Int) {
        count += 1
        if newHost { hosts += 1 }
        seen(in: run, reason)
    }

    mutating func addRunWarning(_ reason: Reason, run: Int) { seen(in: run, reason) }

    private mutating func seen(in run: Int, _ reason: Reason) {
        guard run != lastRun else { return }
        lastRun = run
        runs += 1
        message = reason.message
    }

    /// Builders take disjoint clusters, so runs and hosts add up.
    func merged(with other: WarningAccumulator) -> WarningAccumulator {
        var m = lastRun >= other.lastRun ? self : other
        m.count = count + other.count
        m.hosts = hosts + other.hosts
        m.runs = runs + other.runs
        return m
    }

    static func ranked(_ warnings: [String: WarningAccumulator]) -> [WarningSummary] {
        warnings.map {
            WarningSummary(
                id: $0.key.relocated, count: $0.value.count, runs: $0.value.runs, hosts: $0.value.hosts,
                message: $0.value.message?.relocated)
        }
        .sorted { $0.count != $1.count ? $0.count > $1.count : ByteOrder.less($0.id, $1.id) }
    }
}

struct RunReasonAccumulator {
    var runs = 0
    var clusters = 0
    var message: String?
    var lastRun = 0

    mutating func add(_ reason: Reason, newCluster: Bool, run: Int) {
        runs += 1
        if newCluster { clusters += 1 }
        if run != lastRun {
            lastRun = run
            message = reason.message
        }
    }

    func merged(with other: RunReasonAccumulator) -> RunReasonAccumulator {
        var m = lastRun >= other.lastRun ? self : other
        m.runs = runs + other.runs
        m.clusters = clusters + other.clusters
        return m
    }

    static func ranked(_ reasons: [String: RunReasonAccumulator]) -> [RunReasonSummary] {
        reasons.map {
            RunReasonSummary(
                id: $0.key.relocated, runs: $0.value.runs, clusters: $0.value.clusters,
                message: $0.value.message?.relocated)
        }
        .sorted { $0.runs != $1.runs ? $0.runs > $1.runs : ByteOrder.less($0.id, $1.id) }
    }
}
