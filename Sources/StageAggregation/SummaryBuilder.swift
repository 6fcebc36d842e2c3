import StageModel
import Waivers
import Workers

/// Folds runs, fed in canonical order, into a `Summary`. Pure: no I/O, no clock.
///
/// Memory grows with the number of distinct hosts, clusters, commits, days and reasons, not
/// with the number of runs: each run is folded in and dropped.
public struct SummaryBuilder: Sendable {
    /// Display names from a cluster inventory, by (vCenter, id); a `nil` vCenter matches any.
    public var inventory: ClusterInventory
    var clusters: [ClusterKey: ClusterAccumulator] = [:]
    var days: [String: RunTally] = [:]
    var dayNumbers = Set<Int32>()
    var skipReasons: [String: ReasonAccumulator] = [:]
    var failureReasons: [String: ReasonAccumulator] = [:]
    var warnings: [String: WarningAccumulator] = [:]
    var runReasons: [String: RunReasonAccumulator] = [:]
    /// With each run's canonical position, so that builders' lists merge into run order.
    var runsWithoutHosts: [(index: Int, run: RunWithoutHosts)] = []
    var runStatuses = OutcomeCounts()
    var notes: [DataQualityKind: (count: Int, examples: [(DocumentSource, String)])] = [:]
    var outcomes = OutcomeCounts()
    /// Durations of succeeded, failed and timed-out outcomes, by `HostOutcome.ordinal` (the
    /// only outcomes with a duration come first); the overall histogram is their merge.
    var durationsByOutcome = [DurationHistogram](repeating: DurationHistogram(), count: 3)
    var runCount = 0
    var firstStart: Timestamp?
    var lastStart: Timestamp?
    var lastIdentity: RunIdentity?
    /// This builder's waiver matching and counts; `nil` without a waiver file.
    var waiverState: WaiverAccumulator?
    /// What waivers took out of the totals.
    var waived = WaivedCounts()
    /// Whether clusters track what changed (`Summary.changes`); off, nothing of it is kept.
    public let tracksChanges: Bool

    /// `waivers`: the waiver file ready for matching (`--waivers`); each builder makes its own
    /// matcher from it, so builders fed on different threads share nothing mutable.
    /// `tracksChanges`: compare each host's and cluster's latest outcome with its previous one.
    public init(
        inventory: ClusterInventory = ClusterInventory(), waivers: WaiverIndex? = nil, tracksChanges: Bool = false
    ) {
        self.inventory = inventory
        self.tracksChanges = tracksChanges
        waiverState = waivers.map { WaiverAccumulator(judge: WaiverJudge(index: $0, inventory: inventory)) }
    }

    /// The waiver matcher with every answer the builders cached, for renderers that judge the
    /// runs again; nil without waivers.
    public var waiverMatcher: WaiverMatcher? { waiverState?.matcher }

    /// Adds one run. Runs must come in canonical order (`RunIdentity`'s `<`), without duplicates.
    public mutating func add(_ run: StageRun) { add(run, canonicalIndex: runCount) }

