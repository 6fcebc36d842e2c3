import StageAggregation
import StageModel

/// Summaries built for the tests: hostile strings everywhere, and a fleet of 1M host outcomes.
enum TestSummaries {
    /// Strings that would break Markdown, HTML or a table if they reached the output as is.
    static let hostile: [String] = [
        "| pipe | split | cells |", "a\\|b \\ trailing backslash \\", "`code` ``double`` ```fence",
        "*bold* _em_ **strong** __under__ snake_case_name", "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>", "</td></tr></table><table><tr><td>x",
        "</details><details open><summary>pwn</summary>",
        "[link](https://evil.example/a) [ref][1] [^1]", "![img](https://evil.example/x.png)", "# heading", "## h2 ##",
        "line1\nline2\r\n# injected heading\n| a | b |\n|---|---|", "&amp; &lt;b&gt; &#60;script&#62; &copy;",
        "!important ~~strike~~ ~sub~", "https://evil.example/path?q=1", "http://evil", "www.evil.com", "WWW.EVIL.COM",
        "foo@evil.com", "mailto:foo@evil.com", "xmpp:foo@evil.com/res", "<https://evil.example>", "<foo@evil.com>",
        "\u{1B}[31mred\u{1B}[0m \u{1B}]0;title\u{07}", "nul\u{0}bell\u{7}bs\u{8}del\u{7F}c1\u{85}",
        "- list item", "1. ordered", "> quote", "---", "===", "    indented code", "~~~fence", "$x^2$ and $$\\sum$$",
        "@channel @org/team", "#123 GH-1 owner/repo#5", "- [ ] task", "<!-- comment -->", "<?php echo 1; ?>",
        "<![CDATA[x]]>", "<a href=\"javascript:alert(1)\">x</a>", "\u{202E}evil\u{202C} bidi",
        "z\u{0336}\u{0337}\u{0338}a\u{0301}\u{0302}\u{0303}l\u{0304}go",
        "🙂 emoji 👩‍👩‍👧 flags 🇩🇪", "tab\tseparated\tvalues",
        String(repeating: "<x>|", count: 2_500) + "tail"
    ]

    static func pick(_ i: Int) -> String { hostile[i % hostile.count] }

