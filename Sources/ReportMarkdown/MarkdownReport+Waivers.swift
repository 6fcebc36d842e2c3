import ReportText
import StageAggregation
import StageModel
import Waivers

/// The waiver sections (docs/waivers.md): what was waived, by whom and until when; what expired
/// waivers would have waived; what expires soon; what matched nothing. None without `--waivers`.
extension MarkdownReport {
    /// `#2 carol`: a waiver as the tables name it (its position in the file, its owner).
    func waiverLabel(_ position: Int) -> Inline {
        guard let w = summary.waivers?.standings[position].waiver else { return Inline("#\(position)") }
        return Inline("#\(position) ") + .cell(w.owner, limit: 40)
    }

    /// The line the key figures gain: the figures the gates read.
    var afterWaiversLine: String {
        guard summary.waivers != nil else { return "" }
        let t = summary.totals, after = summary.outcomes.afterWaivers(t.waived)
        let failedRuns = t.runStatuses.failures
        return "- **After waivers (what the gates read):** "
            + "\(MarkdownFormat.count(t.waived.hostOutcomes)) of "
            + "\(MarkdownFormat.count(summary.outcomes.failures)) failed or timed-out "
            + "host outcomes waived, \(MarkdownFormat.count(t.waived.runs)) of \(MarkdownFormat.count(failedRuns)) "
            + "failed runs; success rate \(ReportFormatting.percent(after.successRate)) "
            + "(waived failures left out)\n"
    }

    var waivedSection: MarkdownSection? {
        guard let w = summary.waivers else { return nil }
        return hitSection(
            "Waived", w.waived, expiry: "Expires", noun: "waived failures",
            lead: "\(MarkdownFormat.counted(w.waivedCount, "failure")) waived: still counted as failed, left out of "
                + "the figures the gates read; latest first.")
    }

    var expiredWaiversSection: MarkdownSection? {
        guard let w = summary.waivers else { return nil }
        return hitSection(
            "Expired waivers", w.expiredMatches, expiry: "Expired after", noun: "failures",
            lead: "\(MarkdownFormat.counted(w.expiredMatchCount, "failure")) matched a waiver that has expired and "
                + "waives nothing: renew it or fix the failure. Latest first.")
    }

    /// A table of waiver hits, latest first; none when there are none.
    private func hitSection(
        _ title: String, _ hits: [WaiverHit], expiry: String, noun: String, lead: String
    ) -> MarkdownSection? {
        guard let standings = summary.waivers?.standings, !hits.isEmpty else { return nil }
        let table = hitTable(expiry: expiry)
        let ordered = Array(hits.reversed())
        return section(title, lead: lead, body: .table(table), total: ordered.count, noun: noun) { i in
            hitRow(ordered[i], table: table, standings: standings)
        }
    }

    var expiringSoonSection: MarkdownSection? {
        standingsSection(
            "Expiring soon", { $0.validity == .expiringSoon },
            lead: "Waivers whose last day is at most \(WaiverLedger.expiringSoonDays) days away.")
    }

    var staleWaiversSection: MarkdownSection? {
        standingsSection(
            "Stale waivers", \.isStale,
            lead: "Waivers that matched no failure in the window: clean them out of the waiver file.")
    }

    private func standingsSection(
        _ title: String, _ include: (WaiverStanding) -> Bool, lead: String
    ) -> MarkdownSection? {
        guard let w = summary.waivers else { return nil }
        let list = w.standings.filter(include)
        guard !list.isEmpty else { return nil }
        let table = MarkdownTable([
            ("Waiver", .left), ("Match", .left), ("Owner", .left), ("Ticket", .left), ("Expires", .left),
            ("Days left", .right), ("Waived", .right)
        ])
        return section(title, lead: lead, body: .table(table), total: list.count, noun: "waivers") { i in
            let s = list[i]
            return table.row([
                Inline("#\(s.waiver.position)"), .cell(s.waiver.match.summary), .cell(s.waiver.owner, limit: 40),
                .cell(s.waiver.ticket ?? "", limit: 40), Inline(s.waiver.expires.description),
                count(Int(s.daysLeft)), count(s.tally.waivedHostOutcomes + s.tally.waivedRuns)
            ])
        }
    }

    private func hitTable(expiry: String) -> MarkdownTable {
        MarkdownTable([
            ("Waiver", .left), ("Ticket", .left), (expiry, .left), ("Cluster", .left), ("Host", .left),
            ("Start", .left), ("Outcome", .left), ("Reason", .left)
        ])
    }

    private func hitRow(_ h: WaiverHit, table: MarkdownTable, standings: [WaiverStanding]) -> String {
        let waiver = standings[h.waiver].waiver
        return table.row([
            waiverLabel(h.waiver), .cell(waiver.ticket ?? "", limit: 40), Inline(waiver.expires.description),
            named(h.clusterName ?? h.cluster, id: h.cluster), .cell(h.hostName ?? h.host ?? "(the run)", limit: 80),
            Inline(ReportFormatting.minute(h.start)), .cell(h.outcome), .cell(h.reason ?? "")
        ])
    }
}
