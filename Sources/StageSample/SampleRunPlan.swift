/// One stage run of one cluster on one night, fully decided: what each host did, when, and
/// which quirks its document shows. Documents are rendered from it; stats are counted from it.
struct SampleRunPlan {
    let cluster: SampleCluster
    let vcenterName: String
    let night: Int
    var form: SampleWireForm
    var task: SampleTaskState
    /// Task start; `result.status.start_time` is the same instant (run identity uses either).
    let startMilliseconds: Int64
    /// Latest host end (`result.status.end_time`).
    var resultEndMilliseconds: Int64
    var lastUpdateMilliseconds: Int64
    var taskEndMilliseconds: Int64
    var taskProgress: Int
    let commit: Int
    var hosts: [SampleHostRun]
    var quirks = SampleRunQuirks()
    var annotateClusterName: Bool
    var taskNotes: SampleTaskNotes

    /// Whether the task is finished; a finished run has an aggregate `result.status`.
    var isFinished: Bool {
        switch task {
        case .succeeded, .failed: true
        case .running, .pending: false
        }
    }

    var failedHostCount: Int {
        hosts.reduce(0) { $0 + ($1.state == .error || $1.state == .timedOut ? 1 : 0) }
    }

    /// Aggregate status of a finished run.
    var aggregateStatus: StaticString {
        if failedHostCount > 0 { return "ERROR" }
        return hosts.allSatisfy({ $0.state == .skipped }) ? "SKIPPED" : "OK"
    }

    /// The lists a host appears in, with the quirks applied.
    func lists(of index: Int) -> SampleListSet {
        var set = hosts[index].state.ownList
        if quirks.wrongList?.host == index, let wrong = quirks.wrongList?.list { set = wrong }
        if quirks.extraList?.host == index, let extra = quirks.extraList?.list { set.formUnion(extra) }
        return set
    }

    /// The same run as polled at `instant`, while still running (an earlier poll of a duplicate,
    /// or a run saved before it finished). Hosts not done by then are running, retrying or not
    /// started yet (in `host_info` only).
    func snapshot(at instant: Int64, rng: inout SampleRandom) -> SampleRunPlan {
        var copy = self
        copy.task = .running
        copy.lastUpdateMilliseconds = instant
        var done = 0
        for index in copy.hosts.indices {
            var host = copy.hosts[index]
            if host.state == .unknown || host.endMilliseconds <= instant {
                done += 1
                continue
            }
            let span = max(1, host.endMilliseconds - host.startMilliseconds)
            let elapsed = max(0, instant - host.startMilliseconds)
            host.progress = min(99, Int(elapsed * 100 / span))
            host.note = nil
            host.noteFlags = []
            let roll = rng.unit()
            host.state = roll < 0.8 ? .running : (roll < 0.9 ? .retryPending : .notStarted)
            if host.state == .retryPending, rng.chance(0.5) { host.progress = nil }
            copy.hosts[index] = host
        }
        // A list quirk needs a finished host; drop it if its host is still busy.
        if let quirk = copy.quirks.wrongList, !copy.hosts[quirk.host].state.isFinal { copy.quirks.wrongList = nil }
        if let quirk = copy.quirks.extraList, !copy.hosts[quirk.host].state.isFinal { copy.quirks.extraList = nil }
        copy.taskProgress = done * 100 / max(1, copy.hosts.count)
        if case .pluginFailure = copy.taskNotes { copy.taskNotes = .plugins(sentinel: false) }
        return copy
    }

    /// The outcome counts a reader must find for this run (report-semantics.md §2).
    var outcomes: SampleOutcomeCounts {
        var counts = SampleOutcomeCounts()
        for host in hosts {
            switch host.state {
            case .ok: counts.succeeded += 1
            case .error: counts.failed += 1
            case .timedOut: counts.timedOut += 1
            case .skipped: counts.skipped += 1
            case .running, .retryPending, .notStarted: counts.inProgress += 1
            case .unknown: counts.unknown += 1
            }
        }
        return counts
    }
}

enum SampleWireForm: Sendable, Equatable {
    /// CIS task info from `/api`.
    case api
    /// Legacy `/rest`: `{"value": task}`, every map as a key/value list.
    case rest
    /// A bare StageResult annotated with `vcenter` and `cluster`.
    case bare
}

enum SampleTaskState: Equatable {
    case succeeded
    case failed(pluginError: Bool)
    case running
    /// Queued: the document has no `result` (nor start, end, progress).
    case pending
}

/// Task-level `notifications`, an undocumented member of real vLCM tasks.
enum SampleTaskNotes: Equatable {
    case absent
    case emptyLists
    case plugins(sentinel: Bool)
    case pluginFailure
}

/// Deliberate inconsistencies a reader must report, never reject.
struct SampleRunQuirks {
    /// A host listed in a second list besides its own.
    var extraList: (host: Int, list: SampleListSet)?
    /// A host listed only in a list that disagrees with its status.
    var wrongList: (host: Int, list: SampleListSet)?
    /// A host with a `host_status` entry but none in `host_info`.
    var missingHostInfo: Int?
}

/// Membership in `successful_hosts`, `failed_hosts`, `skipped_hosts`.
struct SampleListSet: OptionSet {
    let rawValue: UInt8
    static let successful = SampleListSet(rawValue: 1)
    static let failed = SampleListSet(rawValue: 2)
    static let skipped = SampleListSet(rawValue: 4)
}
