import StageModel

struct ClusterKey: Hashable, Comparable {
    var vcenter: String
    var id: String

    static func < (a: ClusterKey, b: ClusterKey) -> Bool {
        a.vcenter != b.vcenter
            ? ByteOrder.less(a.vcenter, b.vcenter)
            : ByteOrder.less(a.id, b.id)
    }
}

/// The order of a cluster's commits.
enum CommitOrder {
    /// Commit ids are decimal strings per cluster: "2" comes before "10". Anything that is not a
    /// plain number sorts after the numbers, by bytes.
    static func precedes(_ a: String, _ b: String) -> Bool {
        let an = !a.isEmpty && a.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        let bn = !b.isEmpty && b.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        if an && bn {
            let at = a.drop { $0 == "0" }, bt = b.drop { $0 == "0" }
            if at.utf8.count != bt.utf8.count { return at.utf8.count < bt.utf8.count }
            if at != bt { return ByteOrder.less(String(at), String(bt)) }
            return ByteOrder.less(a, b)
        }
        if an != bn { return an }
        return ByteOrder.less(a, b)
    }
}

struct ClusterAccumulator {
    var runs = 0
    var runStatuses = OutcomeCounts()
    /// The run reasons this cluster's runs were counted for; usually none or one.
    private var runReasonIDs: [String] = []
    /// Every host seen in this cluster, by host id, while runs are added.
    var hosts: [String: HostTrack] = [:]
    /// The same hosts by id in byte order, once `sealHosts` has run; `hosts` is empty then.
    private(set) var sortedHosts: [(id: String, track: HostTrack)] = []
    var hostCount: Int { hosts.count + sortedHosts.count }
    var outcomes = OutcomeCounts()
    var durations = DurationHistogram()
    var latest = RunBrief(
        start: nil, end: nil, commit: nil, status: .unknown, stageStatus: nil, taskStatus: nil, reason: nil,
        outcomes: OutcomeCounts())
    var annotatedName: String?
    /// Runs and outcomes by commit id: commit ids are per cluster. Runs without a commit are
    /// in no commit's tally.
    var commits: [String: RunTally] = [:]
    /// What waivers took out of this cluster's figures.
    var waived = WaivedCounts()
    /// What "what changed" needs of this cluster; nil unless changes are asked for.
    var changes: ClusterChangeTrack?

    /// Whether this is the cluster's first run with the run reason `id`.
    mutating func countRunReason(_ id: String) -> Bool {
        if runReasonIDs.contains(id) { return false }
        runReasonIDs.append(id)
        return true
    }

    /// Folds one run in; `status` and `reason` are its run status and run reason, `outcomes`
    /// its outcome counts, `hostWaivers` the waiver of each host (`WaiverAccumulator.judgeRun`).
    mutating func add(
        _ run: StageRun, status: RunStatus, reason: Reason?, outcomes runOutcomes: OutcomeCounts,
        waived runWaived: WaivedCounts, hostWaivers: [Int32]? = nil, waivedBy: Int? = nil
    ) {
        precondition(sortedHosts.isEmpty, "no run is added to a cluster once its hosts are sealed")
        let changeRun = changes?.beginRun(
            run, status: status, reason: reason, outcomes: runOutcomes, waivedBy: waivedBy)
        // Through a buffer pointer, hosts are borrowed: `for host in run.hosts` copies each
        // one, a retain and a release per string.
        run.hosts.withUnsafeBufferPointer { hostList in
            for i in hostList.indices {
                // Read in place through a pointer: passing `hostList[i]` on still copied it.
                let host = hostList.baseAddress! + i
                let track = trackIndex(of: host)
                hosts.values[track].add(host, runStart: run.start, waivedBy: hostWaivers?[i] ?? -1)
                if let changeRun {
                    // The host's change track is found from its host track: no second table.
                    if hosts.values[track].changeSlot < 0 {
                        hosts.values[track].changeSlot = changes!.newHost(changeRun)
                    }
                    changes!.add(
                        host, slot: hosts.values[track].changeSlot, in: changeRun, waivedBy: hostWaivers?[i] ?? -1)
                }
                if let ms = HostResult.durationMilliseconds(
                    outcome: host.pointee.outcome, start: host.pointee.start,
                    end: host.pointee.end)
                {
                    durations.record(ms)
                }
            }
        }
        runs += 1
        runStatuses.addRun(status)
        outcomes.add(runOutcomes)
        waived.add(runWaived)
        if let id = run.commit {
            let commit = commits.slot(for: id) { RunTally() }
            commits.values[commit].add(status, outcomes: runOutcomes, waived: runWaived)
        }
        latest = RunBrief(
            start: run.start, end: run.end, commit: run.commit, status: status, stageStatus: run.stageStatus,
            taskStatus: run.taskStatus, reason: reason, outcomes: runOutcomes)
        if let name = run.clusterName { annotatedName = name }
    }

    /// Moves the hosts from their table into a list by id, for the summary. The list has no
    /// empty buckets, and made on the thread that made the table, it reuses the table's memory
    /// in that thread's malloc arena (see `SummaryBuilder.sealHosts`).
    mutating func sealHosts() {
        guard !hosts.isEmpty else { return }
        // Positions are sorted, not the hosts: each move of an (id, track) pair was a copy
        // through the generic value witnesses, a retain and a release per string and array.
        // A dictionary's keys and values come in the same order.
        let ids = Array(hosts.keys), tracks = Array(hosts.values)
        hosts = [:]
        var list: [(id: String, track: HostTrack)] = []
        list.reserveCapacity(ids.count)
        for i in ids.indices.sorted(by: { ByteOrder.less(ids[$0], ids[$1]) }) {
            list.append((ids[i], tracks[i]))
        }
        sortedHosts = list
    }

