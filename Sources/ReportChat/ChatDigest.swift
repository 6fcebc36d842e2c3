import ReportText
import StageAggregation
import StageModel
import Waivers

/// A list of a chat message: its lines, best first, of `total` entries in the summary. Each
/// platform shows as many lines as fit its limits and says how many it left out ("+N more").
struct ChatList: Equatable {
    var title: String
    var lines: [ChatLine]
    var total: Int
}

/// What both chat payloads say, taken once from the summary: the verdict, the key figures and
/// what needs attention. Slack and Teams differ only in how they encode and shorten it.
struct ChatDigest {
    enum Verdict { case noGates, passed, failed }

    /// Lines per list before any platform limit; the rest are counted in "+N more".
    static let linesPerList = 10

    var verdict: Verdict
    /// The report title, cleaned and cut to one line.
    var title: String
    /// `Passed: all 2 quality gates passed · success rate 97.7 %`, the report's own words.
    var verdictLine: String
    var gates: [ChatLine]
    /// Label and value, both the report's own (numbers and dates).
    var figures: [(label: String, value: String)]
    /// Scope, window and generation time.
    var context: String
    var lists: [ChatList]
    /// Where the rest is: the HTML report when its URL is known, else summary.json.
    var seeAlso: String
    var htmlURL: String?

    init(_ s: Summary, options: ChatOptions) {
        title = ChatText.data(s.title, limit: 100, else: "Stage report")
        let failed = s.gates.filter { !$0.passed }
        var rate = "success rate " + ReportFormatting.percent(s.totals.successRate)
        // A failed run is news whatever the gates say: a cluster may have failed before any host.
        let failedRuns = s.totals.runStatuses.failures
        if failedRuns > 0 { rate += " · ⚠️ " + ReportFormatting.count(failedRuns, "failed run") }
        let n = s.gates.count
        if n == 0 {
            verdict = .noGates
            verdictLine = "No quality gates set · \(rate)"
        } else if failed.isEmpty {
            verdict = .passed
            verdictLine =
                "Passed: " + (n == 1 ? "the quality gate passed" : "all \(n) quality gates passed") + " · \(rate)"
        } else {
            verdict = .failed
            verdictLine = "FAILED: \(failed.count) of \(ReportFormatting.count(n, "quality gate")) failed · \(rate)"
        }
        gates = s.gates.map(ChatDigest.gateLine)
        let o = s.outcomes, t = s.totals
        let c = ReportFormatting.count as (Int) -> String
        figures = [
            ("Host outcomes", c(t.outcomes)), ("Success rate", ReportFormatting.percent(t.successRate)),
            ("Succeeded", c(o.succeeded)), ("Failed", c(o.failed)), ("Timed out", c(o.timedOut)),
            ("Skipped", c(o.skipped)), ("In progress", c(o.inProgress)), ("Unknown", c(o.unknown)),
            ("Failed runs", c(failedRuns))
        ]
        if s.waivers != nil {
            // Slack shows ten fields: this is the tenth.
            let outcomes = ReportFormatting.count(t.waived.hostOutcomes, "outcome")
            figures.append(("Waived", outcomes + ", " + ReportFormatting.count(t.waived.runs, "run")))
        }
        context =
            "\(ReportFormatting.count(t.runs, "run")) of \(ReportFormatting.count(t.clusters, "cluster")) in "
            + "\(ReportFormatting.count(t.vcenters, "vCenter")), \(ReportFormatting.count(t.hosts, "host")) · "
            + "\(ReportFormatting.minute(s.window.firstRunStart)) → "
            + "\(ReportFormatting.minute(s.window.lastRunStart)) · "
            + "generated \(ReportFormatting.minute(s.generatedAt))"
        htmlURL = options.htmlURL
        seeAlso = options.htmlURL == nil ? "see summary.json" : "see the HTML report"
        lists = [
            ChatDigest.changes(s), ChatDigest.runsWithoutHosts(s), ChatDigest.clusters(s), ChatDigest.reasons(s),
            ChatDigest.failingHosts(s),
            ChatDigest.waivers(s)
        ].compactMap { $0 }
    }

    private static func gateLine(_ g: GateResult) -> ChatLine {
        var pieces: [ChatPiece] = [
            .text(g.passed ? "✅ " : "❌ "), .data(ChatText.data(g.name, limit: 40)), .text(": measured "),
            .data(ChatText.data(g.measured, limit: 30)), .text(", threshold "),
            .data(ChatText.data(g.threshold, limit: 30)), .text(g.passed ? ", passed" : ", failed")
        ]
        if let detail = g.detail {
            pieces += [.text(" ("), .data(ChatText.data(detail, limit: 150)), .text(")")]
        }
        return ChatLine(pieces)
    }

    /// Clusters with a failed or timed-out outcome, worst success rate first, then most
    /// failures, then vCenter and id (the Markdown report's order).
    private static func clusters(_ s: Summary) -> ChatList? {
        let needy = s.clustersNeedingAttention
        guard !needy.isEmpty else { return nil }
        let lines = needy.prefix(linesPerList).map { c in
            ChatLine([
                .data(named(c.name, id: c.id)), .text(" · "), .data(ChatText.data(c.vcenter, limit: 60)),
                .text(
                    " — \(ReportFormatting.percent(c.outcomes.successRate)) success, "
                        + "\(ReportFormatting.count(c.outcomes.failed)) failed, "
                        + "\(ReportFormatting.count(c.outcomes.timedOut)) timed out")
            ])
        }
        return ChatList(
            title: "Clusters that need attention (\(needy.count) of \(s.clusters.count))", lines: lines,
            total: needy.count)
    }

