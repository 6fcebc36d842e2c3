import ReportText
import StageAggregation
import StageModel

/// Builds the report's parts from a summary, in priority order (issue 5): the verdict line
/// with the gate results, key figures, clusters that need attention, failure reasons, skip
/// reasons, duration percentiles, the nightly trend, failing and flaky hosts, data quality.
struct MarkdownReport {
    let summary: Summary
    let budget: Budget
    let linkDestination: String?
    let seeAlso: String

    init(summary: Summary, options: MarkdownOptions, budget: Budget) {
        self.summary = summary
        self.budget = budget
        linkDestination = options.htmlURL.flatMap(MarkdownEscaper.linkDestination)
        seeAlso = linkDestination == nil ? "see summary.json" : "see the HTML report"
    }

    var document: MarkdownDocument {
        let sections: [MarkdownSection?] = [
            changedHosts, changedClusters, commitRegressions, gates, keyFigures, clusters, runsWithoutHosts,
            runFailureReasons,
            waivedSection, expiredWaiversSection, expiringSoonSection, staleWaiversSection,
            reasons(
                summary.failureReasons, title: "Top failure reasons",
                what: "failed or timed-out", outcomes: summary.outcomes.failures),
            reasons(summary.skipReasons, title: "Skip reasons", what: "skipped", outcomes: summary.outcomes.skipped),
            warnings, durations, trend, failingHosts, flakyHosts, dataQuality
        ]
        return MarkdownDocument(
            verdicts: verdicts, bareVerdict: bareVerdict,
            link: linkDestination.map { "[Full HTML report](\($0))\n" },
            sections: sections.compactMap { $0 }, seeAlso: seeAlso)
    }

    // MARK: Verdict

    private var failedGates: [GateResult] { summary.gates.filter { !$0.passed } }

    private var bareVerdict: String {
        summary.gates.isEmpty ? "NO GATES" : failedGates.isEmpty ? "PASSED" : "FAILED"
    }

    /// The verdict line, longest first. The title and gate names are data: escaped and capped,
    /// which bounds the longest line (see `MarkdownRenderer.minimumBudget`).
    private var verdicts: [String] {
        let escaped = Inline.data(summary.title, limit: 80)
        let title = escaped.source.allSatisfy { $0 == " " } ? Inline("Stage report") : escaped
        var rate = "success rate " + ReportFormatting.percent(summary.totals.successRate)
        // A failed run is news whatever the gates say: a cluster may have failed before any host.
        if failedRuns > 0 { rate += " · ⚠️ " + MarkdownFormat.counted(failedRuns, "failed run") }
        let n = summary.gates.count
        if n == 0 {
            return [
                "## \(title.source): no quality gates set · \(rate)\n", "## No quality gates set · \(rate)\n",
                "## No quality gates\n"
            ]
        }
        let failed = failedGates
        if failed.isEmpty {
            let all = n == 1 ? "the quality gate passed" : "all \(n) quality gates passed"
            return [
                "## ✅ \(title.source): passed · \(all) · \(rate)\n", "## ✅ Passed: \(all)\n", "## ✅ Passed\n"
            ]
        }
        var names = failed.prefix(3).map { Inline.data($0.name, limit: 30).source }
        if failed.count > 3 { names.append("+\(failed.count - 3) more") }
        let counted = "\(failed.count) of \(n) quality gates failed"
        let named = "\(counted) (\(names.joined(separator: ", ")))"
        return [
            "## ❌ \(title.source): FAILED · \(named) · \(rate)\n", "## ❌ FAILED: \(named)\n",
            "## ❌ FAILED: \(counted)\n", "## ❌ FAILED\n"
        ]
    }

    private var gates: MarkdownSection? {
        guard !summary.gates.isEmpty else { return nil }
        let table = MarkdownTable([
            ("Gate", .left), ("Threshold", .right), ("Measured", .right), ("Result", .left),
            ("Detail", .left)
        ])
        return section("Quality gates", body: .table(table), total: summary.gates.count, noun: "gates") { i in
            let g = summary.gates[i]
            return table.row([
                .cell(g.name), .cell(g.threshold), .cell(g.measured),
                Inline(g.passed ? "✅ passed" : "❌ failed"), .cell(g.detail ?? "")
            ])
        }
    }

    // MARK: Key figures

    private var keyFigures: MarkdownSection {
        let o = summary.outcomes, t = summary.totals, inputs = summary.inputs
        let table = MarkdownTable([
            ("Host outcomes", .right), ("Success rate", .right), ("Succeeded", .right),
            ("Failed", .right), ("Timed out", .right), ("Skipped", .right),
            ("In progress", .right), ("Unknown", .right)
        ])
        let c = { (n: Int) in MarkdownFormat.count(n) }
        let f = { (n: Int, noun: String) in MarkdownFormat.counted(n, noun) }
        let figures = [
            c(t.outcomes), ReportFormatting.percent(t.successRate), c(o.succeeded), c(o.failed),
            c(o.timedOut), c(o.skipped), c(o.inProgress), c(o.unknown)
        ]
        var block = table.header + table.row(figures.map(Inline.init)) + "\n"
        let window = summary.window
        block +=
            "- **Scope:** \(f(t.runs, "run")) of \(f(t.clusters, "cluster")) in \(f(t.vcenters, "vCenter")), "
            + "\(f(t.hosts, "host"))\n"
        let r = t.runStatuses
        block +=
            "- **Runs by status:** \(c(r.succeeded)) succeeded, \(c(r.failed)) failed, \(c(r.timedOut)) timed out, "
            + "\(c(r.skipped)) skipped, \(c(r.inProgress)) in progress, \(c(r.unknown)) unknown\n"
        block +=
            "- **Window:** \(ReportFormatting.minute(window.firstRunStart)) → "
            + "\(ReportFormatting.minute(window.lastRunStart))\n"
        block +=
            "- **Inputs:** \(f(inputs.files, "file")), \(f(inputs.documents, "document")): "
            + "\(c(inputs.rejected)) rejected, "
            + "\(f(inputs.duplicates, "duplicate")), \(c(inputs.withoutResult)) without a result, "
            + "\(f(inputs.otherOperations, "other operation"))\n"
        block += "- **Generated:** \(ReportFormatting.minute(summary.generatedAt))\n"
        block += afterWaiversLine
        let lead = t.runs == 0 ? Inline("No stage runs were found in the inputs.") : nil
        return MarkdownSection(title: "Key figures", lead: lead, block: block, seeAlso: seeAlso)
    }

    // MARK: Helpers shared by the section builders

    func section(
        _ title: String, lead: String? = nil, body: MarkdownSection.Body, total: Int, preview: Int = 10,
        noun: String, row: (Int) -> String
    ) -> MarkdownSection {
        MarkdownSection(
            title: title, lead: lead.map(Inline.init), body: body, total: total, preview: preview,
            noun: noun, seeAlso: seeAlso, budget: budget, row: row)
    }

    /// `Prod A (domain-c8)`, or the id alone when it is the name.
    func named(_ name: String, id: String) -> Inline {
        name == id ? .cell(id, limit: 120) : .cell(name, limit: 100) + Inline(" (") + .cell(id, limit: 60) + Inline(")")
    }

    /// `vc01 / domain-c8`, or the cluster alone when there is no vCenter.
    func place(vcenter: String, cluster: String) -> Inline {
        vcenter.isEmpty
            ? .cell(cluster, limit: 80) : .cell(vcenter, limit: 60) + Inline(" / ") + .cell(cluster, limit: 60)
    }

    func count(_ n: Int) -> Inline { Inline(MarkdownFormat.count(n)) }
}
