import StageModel

/// Turns each cluster's change track into the `ChangeSummary` (issue 18, docs/changes.md), once
/// every run is folded in: only then is the window's latest night known, and builders that
/// took different clusters agree on it.
struct ChangeClassifier {
    /// The window's latest night, as days since 1970-01-01; nil when no run has a start.
    let latestNight: Int64?

    init(lastRunStart: Timestamp?) {
        latestNight = lastRunStart?.utcDay
    }

    /// `clusters` in key order, with hosts sealed; `name` gives a cluster's display name.
    func summary(
        of clusters: [(key: ClusterKey, value: ClusterAccumulator)], name: (ClusterKey, ClusterAccumulator) -> String
    ) -> ChangeSummary {
        var out = ChangeSummary()
        out.night = latestNight.map { Timestamp(utcDay: $0).utcDate }
        out.clusters = clusters.count
        for (key, cluster) in clusters {
            guard let track = cluster.changes, isOnLatestNight(track.latest.start) else { continue }
            out.clustersCompared += 1
            let before = out.hosts.count
            classifyHosts(of: track, key: key, hosts: cluster.sortedHosts, into: &out.hosts)
            let newlyFailed = out.hosts[before...].reduce(0) { $0 + ($1.kind == .newFailure ? 1 : 0) }
            if let change = classify(track, key: key, name: name(key, cluster), newlyFailedHosts: newlyFailed) {
                out.clusterChanges.append(change)
            }
        }
        out.hosts.sort(by: Self.precedes)
        out.clusterChanges.sort(by: Self.precedes)
        return out
    }

    private func isOnLatestNight(_ start: Timestamp?) -> Bool {
        guard let latestNight, let start else { return false }
        return start.utcDay == latestNight
    }

    /// The hosts of a cluster whose latest run has host outcomes; `hosts` are the cluster's
    /// sealed host tracks, by id, each with the slot of its change track.
    private func classifyHosts(
        of track: ClusterChangeTrack, key: ClusterKey, hosts: [(id: String, track: HostTrack)],
        into list: inout [HostChange]
    ) {
        // A latest run without hosts (failed outright) says nothing of them: the cluster's own
        // change says it.
        guard track.latestRunWithHosts == track.runCount - 1 else { return }
        for (id, hostTrack) in hosts {
            let host = track.tracks[Int(hostTrack.changeSlot)]
            let kind: ChangeKind?
            if host.latestRun != track.latestRunWithHosts {
                kind = .gone
            } else if host.latest.isFailure {
                kind = host.previous?.isFailure == true ? .stillFailing : .newFailure
            } else if host.latest == .succeeded, host.previous?.isFailure == true {
                kind = .fixed
            } else if host.previous == nil, host.firstRun > 0 {
                kind = .new
            } else {
                kind = nil
            }
            guard let kind else { continue }
            let regression = host.failingSince.map {
                RegressionWindow(lastGood: host.lastGood, firstBad: $0, wholeCluster: host.failingSinceWholeCluster)
            }
            list.append(
                HostChange(
                    key: HostKey(vcenter: key.vcenter, cluster: key.id, host: id), name: hostTrack.name,
                    kind: kind, outcome: host.latest, previous: kind == .gone ? nil : host.previous,
                    regression: kind == .gone ? nil : regression, latest: host.latestPoint,
                    reason: host.latest.isFailure ? host.reason : nil,
                    waivedBy: host.waiver < 0 || kind == .gone ? nil : Int(host.waiver)))
        }
    }

    private func classify(_ track: ClusterChangeTrack, key: ClusterKey, name: String, newlyFailedHosts: Int)
        -> ClusterChange?
    {
        let kind: ChangeKind
        if track.latestFailed {
            kind = track.previousFailed == true ? .stillFailing : .newFailure
        } else if track.previousFailed == true, track.latestStatus == .succeeded {
            kind = .fixed
        } else if track.runCount == 1 {
            kind = .new
        } else {
            return nil
        }
        let regression = track.failingSince.map {
            RegressionWindow(lastGood: track.lastGood, firstBad: $0, wholeCluster: track.failingSinceWholeCluster)
        }
        let outright = track.latestHostless && track.latestStatus.isFailure
        return ClusterChange(
            vcenter: key.vcenter, id: key.id, name: name, kind: kind, status: track.latestStatus,
            failedOutright: outright, newlyFailedHosts: newlyFailedHosts, regression: regression,
            latest: track.latest, reason: track.latestFailed ? track.latestReason : nil,
            waivedBy: outright && track.latestWaiver >= 0 ? Int(track.latestWaiver) : nil)
    }

    /// By kind; failures newest first (by the start of their failures); then by key.
    private static func precedes(_ a: HostChange, _ b: HostChange) -> Bool {
        if a.kind != b.kind { return a.kind < b.kind }
        let sa = a.regression?.firstBad.start, sb = b.regression?.firstBad.start
        if sa != sb { return newer(sa, sb) }
        return a.key < b.key
    }

    private static func precedes(_ a: ClusterChange, _ b: ClusterChange) -> Bool {
        if a.kind != b.kind { return a.kind < b.kind }
        let sa = a.regression?.firstBad.start, sb = b.regression?.firstBad.start
        if sa != sb { return newer(sa, sb) }
        return a.vcenter != b.vcenter ? ByteOrder.less(a.vcenter, b.vcenter) : ByteOrder.less(a.id, b.id)
    }

    /// The later start first; a missing start last.
    private static func newer(_ a: Timestamp?, _ b: Timestamp?) -> Bool {
        switch (a, b) {
        case (let a?, let b?): return a > b
        case (.some, nil): return true
        default: return false
        }
    }
}