    /// Where the host's track is, made first if the host is new; the caller changes it in
    /// place (`hosts.values[index]`).
    mutating func trackIndex(of host: UnsafePointer<HostResult>) -> [String: HostTrack].Index {
        hosts.slot(for: host.pointee.id) { HostTrack(name: host.pointee.name) }
    }
}

struct ReasonAccumulator {
    /// Tells this reason from the others of its builder in `HostTrack.countReason`.
    let number: UInt32
    var count = 0
    /// Distinct hosts. Each host counts itself once per reason (its `HostTrack` remembers the
    /// reasons it was counted for), so there is no set of host keys per reason.
    var hosts = 0
    var message: String?
    var resolution: String?
    /// 1 + the canonical position of the latest run with this reason; 0 before any.
    var lastRun = 0

    init(number: UInt32) { self.number = number }

    /// The sample message is the latest run's, first host by id (runs arrive in canonical order).
    mutating func add(_ reason: Reason, newHost: Bool, run: Int) {
        count += 1
        if newHost { hosts += 1 }
        if run != lastRun {
            lastRun = run
            message = reason.message
            resolution = reason.resolution
        }
    }

    static func ranked(_ reasons: [String: ReasonAccumulator]) -> [ReasonSummary] {
        reasons.map {
            ReasonSummary(
                id: $0.key, count: $0.value.count, hosts: $0.value.hosts,
                message: $0.value.message, resolution: $0.value.resolution)
        }
        .sorted { $0.count != $1.count ? $0.count > $1.count : ByteOrder.less($0.id, $1.id) }
    }
}

/// One night of one host, kept compact: there is one per host per night of the window.
struct NightCell {
    /// Days since 1970-01-01 (UTC) of the run start.
    var day: Int32
    var latest: UInt8
    /// Outcomes that night per `HostOutcome.ordinal`, saturating at 255.
    var counts: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0)

    mutating func add(_ o: HostOutcome) {
        latest = UInt8(o.ordinal)
        withUnsafeMutableBytes(of: &counts) { c in
            if c[o.ordinal] < 255 { c[o.ordinal] += 1 }
        }
    }

    /// Failed plus timed-out outcomes that night.
    var failedCount: Int {
        withUnsafeBytes(of: counts) { Int($0[HostOutcome.failed.ordinal]) + Int($0[HostOutcome.timedOut.ordinal]) }
    }

    var outcomes: OutcomeCounts {
        var outcomes = OutcomeCounts()
        withUnsafeBytes(of: counts) { c in
            for o in HostOutcome.allCases { outcomes[o] = Int(c[o.ordinal]) }
        }
        return outcomes
    }
}

/// One host across the window, folded in canonical run order.
struct HostTrack {
    var name: String
    var outcomes = 0
    var succeeded = 0
    var failed = 0
    var streak = 0
    var latest: HostOutcome?
    /// The position of the waiver that waives the latest outcome, -1 for none. Beside `latest`,
    /// it takes room the layout leaves free before `latestStart`.
    var latestWaiver: Int32 = -1
    var latestStart: Timestamp?
    /// With changes tracked, where the host's change track is in its cluster's
    /// (`ClusterChangeTrack.tracks`); -1 otherwise. In room the layout leaves after `latestStart`.
    var changeSlot: Int32 = -1
    var latestReason: String?
    /// The host's latest nights, ascending (runs arrive in canonical order, so by start); at
    /// most `HostNights.keptNights`, so memory does not grow with the length of the window.
    var nights: [NightCell] = []
    /// The reasons this host was counted for (`ReasonAccumulator.number`, failure reasons with
    /// the top bit set); usually one or two.
    private var countedReasons: [UInt32] = []

    init(name: String) {
        self.name = name
        // Room for a week of nights up front: grown from empty, a month took six allocations
        // per host. (A full `keptNights` for every host would cost hosts that are seen once.)
        nights.reserveCapacity(8)
    }

    /// Whether this is the host's first outcome with the reason numbered `number`.
    mutating func countReason(_ number: UInt32) -> Bool {
        if countedReasons.contains(number) { return false }
        countedReasons.append(number)
        return true
    }

    mutating func add(_ host: UnsafePointer<HostResult>, runStart: Timestamp?, waivedBy: Int32 = -1) {
        // The latest real name wins; a run without host_info for this host keeps the older one.
        if host.pointee.name != host.pointee.id { name = host.pointee.name }
        let outcome = host.pointee.outcome
        outcomes += 1
        if outcome == .succeeded { succeeded += 1 }
        if outcome.isFailure {
            failed += 1
            streak += 1
        } else {
            streak = 0
        }
        latest = outcome
        latestWaiver = waivedBy
        latestStart = runStart
        latestReason = host.pointee.reason?.id
        if let runStart {
            let day = Int32(truncatingIfNeeded: runStart.utcDay)
            if nights.last?.day != day {
                if nights.count == HostNights.keptNights {
                    nights.removeFirst()
                } else if nights.count == nights.capacity {
                    // Eight more at a time, not twice as many: doubling left most hosts with
                    // room for nearly twice the nights they keep.
                    nights.reserveCapacity(min(nights.count + 8, HostNights.keptNights))
                }
                nights.append(NightCell(day: day, latest: 0))
            }
            nights[nights.count - 1].add(outcome)
        }
    }
}
