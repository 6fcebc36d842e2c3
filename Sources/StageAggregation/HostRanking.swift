import StageModel

/// The host lists of the summary (flaky, failing, failed nights), each ranked by a count and
/// then by host key.
///
/// Each cluster's hosts are already in id order (`ClusterAccumulator.sealHosts`) and the
/// clusters in key order, so a host's position in that walk is its place in key order, and
/// each list is ranked on integers (its count, then that position). Sorting every list on its
/// string keys cost more than the rest of the summary together. Hosts are read where they
/// are, never copied into a table of their own, which would grow the summary's peak with the
/// number of hosts.
struct HostRanking {
    private let clusters: [(key: ClusterKey, value: ClusterAccumulator)]
    /// Where the host at each position is: its cluster, and its place in the cluster's hosts.
    private let places: [(cluster: Int32, host: Int32)]

    /// `clusters` must be sorted by key, with their hosts sealed.
    init(sortedClusters clusters: [(key: ClusterKey, value: ClusterAccumulator)]) {
        var places: [(cluster: Int32, host: Int32)] = []
        places.reserveCapacity(clusters.reduce(0) { $0 + $1.value.sortedHosts.count })
        for c in clusters.indices {
            precondition(clusters[c].value.hosts.isEmpty, "hosts are sealed before they are ranked")
            for h in clusters[c].value.sortedHosts.indices { places.append((Int32(c), Int32(h))) }
        }
        self.clusters = clusters
        self.places = places
    }

    var flaky: [FlakyHost] {
        ranked { t in t.succeeded > 0 && t.failed > 0 ? t.failed : nil }.map { p in
            let (key, t) = host(at: p)
            return FlakyHost(key: key, name: t.name, outcomes: t.outcomes, succeeded: t.succeeded, failed: t.failed)
        }
    }

    var failing: [FailingHost] {
        ranked { t in t.latest?.isFailure == true ? t.streak : nil }.map { p in
            let (key, t) = host(at: p)
            return FailingHost(
                key: key, name: t.name, streak: t.streak, latestOutcome: t.latest ?? .failed,
                latestRunStart: t.latestStart, latestReason: t.latestReason)
        }
    }

    /// Every host, in key order: the position order is the key order.
    var every: [HostLatest] {
        places.indices.map { p in
            let (key, t) = host(at: p)
            return HostLatest(
                key: key, name: t.name, latestOutcome: t.latest ?? .unknown, streak: t.streak,
                latestRunStart: t.latestStart, latestReason: t.latestReason,
                latestWaivedBy: t.latestWaiver < 0 ? nil : Int(t.latestWaiver))
        }
    }

    /// Hosts with a failed or timed-out outcome in the window's last `keptNights` nights (days
    /// with a run), with their outcomes on those nights. A host's own latest cells cover them:
    /// any of its cells on one of the window's latest nights is among its own latest.
    func nights(windowDays: [Int32]) -> [HostNights] {
        let shown = Set(windowDays.suffix(HostNights.keptNights))
        return ranked { t -> Int? in
            guard t.failed > 0 else { return nil }
            let failed = t.nights.reduce(0) { n, c in shown.contains(c.day) ? n + c.failedCount : n }
            return failed > 0 ? failed : nil
        }.map { p in
            let (key, t) = host(at: p)
            let shownCells = t.nights.filter { shown.contains($0.day) }
            return HostNights(
                key: key, name: t.name,
                failed: shownCells.reduce(0) { $0 + $1.failedCount }, nights: shownCells.map(HostNights.Night.init))
        }
    }

    private func host(at position: Int) -> (key: HostKey, track: HostTrack) {
        // Projected, not `let cluster = clusters[c]`: that copied the whole accumulator.
        let c = Int(places[position].cluster), h = Int(places[position].host)
        let key = clusters[c].key
        return (
            HostKey(vcenter: key.vcenter, cluster: key.id, host: clusters[c].value.sortedHosts[h].id),
            clusters[c].value.sortedHosts[h].track
        )
    }

    /// The positions of the hosts for which `count` is not nil, by count descending, then by key.
    private func ranked(by count: (borrowing HostTrack) -> Int?) -> [Int] {
        var picked: [(count: Int, position: Int)] = []
        var position = 0
        for c in clusters.indices {
            // Read in place: a copy of each host (or cluster) would be a retain and a release
            // per string and array.
            clusters[c].value.sortedHosts.withUnsafeBufferPointer { hosts in
                for h in hosts.indices {
                    if let n = count(hosts[h].track) { picked.append((n, position)) }
                    position += 1
                }
            }
        }
        picked.sort { $0.count != $1.count ? $0.count > $1.count : $0.position < $1.position }
        return picked.map(\.position)
    }
}
