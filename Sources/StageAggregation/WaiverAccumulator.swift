import StageModel
import Waivers

/// The waiver side of one `SummaryBuilder`, hence of one worker thread: its own matcher (whose
/// cache is not shared), its own ledger and its bounded lists of hits; builders merge them.
struct WaiverAccumulator: Sendable {
    let judge: WaiverJudge
    /// Its answers go on to the renderers that judge the runs again (`SummaryBuilder.waiverMatcher`).
    private(set) var matcher: WaiverMatcher
    private(set) var ledger: WaiverLedger
    private(set) var waived = BoundedHits()
    private(set) var expired = BoundedHits()

    init(judge: WaiverJudge) {
        self.judge = judge
        matcher = judge.index.makeMatcher()
        ledger = WaiverLedger(waiverCount: judge.index.set.count)
    }

    /// What waivers say about one run: its failed and timed-out host outcomes one by one, then
    /// the run itself when its run status is a failure. `hostWaivers` has, per host of the run,
    /// the position of the waiver that waives it (-1: none); `nil` when no host is waived.
    mutating func judgeRun(
        _ run: StageRun, status: RunStatus, canonicalIndex: Int
    ) -> (counts: WaivedCounts, runWaivedBy: Int?, hostWaivers: [Int32]?) {
        let clusterName = judge.clusterName(of: run)
        var counts = WaivedCounts()
        var hostWaivers: [Int32]?
        // Through a buffer pointer, as in `SummaryBuilder.add`: only failures are copied out.
        run.hosts.withUnsafeBufferPointer { hostList in
            for i in hostList.indices {
                let host = hostList.baseAddress! + i
                guard host.pointee.outcome.isFailure else { continue }
                let verdict = matcher.verdict(for: judge.candidate(run, host: host, clusterName: clusterName))
                guard verdict != .none else { continue }
                ledger.record(verdict, for: .hostOutcome)
                if let position = verdict.waivedBy {
                    if host.pointee.outcome == .failed { counts.failed += 1 } else { counts.timedOut += 1 }
                    if hostWaivers == nil { hostWaivers = [Int32](repeating: -1, count: hostList.count) }
                    hostWaivers![i] = Int32(position)
                }
                note(
                    verdict, canonicalIndex: canonicalIndex, sub: i,
                    hit: WaiverHit(
                        vcenter: run.vcenter, cluster: run.clusterID, clusterName: clusterName,
                        host: host.pointee.id, hostName: host.pointee.name, commit: run.commit, start: run.start,
                        outcome: host.pointee.outcome.rawValue, reason: host.pointee.reason?.id, waiver: 0))
            }
        }
        guard status.isFailure else { return (counts, nil, hostWaivers) }
        let reasonID = run.runReason?.id
        let verdict = matcher.verdict(for: judge.candidate(run, clusterName: clusterName))
        guard verdict != .none else { return (counts, nil, hostWaivers) }
        ledger.record(verdict, for: .run)
        if verdict.isWaived {
            counts.runs += 1
            if run.hosts.isEmpty { counts.runsWithoutHosts += 1 }
        }
        note(
            verdict, canonicalIndex: canonicalIndex, sub: Int.max,
            hit: WaiverHit(
                vcenter: run.vcenter, cluster: run.clusterID, clusterName: clusterName, host: nil, hostName: nil,
                commit: run.commit, start: run.start, outcome: status.rawValue, reason: reasonID, waiver: 0))
        return (counts, verdict.waivedBy, hostWaivers)
    }

    private mutating func note(_ verdict: WaiverVerdict, canonicalIndex: Int, sub: Int, hit: WaiverHit) {
        if let position = verdict.waivedBy {
            var h = hit
            h.waiver = position
            waived.append(canonicalIndex, sub, h)
        }
        if let position = verdict.expiredMatch {
            var h = hit
            h.waiver = position
            expired.append(canonicalIndex, sub, h)
        }
    }

    /// Adds a builder's that took other clusters of the same runs; the result does not depend on
    /// the split (counts add, lists are ordered by canonical position).
    mutating func merge(_ other: WaiverAccumulator) {
        matcher.absorb(other.matcher)
        ledger.merge(other.ledger)
        waived.merge(other.waived)
        expired.merge(other.expired)
    }

    func summary() -> WaiverSummary {
        WaiverSummary(
            file: judge.index.set.file, standings: ledger.standings(of: judge.index.set, now: judge.index.now),
            waived: waived.list, waivedCount: waived.count, expiredMatches: expired.list,
            expiredMatchCount: expired.count)
    }
}

/// The latest `WaiverSummary.listLimit` hits by canonical position, with the count of all.
/// Trimmed when twice the limit is reached, so that memory stays bounded and trimming is rare.
struct BoundedHits: Sendable {
    private(set) var count = 0
    private var entries: [(index: Int, sub: Int, hit: WaiverHit)] = []

    mutating func append(_ index: Int, _ sub: Int, _ hit: WaiverHit) {
        count += 1
        entries.append((index, sub, hit))
        if entries.count >= 2 * WaiverSummary.listLimit { trim() }
    }

    mutating func merge(_ other: BoundedHits) {
        count += other.count
        entries += other.entries
        if entries.count >= 2 * WaiverSummary.listLimit { trim() }
    }

    private mutating func trim() {
        entries.sort { ($0.index, $0.sub) < ($1.index, $1.sub) }
        entries.removeFirst(max(0, entries.count - WaiverSummary.listLimit))
    }

    /// In canonical order, the latest at the end.
    var list: [WaiverHit] {
        entries.sorted { ($0.index, $0.sub) < ($1.index, $1.sub) }.suffix(WaiverSummary.listLimit).map(\.hit)
    }
}