    /// A small summary where every name, id, message, note, rejection, title and gate is hostile,
    /// built through `SummaryBuilder` so that it has every kind of row.
    static func hostileSummary(gates: Bool = true) -> Summary {
        var b = SummaryBuilder()
        let day: Int64 = 86_400_000
        let base: Int64 = 1_793_491_200_000 // 2026-11-01
        var runs: [StageRun] = []
        for c in 0..<6 {
            for night in 0..<3 {
                let start = Timestamp(milliseconds: base + Int64(night) * day + Int64(c) * 1_000)
                var hosts: [HostResult] = []
                for h in 0..<8 {
                    let k = c * 8 + h
                    let outcome: HostOutcome =
                        (h + night) % 4 == 0
                        ? .failed : h == 5 ? .skipped : h == 6 && night == 2 ? .timedOut : .succeeded
                    let reason =
                        outcome == .succeeded
                        ? nil : Reason(id: pick(k + night), message: pick(k + 7), resolution: pick(k + 3))
                    hosts.append(
                        HostResult(
                            id: "host-\(k)" + pick(k), name: pick(k + 1), outcome: outcome, status: nil,
                            start: start, end: Timestamp(milliseconds: start.milliseconds + Int64(60_000 * (h + 1))),
                            reason: reason))
                }
                hosts.sort { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
                let notes = DataQualityKind.allCases.map {
                    DataQualityNote(kind: $0, detail: pick(c + night + $0.rawValue.count))
                }
                runs.append(
                    StageRun(
                        source: DocumentSource(path: pick(c) + "/\(night).json"), vcenter: pick(c + 2),
                        clusterID: "c\(c)" + pick(c + 4), clusterName: pick(c + 5), commit: "\(night)",
                        start: start, hosts: hosts, notes: notes))
            }
        }
        for run in runs.sorted(by: { $0.identity < $1.identity }) { b.add(run) }
        var inputs = InputCounts()
        inputs.files = 18
        inputs.documents = 20
        inputs.rejected = 2
        let rejected = [
            Rejection(source: DocumentSource(path: pick(3)), reason: pick(4)),
            Rejection(source: DocumentSource(path: pick(9), position: .line(7)), reason: pick(10))
        ]
        var s = b.summary(
            title: "Nightly <b>stage</b> | report # " + pick(12), generatedAt: Timestamp(milliseconds: base + 4 * day),
            inputs: inputs, rejected: rejected)
        if gates {
            s.gates = [
                GateResult(
                    name: "fail-under", threshold: "95.0 %", measured: "70.8 %", passed: false,
                    detail: "overall " + pick(4)),
                GateResult(name: "max-failed", threshold: "100", measured: "30", passed: true),
                GateResult(name: pick(0), threshold: pick(5), measured: pick(13), passed: false, detail: pick(40))
            ]
        }
        return s
    }

    /// The hostile summary grown to the size of a fleet with 1M host outcomes: 5,000 clusters,
    /// 3,000 failure and 1,000 skip reasons with long messages, 40,000 failing and 60,000 flaky
    /// hosts, 400 nights, every data-quality kind and 10,000 rejected documents.
    static let fleet: Summary = {
        var s = hostileSummary()
        let long = String(repeating: "Stage failed: <b>|</b> https://evil.example ", count: 300)
        let cluster = s.clusters[0]
        s.clusters = (0..<5_000).map { i in
            var c = cluster
            c.id = "domain-c\(i)"
            c.name = i % 7 == 0 ? pick(i) : "Cluster \(i)"
            c.vcenter = "vc\(i % 40).example.com"
            c.outcomes.succeeded = 150 + i % 50
            c.outcomes.failed = i % 9
            c.outcomes.timedOut = i % 5 == 0 ? 2 : 0
            c.outcomes.skipped = max(0, 200 - c.outcomes.succeeded - c.outcomes.failed - c.outcomes.timedOut)
            return c
        }
        let reason = s.failureReasons[0]
        s.failureReasons = (0..<3_000).map { i in
            var r = reason
            r.id = "com.vmware.vcIntegrity.lifecycle.Error\(i)" + (i % 11 == 0 ? pick(i) : "")
            r.count = 30_000 - i * 9
            r.hosts = 1 + i % 700
            r.message = i % 3 == 0 ? long : pick(i)
            return r
        }
        s.skipReasons = Array(s.failureReasons.prefix(1_000))
        let failing = s.failingHosts[0]
        s.failingHosts = (0..<40_000).map { i in
            var h = failing
            h.key.vcenter = "vc\(i % 40).example.com"
            h.key.cluster = "domain-c\(i % 5_000)"
            h.key.host = "host-\(i)"
            h.name = i % 13 == 0 ? pick(i) : "esx\(i).example.com"
            h.streak = 1 + (40_000 - i) / 1_000
            h.latestReason = i % 2 == 0 ? long : pick(i)
            return h
        }
        let flaky = s.flakyHosts[0]
        s.flakyHosts = (0..<60_000).map { i in
            var h = flaky
            h.key.vcenter = "vc\(i % 40).example.com"
            h.key.cluster = "domain-c\(i % 5_000)"
            h.key.host = "host-\(i)"
            h.name = i % 17 == 0 ? pick(i) : "esx\(i).example.com"
            h.outcomes = 20
            h.failed = 1 + (60_000 - i) / 5_000
            h.succeeded = 20 - h.failed
            return h
        }
        let day = s.days[0]
        s.days = (0..<400).map { i in
            var d = day
            let t = Timestamp(milliseconds: 1_759_276_800_000 + Int64(i) * 86_400_000)
            d.date = t.utcDate
            d.outcomes.succeeded = 2_400 + (i * 37) % 100
            d.outcomes.failed = i % 10 == 0 ? 0 : 100 - (i * 37) % 100
            d.outcomes.timedOut = 0
            return d
        }
        s.dataQuality = s.dataQuality.map {
            var q = $0; q.count *= 1_000; q.examples += [long]; return q
        }
        s.rejected = (0..<10_000).map {
            Rejection(source: DocumentSource(path: "in/\($0).jsonl", position: .line($0)), reason: pick($0))
        }
        s.inputs.rejected = s.rejected.count
        s.totals.outcomes = 1_000_000
        s.totals.clusters = s.clusters.count
        s.totals.hosts = 100_000
        s.totals.runs = 5_000 * 400
        s.outcomes.succeeded = 900_000
        s.outcomes.failed = 60_000
        s.outcomes.timedOut = 5_000
        s.outcomes.skipped = 35_000
        s.totals.successRate = s.outcomes.successRate
        return s
    }()
}
