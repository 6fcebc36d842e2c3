import StageModel

extension SummaryBuilder {
    /// Folds in a builder that was fed *other clusters* of the same canonical run sequence, with
    /// the same `canonicalIndex` numbering, so that several builders can aggregate one input on
    /// several cores. The result equals one builder fed every run, whatever the split: each
    /// cluster's state (hosts, streaks, latest run, commits) lives in exactly one builder, and
    /// everything shared is a sum, a union, a minimum or maximum, or decided by the canonical
    /// index (a reason's sample message is the latest run's).
    public mutating func merge(_ other: SummaryBuilder) {
        for (key, cluster) in other.clusters {
            precondition(clusters[key] == nil, "a cluster was fed to two builders")
            clusters[key] = cluster
        }
        days.merge(other.days) { a, b in
            var sum = a
            sum.merge(b)
            return sum
        }
        dayNumbers.formUnion(other.dayNumbers)
        skipReasons.merge(other.skipReasons) { $0.merged(with: $1) }
        failureReasons.merge(other.failureReasons) { $0.merged(with: $1) }
        warnings.merge(other.warnings) { $0.merged(with: $1) }
        runReasons.merge(other.runReasons) { $0.merged(with: $1) }
        runsWithoutHosts += other.runsWithoutHosts
        runStatuses.add(other.runStatuses)
        for (kind, entry) in other.notes {
            var mine = notes[kind] ?? (0, [])
            mine.count += entry.count
            mine.examples = Array((mine.examples + entry.examples).sorted { $0.0 < $1.0 }.prefix(5))
            notes[kind] = mine
        }
        outcomes.add(other.outcomes)
        waived.add(other.waived)
        if let theirs = other.waiverState { waiverState?.merge(theirs) }
        for i in durationsByOutcome.indices { durationsByOutcome[i].merge(other.durationsByOutcome[i]) }
        runCount += other.runCount
        // The smallest and largest start of either.
        firstStart = [firstStart, other.firstStart].compactMap { $0 }.min()
        lastStart = [lastStart, other.lastStart].compactMap { $0 }.max()
        lastIdentity = [lastIdentity, other.lastIdentity].compactMap { $0 }.max()
    }
}

extension ReasonAccumulator {
    /// Both tallies; the sample message of whichever saw the later run. Host counts add up:
    /// builders take disjoint clusters, and a host key includes its cluster.
    func merged(with other: ReasonAccumulator) -> ReasonAccumulator {
        var m = lastRun >= other.lastRun ? self : other
        m.count = count + other.count
        m.hosts = hosts + other.hosts
        return m
    }
}