    /// Adds one run that has position `canonicalIndex` among all runs. Builders that each took
    /// some of the clusters, in canonical order, are combined with `merge`; the position
    /// tells them which run came last across builders.
    public mutating func add(_ run: StageRun, canonicalIndex: Int) {
        let identity = run.identity
        precondition(lastIdentity.map { $0 < identity } ?? true, "runs must be added in canonical order")
        lastIdentity = identity
        runCount += 1
        if let s = run.start {
            firstStart = firstStart ?? s
            lastStart = s
        }
        let slot = clusters.slot(for: ClusterKey(vcenter: run.vcenter, id: run.clusterID)) {
            var cluster = ClusterAccumulator()
            if tracksChanges { cluster.changes = ClusterChangeTrack() }
            return cluster
        }
        var runOutcomes = OutcomeCounts()
        // Read in place through a pointer rather than copied one by one (see ClusterAccumulator).
        run.hosts.withUnsafeBufferPointer { hostList in
            for i in hostList.indices {
                let host = hostList.baseAddress! + i
                let outcome = host.pointee.outcome
                runOutcomes.add(outcome)
                if let ms = HostResult.durationMilliseconds(
                    outcome: outcome, start: host.pointee.start, end: host.pointee.end)
                {
                    durationsByOutcome[outcome.ordinal].record(ms)
                }
                if !host.pointee.warnings.isEmpty {
                    Self.countWarnings(
                        of: host, in: &warnings, cluster: &clusters.values[slot], run: canonicalIndex + 1)
                }
                guard let reason = host.pointee.reason else { continue }
                if outcome == .skipped {
                    Self.count(
                        reason, of: host, kindBit: 0, in: &skipReasons, cluster: &clusters.values[slot],
                        run: canonicalIndex + 1)
                } else if outcome.isFailure {
                    Self.count(
                        reason, of: host, kindBit: 1 << 31, in: &failureReasons, cluster: &clusters.values[slot],
                        run: canonicalIndex + 1)
                }
            }
        }
        outcomes.add(runOutcomes)
        // Derived once here and handed on: both are read by the run tallies, the cluster and the lists.
        let status = run.runStatus
        let reason = status.reason(firstError: run.firstError)
        runStatuses.addRun(status)
        var runWaived = WaivedCounts()
        var runWaivedBy: Int?
        var hostWaivers: [Int32]?
        if waiverState != nil, status.isFailure || runOutcomes.failures > 0 {
            (runWaived, runWaivedBy, hostWaivers) = waiverState!.judgeRun(
                run, status: status, canonicalIndex: canonicalIndex)
            waived.add(runWaived)
        }
        addRunNotifications(
            run, status: status, reason: reason, cluster: slot, canonicalIndex: canonicalIndex, waivedBy: runWaivedBy)
        // Folded in place: copying the accumulator out of the dictionary and back would copy
        // its host table and histogram on every run.
        clusters.values[slot].add(
            run, status: status, reason: reason, outcomes: runOutcomes, waived: runWaived, hostWaivers: hostWaivers,
            waivedBy: runWaivedBy)
        if let start = run.start {
            dayNumbers.insert(Int32(truncatingIfNeeded: start.utcDay))
        }
        if let date = run.start?.utcDate {
            days[date, default: RunTally()].add(status, outcomes: runOutcomes, waived: runWaived)
        }
        for note in run.notes { record(note, from: run.source) }
    }

    /// Puts each cluster's hosts in id order, in a list rather than a table. Call it on the
    /// thread that added the runs, once they are all added: that thread's malloc arena holds
    /// the tables, and only that thread reuses their memory for the lists. Made elsewhere, the
    /// lists came on top of the tables. No run can be added
    /// after it; `summary` seals whatever is not sealed yet.
    public mutating func sealHosts() {
        // By index, not over `clusters.values.indices`: that view holds the table, and the
        // first change in place then copied the whole table, keeping every host table alive
        // until the end.
        var i = clusters.startIndex
        while i != clusters.endIndex {
            clusters.values[i].sealHosts()
            clusters.formIndex(after: &i)
        }
    }

    /// Tallies a host's reason; the host's track in its cluster tells whether it is a new host
    /// for the reason.
    private static func count(
        _ reason: Reason, of host: UnsafePointer<HostResult>, kindBit: UInt32,
        in reasons: inout [String: ReasonAccumulator],
        cluster: inout ClusterAccumulator, run: Int
    ) {
        let number = UInt32(reasons.count) // the next reason's, used only if this one is new
        let slot = reasons.slot(for: reason.id) { ReasonAccumulator(number: number) }
        let reasonNumber = reasons.values[slot].number | kindBit
        let newHost = cluster.hosts.values[cluster.trackIndex(of: host)].countReason(reasonNumber)
        reasons.values[slot].add(reason, newHost: newHost, run: run)
    }

    /// Every duration: a duration belongs to a succeeded, failed or timed-out outcome, so this
    /// is the merge of the three (merging is exact).
    private var overallDurations: DurationHistogram {
        var all = DurationHistogram()
        for h in durationsByOutcome { all.merge(h) }
        return all
    }

    private mutating func record(_ note: DataQualityNote, from source: DocumentSource) {
        var entry = notes[note.kind] ?? (0, [])
        entry.count += 1
        if entry.examples.count < 5 || source < entry.examples[entry.examples.count - 1].0 {
            entry.examples.append((source, "\(source): \(note.detail)"))
            entry.examples.sort { $0.0 < $1.0 }
            if entry.examples.count > 5 { entry.examples.removeLast() }
        }
        notes[note.kind] = entry
    }