    /// Stage tasks that failed before any host result, latest first: no host list shows them.
    private static func runsWithoutHosts(_ s: Summary) -> ChatList? {
        let failed = s.failedRunsWithoutHosts
        guard !failed.isEmpty else { return nil }
        let lines = failed.prefix(linesPerList).map { r in
            var pieces: [ChatPiece] = [
                .data(named(r.name, id: r.cluster)), .text(" · "), .data(ChatText.data(r.vcenter, limit: 60)),
                .text(" — \(r.status == .timedOut ? "timed out" : "failed") \(ReportFormatting.minute(r.start))")
            ]
            if let reason = r.reason { pieces += [.text(": "), .data(ChatText.data(reason.id, limit: 100))] }
            return ChatLine(pieces)
        }
        return ChatList(
            title: "Stage runs that failed before any host result (\(failed.count))", lines: lines,
            total: failed.count)
    }

    private static func reasons(_ s: Summary) -> ChatList? {
        guard !s.failureReasons.isEmpty else { return nil }
        let lines = s.failureReasons.prefix(linesPerList).map { r in
            var pieces: [ChatPiece] = [
                .data(ChatText.data(r.id, limit: 100)),
                .text(
                    " — \(ReportFormatting.count(r.count, "outcome")) on \(ReportFormatting.count(r.hosts, "host"))")
            ]
            if let message = r.message { pieces += [.text(": "), .data(ChatText.data(message, limit: 150))] }
            return ChatLine(pieces)
        }
        return ChatList(
            title: "Top failure reasons (\(s.failureReasons.count))", lines: lines, total: s.failureReasons.count)
    }

    private static func failingHosts(_ s: Summary) -> ChatList? {
        guard !s.failingHosts.isEmpty else { return nil }
        let lines = s.failingHosts.prefix(linesPerList).map { h in
            let outcome = h.latestOutcome == .timedOut ? "timed out" : h.latestOutcome.rawValue
            var pieces: [ChatPiece] = [
                .data(named(h.name, id: h.key.host)), .text(" · "),
                .data(ChatText.data(h.key.vcenter, limit: 60) + " / " + ChatText.data(h.key.cluster, limit: 60)),
                .text(" — \(outcome), \(ReportFormatting.count(h.streak)) in a row")
            ]
            if let reason = h.latestReason { pieces += [.text(": "), .data(ChatText.data(reason, limit: 100))] }
            return ChatLine(pieces)
        }
        return ChatList(title: "Failing hosts (\(s.failingHosts.count))", lines: lines, total: s.failingHosts.count)
    }

    /// Waivers someone must act on: expired ones first (the failures they matched count again),
    /// then those expiring within `WaiverLedger.expiringSoonDays` days, then stale ones (they
    /// matched nothing: clean them out of the file); each by position in the file.
    private static func waivers(_ s: Summary) -> ChatList? {
        guard let w = s.waivers else { return nil }
        let expired = w.standings.filter { $0.validity == .expired }
        let soon = w.standings.filter { $0.validity == .expiringSoon }
        let stale = w.standings.filter { $0.validity == .active && $0.isStale }
        let all = expired + soon + stale
        guard !all.isEmpty else { return nil }
        let lines = all.prefix(linesPerList).map { st in
            let t = st.tally, waiver = st.waiver
            var pieces: [ChatPiece] = [.text("#\(waiver.position) "), .data(ChatText.data(waiver.owner, limit: 40))]
            if let ticket = waiver.ticket {
                pieces += [.text(" ("), .data(ChatText.data(ticket, limit: 40)), .text(")")]
            }
            switch st.validity {
            case .expired:
                let matched = t.expiredHostOutcomes + t.expiredRuns
                let what =
                    matched == 0 ? "matched nothing" : ReportFormatting.count(matched, "failure") + " no longer waived"
                pieces.append(.text(" — expired \(waiver.expires): " + what))
            case .expiringSoon:
                let left = ReportFormatting.count(Int(st.daysLeft), "day")
                let waives = ReportFormatting.count(t.waivedHostOutcomes + t.waivedRuns, "failure")
                pieces.append(.text(" — expires \(waiver.expires) (\(left) left), waives " + waives))
            case .active:
                pieces.append(.text(" — stale: matched nothing in the window"))
            }
            return ChatLine(pieces)
        }
        return ChatList(title: "Waivers that need action (\(all.count))", lines: lines, total: all.count)
    }

    /// `Prod A (domain-c8)`, or the id alone when it is the name.
    static func named(_ name: String, id: String) -> String {
        let shownID = ChatText.data(id, limit: 60)
        guard name != id else { return shownID }
        return ChatText.data(name, limit: 80) + " (" + shownID + ")"
    }

    /// `+12 more: see the HTML report`, for a list that shows `shown` of `total`.
    func more(shown: Int, of total: Int) -> String? {
        total > shown ? "+\(ReportFormatting.count(total - shown)) more: \(seeAlso)" : nil
    }
}
