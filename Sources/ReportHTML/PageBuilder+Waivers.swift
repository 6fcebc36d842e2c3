import StageAggregation
import StageModel
import Waivers

extension PageBuilder {
    /// The waivers section; none without a waiver file, so that such reports are unchanged.
    func waivers() -> [WaiversView] {
        guard let w = summary.waivers else { return [] }
        let t = summary.totals
        let waived = w.waived.reversed().prefix(topN)
        let expired = w.expiredMatches.reversed().prefix(topN)
        let failedRuns = t.runStatuses.failures
        let after = summary.outcomes.afterWaivers(t.waived)
        let overview =
            "\(ViewFormat.count(t.waived.hostOutcomes)) of "
            + "\(ViewFormat.count(summary.outcomes.failures)) failed or timed-out host "
            + "outcomes and \(ViewFormat.count(t.waived.runs)) of \(ViewFormat.count(failedRuns)) failed runs waived "
            + "by \(ViewFormat.count(w.standings.count, "waiver")) of \(shortText(w.file)). Waived failures still "
            + "count as failed; the gates read the figures after waivers (success rate "
            + "\(ViewFormat.percent(after.successRate)), waived failures left out)."
        func hitRow(_ h: WaiverHit) -> WaiverHitRow {
            let waiver = w.standings[h.waiver].waiver
            return WaiverHitRow(
                waiver: "#\(h.waiver)", owner: shortText(waiver.owner), ticket: shortText(waiver.ticket, none: "—"),
                expires: waiver.expires.description, cluster: shortText(h.clusterName ?? h.cluster),
                vcenter: shortText(h.vcenter), host: shortText(h.hostName ?? h.host, none: "(the run)"),
                start: ViewFormat.minute(h.start), outcome: shortText(h.outcome),
                reasonID: shortText(h.reason, none: "—"))
        }
        func waiverRow(_ s: WaiverStanding) -> WaiverRow {
            WaiverRow(
                waiver: "#\(s.waiver.position)", match: shortText(s.waiver.match.summary),
                owner: shortText(s.waiver.owner), ticket: shortText(s.waiver.ticket, none: "—"),
                expires: s.waiver.expires.description, daysLeft: String(s.daysLeft),
                waived: ViewFormat.count(s.tally.waivedHostOutcomes + s.tally.waivedRuns))
        }
        let soon = w.expiringSoon, stale = w.stale
        return [
            WaiversView(
                overview: overview, hasWaived: !waived.isEmpty, waived: waived.map(hitRow),
                waivedMore: ViewFormat.more(total: w.waivedCount, shown: waived.count, noun: "waived failures"),
                hasExpired: !expired.isEmpty, expired: expired.map(hitRow),
                expiredMore: ViewFormat.more(
                    total: w.expiredMatchCount, shown: expired.count, noun: "expired-waiver matches"),
                hasExpiringSoon: !soon.isEmpty, expiringSoon: soon.map(waiverRow),
                hasStale: !stale.isEmpty, stale: stale.map(waiverRow))
        ]
    }

    /// ` · waived by #2 (carol)` after a run's status, or nothing.
    func waivedMark(_ position: Int?) -> String {
        guard let position, let w = summary.waivers else { return "" }
        return " · waived by #\(position) (\(shortText(w.standings[position].waiver.owner)))"
    }
}