    /// The finished summary. `inputs` is filled in by the caller, which knows what was read.
    /// The commit list is made first, then the host lists and the rest (see
    /// `hostListsAndTheRest`).
    ///
    /// Consuming: each cluster's commit tallies are let go as its commits are listed, so the
    /// two are not held in full at once at the heap's peak. The tallies were allocated on
    /// the aggregation's worker threads, in their malloc arenas, which this thread does not
    /// allocate from: `releaseFreePages` is called once they are gone, for the caller to give
    /// those pages back to the system. `listEveryHost` fills `Summary.hosts`.
    public consuming func summary(
        title: String, generatedAt: Timestamp, inputs: InputCounts, rejected: [Rejection],
        workers: Int = 1, listEveryHost: Bool = false, releaseFreePages: () -> Void = {}
    ) -> Summary {
        // Sorted by key alone, then gathered: sorting (key, accumulator) pairs copied them.
        // Each accumulator is moved out of the dictionary, so that the list below holds the
        // only reference to its commit tallies. Every string that goes into the summary is
        // copied on the way (`String.relocated`); the host lists' strings at the end, once
        // the accumulators are gone, so that the copies are not made beside them.
        var sortedClusters: [(key: ClusterKey, value: ClusterAccumulator)] = []
        sortedClusters.reserveCapacity(clusters.count)
        for key in clusters.keys.sorted() {
            var cluster = clusters.removeValue(forKey: key)!
            cluster.sealHosts() // done already where the pipeline's workers sealed theirs
            sortedClusters.append((key.relocated, cluster))
        }
        // Empty by now; this lets its table go too.
        clusters = [:]
        var changes =
            tracksChanges
            ? ChangeClassifier(lastRunStart: lastStart).summary(of: sortedClusters, name: displayName) : nil
        let commits = Self.commits(releasingFrom: &sortedClusters)
        if changes != nil {
            (changes!.commitRegressions, changes!.commitComparisons) = CommitRegression.find(in: commits) { vc, id in
                sortedClusters.first { $0.key.vcenter == vc && $0.key.id == id }.map { displayName($0.key, $0.value) }
                    ?? id
            }
        }
        releaseFreePages()
        let (lists, rest) = hostListsAndTheRest(
            consume sortedClusters, commits: commits, title: title, generatedAt: generatedAt,
            inputs: inputs, rejected: rejected, workers: workers, listEveryHost: listEveryHost)
        // `lists` keeps every original alive until the copies are made (see StringRelocation).
        var copy = StringRelocation()
        var summary = rest
        summary.waivers = waiverState?.summary()
        summary.changes = changes
        summary.flakyHosts = lists.flaky.map { $0.relocated(with: &copy) }
        summary.failingHosts = lists.failing.map { $0.relocated(with: &copy) }
        summary.hostNights = lists.nights.map { $0.relocated(with: &copy) }
        summary.hosts = lists.every.map { $0.relocated(with: &copy) }
        return summary
    }

    typealias HostLists = (flaky: [FlakyHost], failing: [FailingHost], nights: [HostNights], every: [HostLatest])

    /// The host lists and the rest of the summary. Takes the clusters, so that their
    /// accumulators are gone when it returns. With `workers` above 1 the host lists are built
    /// on a second thread while the rest is built on this one: the two need nothing from each
    /// other.
    private func hostListsAndTheRest(
        _ sortedClusters: consuming [(key: ClusterKey, value: ClusterAccumulator)],
        commits: [CommitSummary], title: String, generatedAt: Timestamp,
        inputs: InputCounts, rejected: [Rejection], workers: Int, listEveryHost: Bool
    )
        -> (lists: HostLists, rest: Summary)
    {
        let sorted = sortedClusters
        let windowDays = dayNumbers.sorted()
        return ForkJoin.both(
            parallel: workers > 1,
            {
                let hosts = HostRanking(sortedClusters: sorted)
                return (
                    flaky: hosts.flaky, failing: hosts.failing, nights: hosts.nights(windowDays: windowDays),
                    every: listEveryHost ? hosts.every : []
                )
            },
            { [self] in
                summaryWithoutHostLists(
                    title: title, generatedAt: generatedAt, inputs: inputs, rejected: rejected,
                    sortedClusters: sorted, commits: commits)
            })
    }

