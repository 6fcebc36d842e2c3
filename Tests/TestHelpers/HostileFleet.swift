import ReportText
import StageAggregation
import StageModel

/// Runs whose every string is hostile (markup, control characters, invalid text), built directly as
/// `StageRun` values, plus the expectation helpers: what each string must read as once a
/// strict parser has read the file back. Shared by the renderers' tests (JUnit, CSV, Prometheus, CTRF, chat).
public enum HostileFleet {
    /// Each one alone, then all of them in one string.
    public static let pieces: [String] = [
        "& < > \" '",
        "a]]>b",
        "tab\there\nnew line\r\nCRLF\rCR",
        "emoji 😀 👩‍👩‍👧 and CJK 日本",
        "nul\u{0}byte",
        "soh\u{01}ctl",
        "\u{1b}[31mred\u{1b}[0m and \u{1b}]0;title\u{07} osc",
        "nonchar\u{FFFE}\u{FFFF}",
        "c1\u{85}\u{9b}del\u{7f}",
        "bad utf8 " + String(decoding: [0xFF, 0xC0], as: UTF8.self),
        "trailing escape \u{1b}"
    ]
    public static let everything = pieces.joined(separator: " | ")

    public static func text(_ i: Int) -> String { pieces[i % pieces.count] + " #\(i)" }

    /// Two clusters (or `clusters`) in one hostile vCenter, two runs each, one host per hostile
    /// piece and outcome, in canonical order. More clusters make a fleet whose lists outgrow
    /// any chat message.
    public static func runs(clusters: Int = 2) -> [StageRun] {
        var runs: [StageRun] = []
        let outcomes: [(HostOutcome, String?)] = [
            (.failed, "ERROR"), (.timedOut, "TIMED_OUT"), (.skipped, "SKIPPED"),
            (.inProgress, "RUNNING"), (.unknown, "WEIRD \u{1b}[1m<status>&\u{0}"), (.unknown, nil), (.succeeded, "OK")
        ]
        for night in 0..<2 {
            let ids =
                ["domain-c1.with.dots", "c2 " + everything] + (2..<max(clusters, 2)).map { "domain-c\($0) " + text($0) }
            for (c, cluster) in ids.prefix(clusters).enumerated() {
                var hosts: [HostResult] = []
                for i in 0..<pieces.count * 2 {
                    let (outcome, status) = outcomes[i % outcomes.count]
                    let reasonID: String = [Reason.unspecified, Reason.timedOut, "symbol", "com.vmware.Err " + text(i)][
                        i % 4]
                    // Every fifth message starts with blank lines: the attribute takes the first real one.
                    let lead = i % 5 == 4 ? "\n \t\r\n" : ""
                    let reason = Reason(
                        id: reasonID, message: lead + "Message " + text(i) + "\nsecond line " + text(i + 1),
                        resolution: i % 3 == 0 ? nil : "Resolve " + text(i + 2))
                    let start = Timestamp(milliseconds: 1_700_000_000_000 + Int64(night) * 86_400_000)
                    hosts.append(
                        HostResult(
                            id: String(format3(i)) + "-" + text(i), name: "esx " + text(i), outcome: outcome,
                            status: status, start: start,
                            end: Timestamp(milliseconds: start.milliseconds + Int64(i) * 1_234),
                            reason: outcome == .succeeded || outcome == .inProgress ? nil : reason))
                }
                // Two hosts with the same display name: GitLab would keep only one of them.
                hosts.append(
                    HostResult(
                        id: "zz-dup-1", name: "same name", outcome: .failed, status: "ERROR",
                        reason: Reason(id: "(unspecified)")))
                hosts.append(HostResult(id: "zz-dup-2", name: "same name", outcome: .succeeded, status: "OK"))
                let start = Timestamp(milliseconds: 1_700_000_000_000 + Int64(night) * 86_400_000 + Int64(c))
                runs.append(
                    StageRun(
                        source: DocumentSource(path: "hostile.json"), vcenter: "vc " + everything,
                        clusterID: cluster, clusterName: "Cluster " + text(c) + " " + everything,
                        commit: "commit " + text(night), taskStatus: "FAILED " + text(night),
                        start: start, end: Timestamp(milliseconds: start.milliseconds + 60_000),
                        hosts: hosts))
            }
        }
        return runs
    }

    public static let gates = [
        GateResult(
            name: "fail-under", threshold: "0.9", measured: "0.5", passed: false, detail: "detail " + everything),
        GateResult(name: "fail-under", threshold: "0.1", measured: "0.5", passed: true),
        GateResult(name: "max-failed", threshold: "3", measured: "40", passed: false),
        GateResult(name: "fail-under.2", threshold: "0", measured: "0.5", passed: true)
    ]

    /// The summary of runs built directly (they must be in canonical order), with gates, as
    /// the pipeline would make it.
    /// `listEveryHost`: fill `Summary.hosts`, as the CLI does when CSV is asked for.
    public static func summary(of runs: [StageRun], gates: [GateResult] = [], listEveryHost: Bool = false) -> Summary {
        // What changed is tracked too, so that every renderer's hostile test shows its sections.
        var builder = SummaryBuilder(tracksChanges: true)
        for run in runs { builder.add(run) }
        var summary = builder.summary(
            title: "test", generatedAt: Timestamp(milliseconds: 0),
            inputs: InputCounts(), rejected: [], listEveryHost: listEveryHost)
        summary.gates = gates
        return summary
    }

    private static func format3(_ i: Int) -> String {
        let s = String(i)
        return String(repeating: "0", count: max(0, 3 - s.count)) + s
    }

    // MARK: expectations, written independently of the renderer

    /// Attribute values and text: `TextSanitizer.clean`, nothing else.
    public static func clean(_ s: String) -> String { TextSanitizer.clean(s) }

    /// `xs:token` attributes (names): cleaned, XML whitespace collapsed and trimmed.
    public static func token(_ s: String) -> String {
        clean(s).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .joined(separator: " ")
    }

    /// The `message` attribute: the first non-blank line of the cleaned text.
    public static func firstLine(_ s: String) -> String {
        var line = String.UnicodeScalarView()
        for u in clean(s).unicodeScalars {
            if u == "\n" || u == "\r" {
                if line.contains(where: { $0 != " " && $0 != "\t" }) { break }
                line = String.UnicodeScalarView()
            } else {
                line.append(u)
            }
        }
        return String(line)
    }
}
