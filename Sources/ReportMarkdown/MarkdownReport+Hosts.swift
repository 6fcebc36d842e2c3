import ReportText
import StageAggregation
import StageModel

/// Failing and flaky hosts, and data-quality notes.
extension MarkdownReport {
    var failingHosts: MarkdownSection? {
        let hosts = summary.failingHosts
        guard !hosts.isEmpty else { return nil }
        let table = MarkdownTable([
            ("Host", .left), ("Cluster", .left), ("Streak", .right), ("Latest outcome", .left),
            ("Latest run", .left), ("Latest reason", .left)
        ])
        let lead =
            "\(MarkdownFormat.counted(hosts.count, "host")) whose latest outcome is failed or timed out; "
            + "longest streak first."
        return section("Failing hosts", lead: lead, body: .table(table), total: hosts.count, noun: "hosts") { i in
            let h = hosts[i]
            let outcome = h.latestOutcome == .timedOut ? "timed out" : h.latestOutcome.rawValue
            return table.row([
                named(h.name, id: h.key.host), place(vcenter: h.key.vcenter, cluster: h.key.cluster),
                count(h.streak), Inline(outcome), Inline(ReportFormatting.minute(h.latestRunStart)),
                .cell(h.latestReason ?? "")
            ])
        }
    }

    var flakyHosts: MarkdownSection? {
        let hosts = summary.flakyHosts
        guard !hosts.isEmpty else { return nil }
        let table = MarkdownTable([
            ("Host", .left), ("Cluster", .left), ("Outcomes", .right), ("Succeeded", .right),
            ("Failed or timed out", .right)
        ])
        let lead =
            "\(MarkdownFormat.counted(hosts.count, "host")) both succeeded and failed in the window; "
            + "most failures first."
        return section("Flaky hosts", lead: lead, body: .table(table), total: hosts.count, noun: "hosts") { i in
            let h = hosts[i]
            return table.row([
                named(h.name, id: h.key.host), place(vcenter: h.key.vcenter, cluster: h.key.cluster),
                count(h.outcomes), count(h.succeeded), count(h.failed)
            ])
        }
    }

    /// One row per kind of note, then one for rejected documents, each with a few examples.
    var dataQuality: MarkdownSection? {
        let notes = summary.dataQuality
        let rejected = summary.inputs.rejected
        guard !notes.isEmpty || rejected > 0 else { return nil }
        let table = MarkdownTable([("Note", .left), ("Count", .right), ("Examples", .left)])
        func examples(_ list: [String]) -> Inline {
            let shown = list.prefix(3).map { Inline.data($0, limit: 120).source }.filter { !$0.isEmpty }
            return Inline(shown.isEmpty ? "—" : shown.joined(separator: " · "))
        }
        let lead = "Odd or unreadable input, counted and otherwise left out (report-semantics §1–2)."
        return section(
            "Data quality", lead: lead, body: .table(table), total: notes.count + (rejected > 0 ? 1 : 0),
            noun: "notes"
        ) { i in
            guard i < notes.count else {
                let list = summary.rejected.prefix(3).map { "\($0.source): \($0.reason)" }
                return table.row([Inline("rejected documents"), count(rejected), examples(list)])
            }
            return table.row([Inline(notes[i].kind.rawValue), count(notes[i].count), examples(notes[i].examples)])
        }
    }
}
