import StageAggregation
import StageModel
import Testing
import TestHelpers

/// `SummaryBuilder.merge`: builders that each took whole clusters of one canonical run sequence
/// combine into exactly the summary of one builder fed every run (the pipeline aggregates on
/// all cores this way).
@Suite("SummaryBuilder: merging per-cluster builders")
struct SummaryBuilderMergeTests {
    /// Runs over 2 vCenters × 4 clusters × 12 nights with every outcome, reasons whose message
    /// changes from run to run, data-quality notes, runs without a start, and hosts that come
    /// and go, in canonical order.
    static func fleet(seed: UInt64) -> [StageRun] {
        var rng = LCG(state: seed)
        var runs: [StageRun] = []
        var order = 0
        for vc in ["vc-a", "vc-b"] {
            for c in 1...4 {
                for night in 1...12 {
                    let start: String? = rng.below(9) == 0 ? nil : "2026-11-\(10 + night)T0\(rng.below(10)):00:00Z"
                    var hosts: [HostResult] = []
                    for h in 0..<(2 + rng.below(5)) {
                        let outcome = HostOutcome.allCases[rng.below(HostOutcome.allCases.count)]
                        let reason =
                            outcome == .skipped || outcome.isFailure
                            ? Reason(
                                id: ["nic.down", "disk.full", "vib.conflict"][rng.below(3)],
                                message: "seen in night \(night)") : nil
                        hosts.append(
                            host(
                                "h\(c)-\(h)", outcome, seconds: rng.below(4) == 0 ? nil : Double(30 + rng.below(5_000)),
                                name: "esx\(h).c\(c)", reason: reason, at: start ?? "2026-11-01T00:00:00Z"))
                    }
                    let notes =
                        rng.below(4) == 0
                        ? [
                            DataQualityNote(
                                kind: DataQualityKind.allCases[rng.below(DataQualityKind.allCases.count)],
                                detail: "note \(order)")
                        ] : []
                    runs.append(
                        run(
                            start, vcenter: vc, cluster: "domain-c\(c)", commit: "\(night)", hosts: hosts, notes: notes,
                            name: rng.below(5) == 0 ? "Cluster \(c)" : nil, path: "fleet-\(rng.below(3)).json",
                            order: order))
                    order += 1
                }
            }
        }
        return runs.sorted { $0.identity < $1.identity }
    }

    private func summary(_ builder: SummaryBuilder) -> Summary {
        builder.summary(title: "t", generatedAt: Timestamp(milliseconds: 0), inputs: InputCounts(), rejected: [])
    }

    @Test(
        "Any split of the clusters merges to the single builder's summary",
        arguments: [(UInt64(1), 2), (2, 3), (3, 5), (4, 1)])
    func anySplit(seed: UInt64, builders count: Int) {
        let runs = Self.fleet(seed: seed)
        var single = SummaryBuilder()
        for r in runs { single.add(r) }

        var rng = LCG(state: seed &+ 99)
        var workerOf: [String: Int] = [:]
        var builders = Array(repeating: SummaryBuilder(), count: count)
        for (i, r) in runs.enumerated() {
            let key = r.vcenter + "/" + r.clusterID
            let w = workerOf[key] ?? rng.below(count)
            workerOf[key] = w
            builders[w].add(r, canonicalIndex: i)
        }
        var merged = SummaryBuilder()
        // Every other builder comes sealed, as the pipeline's workers hand theirs over.
        for (w, b) in builders.enumerated().reversed() {
            var b = b
            if w % 2 == 0 { b.sealHosts() }
            merged.merge(b)
        }

        let expected = summary(single), actual = summary(merged)
        #expect(actual == expected)
        // The fleet exercises what merging has to get right.
        #expect(expected.failureReasons.count == 3 && expected.skipReasons.count == 3)
        #expect(!expected.dataQuality.isEmpty && !expected.flakyHosts.isEmpty && !expected.hostNights.isEmpty)
        // With more than one builder, the clusters really were split between them.
        #expect(count == 1 || Set(workerOf.values).count > 1)
    }

    @Test("Building the summary on two threads gives the one-thread summary", arguments: [UInt64(1), 2, 3])
    func summaryOnTwoThreads(seed: UInt64) {
        var builder = SummaryBuilder()
        for r in Self.fleet(seed: seed) { builder.add(r) }
        let oneThread = summary(builder)
        let twoThreads = builder.summary(
            title: "t", generatedAt: Timestamp(milliseconds: 0), inputs: InputCounts(),
            rejected: [], workers: 2)
        #expect(twoThreads == oneThread)
        #expect(!twoThreads.flakyHosts.isEmpty && !twoThreads.failingHosts.isEmpty && !twoThreads.hostNights.isEmpty)
    }

    @Test("Sealing the hosts, as the pipeline's workers do, leaves the summary as it was", arguments: [UInt64(1), 2, 3])
    func sealedHostsGiveTheSameSummary(seed: UInt64) {
        var builder = SummaryBuilder()
        for r in Self.fleet(seed: seed) { builder.add(r) }
        var sealed = builder
        sealed.sealHosts()
        let expected = summary(builder)
        #expect(summary(sealed) == expected)
        #expect(!expected.flakyHosts.isEmpty && !expected.failingHosts.isEmpty && !expected.hostNights.isEmpty)
    }

    @Test func reasonMessageComesFromTheLatestRunAcrossBuilders() {
        let early = run(
            "2026-11-01T00:00:00Z", cluster: "a",
            hosts: [host("h1", .failed, reason: Reason(id: "x", message: "early"))])
        let late = run(
            "2026-11-02T00:00:00Z", cluster: "b", hosts: [host("h1", .failed, reason: Reason(id: "x", message: "late"))]
        )
        var first = SummaryBuilder(), second = SummaryBuilder()
        first.add(early, canonicalIndex: 0)
        second.add(late, canonicalIndex: 1)
        var merged = second
        merged.merge(first)
        #expect(summary(merged).failureReasons.first?.message == "late")
        #expect(summary(merged).failureReasons.first?.hosts == 2)
    }
}
