/// A HostSystem of a cluster and its behaviour over the window. Failures are concentrated, as
/// in real fleets: a few flaky hosts, problem episodes of several nights, hosts that keep
/// failing at the end; steady hosts fail only rarely.
struct SampleHost: Sendable {
    var id: String
    var name: String
    let isWitness: Bool
    var trait: SampleHostTrait = .steady
    /// Stretches of nights on which the host fails for one reason (a full locker, a bad VIB).
    var episodes: [SampleFailureEpisode] = []
    /// Night the host joined the cluster (0 = before the window).
    var firstNight = 0
    /// Night the host left (exclusive); `Int.max` = still there.
    var endNight = Int.max

    init(id: String, name: String, isWitness: Bool) {
        self.id = id
        self.name = name
        self.isWitness = isWitness
    }

    func isActive(night: Int) -> Bool {
        night >= firstNight && night < endNight
    }

    /// The reason of the failure episode covering `night`, if any.
    func episodeReason(night: Int) -> SampleNoteKind? {
        for episode in episodes where episode.nights.contains(night) { return episode.reason }
        return nil
    }

    mutating func assignTraits(rng: inout SampleRandom, nights: Int, clusterSize: Int) {
        let roll = rng.unit()
        if roll < SampleRates.flakyHosts {
            trait = .flaky
        } else if roll < SampleRates.flakyHosts + SampleRates.failingHosts {
            // Fails every night of the last 2–4 nights: the "failing hosts" with streaks.
            trait = .failing(from: max(0, nights - rng.int(2...4)), reason: Self.persistentReason(&rng))
        }
        var night = 0
        while night < nights {
            if rng.chance(SampleRates.episodeStart) {
                let length = rng.int(3...8)
                episodes.append(
                    SampleFailureEpisode(
                        nights: night...(night + length - 1),
                        reason: Self.persistentReason(&rng)))
                night += length + 1
            } else {
                night += 1
            }
        }
        guard clusterSize > 1, nights > 1 else { return }
        let churn = rng.unit()
        if churn < 0.02 {
            firstNight = rng.int(1...(nights - 1))
        } else if churn < 0.03 {
            endNight = rng.int(1...(nights - 1))
        }
    }

    /// Reasons that last: they do not go away by retrying the next night.
    private static func persistentReason(_ rng: inout SampleRandom) -> SampleNoteKind {
        [.insufficientSpace, .vibSignature, .healthCheck, .timeout][rng.weighted([50, 20, 10, 20])]
    }
}

struct SampleFailureEpisode: Sendable, Equatable {
    let nights: ClosedRange<Int>
    let reason: SampleNoteKind
}

enum SampleHostTrait: Sendable, Equatable {
    case steady
    /// Fails on some nights and succeeds on others.
    case flaky
    /// Fails every night from `from` on, always for the same reason.
    case failing(from: Int, reason: SampleNoteKind)
}
