import StageModel

/// One cluster's runs and hosts as far as "what changed" needs them (issue 18), folded in
/// canonical run order beside `ClusterAccumulator`, and only when changes are asked for: its
/// host table is a second one, which a report without changes does not pay for.
///
/// Memory grows with the cluster's hosts, not with its runs: each host keeps the two runs that
/// bound its regression window, not its history.
struct ClusterChangeTrack {
    var hosts: [String: HostChangeTrack] = [:]
    /// The same hosts by id in byte order, once `sealHosts` has run (as `ClusterAccumulator`).
    private(set) var sortedHosts: [(id: String, track: HostChangeTrack)] = []
    private(set) var runCount: Int32 = 0
    /// The ordinal (within this cluster) of the latest run with host outcomes; -1 before any.
    private(set) var latestRunWithHosts: Int32 = -1
    private(set) var latest = RunPoint(start: nil, commit: nil)
    private(set) var latestFailed = false
    private(set) var latestHostless = false
    private(set) var latestStatus = RunStatus.unknown
    private(set) var latestReason: String?
    private(set) var latestWaiver: Int32 = -1
    /// Whether the run before the latest failed; nil for a cluster with one run.
    private(set) var previousFailed: Bool?
    /// The first run of the failures that go on to the latest, and whether all its hosts failed.
    private(set) var failingSince: RunPoint?
    private(set) var failingSinceWholeCluster = false
    /// The latest run that succeeded without a failed host.
    private(set) var lastGood: RunPoint?

    /// Folds one run in; the arguments are what `ClusterAccumulator.add` was given.
    mutating func add(
        _ run: StageRun, status: RunStatus, reason: Reason?, outcomes: OutcomeCounts, waivedBy: Int?,
        hostWaivers: [Int32]?
    ) {
        precondition(sortedHosts.isEmpty, "no run is added to a cluster once its hosts are sealed")
        let ordinal = runCount
        runCount += 1
        let point = RunPoint(start: run.start, commit: run.commit)
        let failed = status.isFailure || outcomes.failures > 0
        let allHostsFailed = outcomes.total > 0 && outcomes.failures == outcomes.total
        // A run that failed before reaching any host failed the whole cluster.
        let wholeCluster = allHostsFailed || (run.hosts.isEmpty && status.isFailure)
        if runCount > 1 { previousFailed = latestFailed }
        if failed, !(previousFailed ?? false) || failingSince == nil {
            failingSince = point
            failingSinceWholeCluster = wholeCluster
        }
        if !failed { failingSince = nil }
        if !failed, status == .succeeded { lastGood = point }
        latest = point
        latestFailed = failed
        latestHostless = run.hosts.isEmpty
        latestStatus = status
        latestReason = reason?.id
        latestWaiver = Int32(waivedBy ?? -1)
        guard !run.hosts.isEmpty else { return }
        latestRunWithHosts = ordinal
        run.hosts.withUnsafeBufferPointer { list in
            for i in list.indices {
                let host = list.baseAddress! + i
                let slot = hosts.slot(for: host.pointee.id) { HostChangeTrack(firstRun: ordinal) }
                hosts.values[slot].add(
                    host.pointee.outcome, run: ordinal, at: point, wholeCluster: allHostsFailed,
                    reason: host.pointee.reason?.id, waivedBy: hostWaivers?[i] ?? -1)
            }
        }
    }

    /// Moves the hosts into a list by id, as `ClusterAccumulator.sealHosts` does with its own:
    /// the two lists then hold the same hosts at the same positions.
    mutating func sealHosts() {
        guard !hosts.isEmpty else { return }
        let ids = Array(hosts.keys), tracks = Array(hosts.values)
        hosts = [:]
        var list: [(id: String, track: HostChangeTrack)] = []
        list.reserveCapacity(ids.count)
        for i in ids.indices.sorted(by: { ByteOrder.less(ids[$0], ids[$1]) }) { list.append((ids[i], tracks[i])) }
        sortedHosts = list
    }
}

/// One host's latest outcome, the one before, and the two runs that bound its failures.
struct HostChangeTrack {
    let firstRun: Int32
    private(set) var latestRun: Int32 = -1
    private(set) var latest = HostOutcome.unknown
    private(set) var previous: HostOutcome?
    private(set) var latestPoint = RunPoint(start: nil, commit: nil)
    private(set) var failingSince: RunPoint?
    private(set) var failingSinceWholeCluster = false
    private(set) var lastGood: RunPoint?
    private(set) var reason: String?
    private(set) var waiver: Int32 = -1

    init(firstRun: Int32) { self.firstRun = firstRun }

    mutating func add(
        _ outcome: HostOutcome, run: Int32, at point: RunPoint, wholeCluster: Bool, reason: String?, waivedBy: Int32
    ) {
        if latestRun >= 0 { previous = latest }
        if outcome.isFailure {
            if !(previous?.isFailure ?? false) || failingSince == nil {
                failingSince = point
                failingSinceWholeCluster = wholeCluster
            }
        } else {
            failingSince = nil
        }
        if outcome == .succeeded { lastGood = point }
        latest = outcome
        latestRun = run
        latestPoint = point
        self.reason = reason
        waiver = waivedBy
    }
}
