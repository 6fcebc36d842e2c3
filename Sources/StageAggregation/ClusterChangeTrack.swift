import StageModel

/// One cluster's runs and hosts as far as "what changed" needs them (issue 18), folded in
/// canonical run order beside `ClusterAccumulator`, and only when changes are asked for.
///
/// Each host's track is found through its `HostTrack.changeSlot`, so tracking costs no second
/// table of hosts. Memory grows with the cluster's hosts, not with its runs: each host keeps
/// the two runs that bound its regression window, not its history.
struct ClusterChangeTrack {
    /// By `HostTrack.changeSlot`, in order of first appearance.
    private(set) var tracks: [HostChangeTrack] = []
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

    /// What the hosts of one run need of it.
    struct Run {
        let ordinal: Int32
        let point: RunPoint
        let allHostsFailed: Bool
    }

    /// Folds in the run as a whole, before its hosts; the arguments are what
    /// `ClusterAccumulator.add` was given.
    mutating func beginRun(
        _ run: StageRun, status: RunStatus, reason: Reason?, outcomes: OutcomeCounts, waivedBy: Int?
    ) -> Run {
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
        if !run.hosts.isEmpty { latestRunWithHosts = ordinal }
        return Run(ordinal: ordinal, point: point, allHostsFailed: allHostsFailed)
    }

    /// A track for a host first seen in `run`; returns its slot.
    mutating func newHost(_ run: Run) -> Int32 {
        tracks.append(HostChangeTrack(firstRun: run.ordinal))
        return Int32(tracks.count - 1)
    }

    mutating func add(_ host: UnsafePointer<HostResult>, slot: Int32, in run: Run, waivedBy: Int32) {
        tracks[Int(slot)].add(
            host.pointee.outcome, run: run.ordinal, at: run.point, wholeCluster: run.allHostsFailed,
            reason: host.pointee.reason?.id, waivedBy: waivedBy)
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