    /// Clusters in order, and each cluster's commits in `CommitOrder`: by vCenter, cluster id
    /// and commit. Commits are kept per cluster, so there is no table of every commit to merge
    /// or sort (a month of a large estate has 20,000). Each cluster's tallies are released once
    /// listed.
    private static func commits(releasingFrom clusters: inout [(key: ClusterKey, value: ClusterAccumulator)])
        -> [CommitSummary]
    {
        var list: [CommitSummary] = []
        list.reserveCapacity(clusters.reduce(0) { $0 + $1.value.commits.count })
        for i in clusters.indices {
            let key = clusters[i].key
            let tallies = clusters[i].value.commits
            clusters[i].value.commits = [:]
            for commit in tallies.keys.sorted(by: CommitOrder.precedes) {
                let tally = tallies[commit]!
                list.append(
                    CommitSummary(
                        vcenter: key.vcenter, cluster: key.id, commit: commit.relocated, runs: tally.runs,
                        runStatuses: tally.runStatuses, outcomes: tally.outcomes, waived: tally.waived))
            }
        }
        return list
    }

    /// The name the runs gave, else the inventory's, else the id.
    private func displayName(_ key: ClusterKey, _ c: ClusterAccumulator) -> String {
        c.annotatedName?.relocated ?? inventory.name(vcenter: key.vcenter, id: key.id) ?? key.id
    }

    private func summaryWithoutHostLists(
        title: String, generatedAt: Timestamp, inputs: InputCounts, rejected: [Rejection],
        sortedClusters: [(key: ClusterKey, value: ClusterAccumulator)],
        commits: [CommitSummary]
    ) -> Summary {
        let clusterList = sortedClusters.map { key, c in
            ClusterSummary(
                vcenter: key.vcenter, id: key.id, name: displayName(key, c),
                runs: c.runs, runStatuses: c.runStatuses, hosts: c.hostCount, outcomes: c.outcomes,
                durations: DurationStats(c.durations), latestRun: c.latest.relocated, waived: c.waived)
        }
        let vcenterCount = Set(sortedClusters.map(\.key.vcenter)).count
        var inputs = inputs
        inputs.runs = runCount
        return Summary(
            title: title, generatedAt: generatedAt, inputs: inputs,
            window: Window(firstRunStart: firstStart, lastRunStart: lastStart),
            totals: Totals(
                vcenters: vcenterCount, clusters: sortedClusters.count,
                hosts: sortedClusters.reduce(0) { $0 + $1.value.hostCount },
                runs: runCount, runStatuses: runStatuses,
                outcomes: outcomes.total, successRate: outcomes.successRate, waived: waived),
            outcomes: outcomes,
            durations: DurationSummary(
                overall: DurationStats(overallDurations),
                succeeded: DurationStats(durationsByOutcome[HostOutcome.succeeded.ordinal]),
                failed: DurationStats(durationsByOutcome[HostOutcome.failed.ordinal]),
                timedOut: DurationStats(durationsByOutcome[HostOutcome.timedOut.ordinal])),
            clusters: clusterList,
            commits: commits,
            days: days.sorted { $0.key < $1.key }.map {
                DaySummary(
                    date: $0.key, runs: $0.value.runs, runStatuses: $0.value.runStatuses, outcomes: $0.value.outcomes,
                    waived: $0.value.waived)
            },
            skipReasons: ReasonAccumulator.ranked(skipReasons).map(\.relocated),
            failureReasons: ReasonAccumulator.ranked(failureReasons).map(\.relocated),
            runFailureReasons: RunReasonAccumulator.ranked(runReasons),
            warnings: WarningAccumulator.ranked(warnings),
            runsWithoutHosts: runsWithoutHosts.sorted { $0.index < $1.index }.map { entry in
                var r = entry.run.relocated
                if r.name.isEmpty { r.name = inventory.name(vcenter: r.vcenter, id: r.cluster) ?? r.cluster }
                return r
            },
            flakyHosts: [],
            failingHosts: [],
            hostNights: [],
            dataQuality: notes.sorted { $0.key < $1.key }.map {
                DataQualitySummary(kind: $0.key, count: $0.value.count, examples: $0.value.examples.map(\.1.relocated))
            },
            rejected: rejected)
    }
}
