import Foundation
import Testing
import TestHelpers

/// Builders for small, valid documents.
enum Docs {
    static let now = "2026-12-01T00:00:00Z"

    /// A bare StageResult (with annotations) as one line of JSON. `hosts` are (id, status);
    /// every host gets start and end times on `day`, and failed or skipped ones a notification.
    static func bare(
        vcenter: String = "vc-hostile", cluster: String = "domain-h1", commit: String,
        day: String = "2026-11-05", hosts: [(String, String)], extra: String = ""
    ) -> String {
        var status: [String] = []
        var info: [String] = []
        var ok: [String] = [], failed: [String] = [], skipped: [String] = []
        for (id, s) in hosts {
            let notes: String
            switch s {
            case "ERROR", "TIMED_OUT":
                notes = #","notifications":{"errors":[{"id":"hostile.err","message":{"default_message":"boom"}}]}"#
            case "SKIPPED":
                notes = #","notifications":{"info":[{"id":"hostile.skip","message":{"default_message":"compliant"}}]}"#
            default:
                notes = ""
            }
            status.append(
                #""\#(id)":{"status":"\#(s)","start_time":"\#(day)T01:00:00.000Z","#
                    + #""end_time":"\#(day)T01:04:00.000Z"\#(notes)}"#
            )
            info.append(#""\#(id)":{"name":"esx-\#(id)"}"#)
            switch s {
            case "OK": ok.append(#""\#(id)""#)
            case "ERROR", "TIMED_OUT": failed.append(#""\#(id)""#)
            case "SKIPPED": skipped.append(#""\#(id)""#)
            default: break
            }
        }
        return #"""
            {"vcenter":"\#(vcenter)","cluster":"\#(cluster)","commit":"\#(commit)"\#(extra),\#
            "host_info":{\#(info.joined(separator: ","))},"host_status":{\#(status.joined(separator: ","))},\#
            "successful_hosts":[\#(ok.joined(separator: ","))],"failed_hosts":[\#(failed.joined(separator: ","))],\#
            "skipped_hosts":[\#(skipped.joined(separator: ","))]}
            """#
    }
}

/// The good documents every bad one is put next to: a copy of the shared fleet (12 documents
/// in all three wire forms, 12 runs, 54 host outcomes) and a JSON Lines file of two runs.
enum Neighbours {
    static let files = 13
    static let documents = 14
    static let runs = 14
    static let outcomes = Outcomes(43, 1, 0, 2, 8, 0) + Outcomes(2, 2, 0, 2, 0, 0)

    static let goodLines =
        Docs.bare(
            vcenter: "vc-neighbour", cluster: "domain-n1", commit: "n1", day: "2026-11-02",
            hosts: [("host-a", "OK"), ("host-b", "ERROR"), ("host-c", "SKIPPED")]) + "\n"
        + Docs.bare(
            vcenter: "vc-neighbour", cluster: "domain-n1", commit: "n2", day: "2026-11-03",
            hosts: [("host-a", "OK"), ("host-b", "ERROR"), ("host-c", "SKIPPED")]) + "\n"

    /// Puts the neighbours under `in/` of the scratch directory.
    static func install(in s: TemporaryDirectory) throws {
        try s.copyTree(from: HostilePaths.sharedFleet, to: "in/fleet")
        try s.write("in/good.jsonl", goodLines)
    }

    struct Run {
        let scratch: TemporaryDirectory
        let result: ProcessRunner.Result
        let summary: SummaryFile?
    }

    /// Writes `files` (paths relative to `in/`) next to the neighbours and runs
    /// `stage-report report in --out out --format json --now …` from the scratch directory.
    static func run(
        _ files: [String: Data], extra: [String] = [], label: String = "n",
        prepare: ((TemporaryDirectory) throws -> Void)? = nil
    ) throws -> Run {
        let s = try TemporaryDirectory(label)
        try install(in: s)
        for (rel, data) in files { try s.write("in/" + rel, data) }
        try prepare?(s)
        let r = try ProcessRunner.run(
            ["report", "in", "--out", "out", "--format", "json", "--now", Docs.now] + extra,
            currentDirectory: s.path)
        let summary = try? SummaryFile(contentsOf: s.at("out/summary.json"))
        return Run(scratch: s, result: r, summary: summary)
    }
}

/// Checks the counts of a run: the neighbours plus what the case adds.
func expectCounts(
    _ run: Neighbours.Run, documents: Int, runs: Int, outcomes: Outcomes,
    rejected: [RejectedDocument], withoutResult: Int = 0, otherOperations: Int = 0,
    exitCode: Int32 = 0, sourceLocation: SourceLocation = #_sourceLocation
) {
    let r = run.result
    #expect(r.signal == nil && !r.timedOut, "the tool crashed or hung: \(r)", sourceLocation: sourceLocation)
    #expect(r.exitCode == exitCode, "\(r)", sourceLocation: sourceLocation)
    guard let s = run.summary else {
        Issue.record("no summary.json was written: \(r)", sourceLocation: sourceLocation)
        return
    }
    #expect(s.documents == Neighbours.documents + documents, "inputs.documents", sourceLocation: sourceLocation)
    #expect(s.runs == Neighbours.runs + runs, "inputs.runs", sourceLocation: sourceLocation)
    #expect(s.totalRuns == Neighbours.runs + runs, "totals.runs", sourceLocation: sourceLocation)
    #expect(s.rejectedCount == rejected.count, "inputs.rejected", sourceLocation: sourceLocation)
    #expect(s.withoutResult == withoutResult, "inputs.without_result", sourceLocation: sourceLocation)
    #expect(s.otherOperations == otherOperations, "inputs.other_operations", sourceLocation: sourceLocation)
    #expect(s.duplicates == 0, "inputs.duplicates", sourceLocation: sourceLocation)
    #expect(s.outcomes == Neighbours.outcomes + outcomes, "outcomes", sourceLocation: sourceLocation)
    #expect(
        s.totalOutcomes == (Neighbours.outcomes + outcomes).total, "totals.outcomes", sourceLocation: sourceLocation)
    #expect(s.rejected == rejected, "rejected[]", sourceLocation: sourceLocation)
    expectDiagnostics(r, rejected, sourceLocation: sourceLocation)
}

/// Each rejection is one line on standard error, `stage-report: rejected SOURCE: REASON`, and no
/// line of standard error is unreasonably long (a document must never be echoed).
func expectDiagnostics(
    _ r: ProcessRunner.Result, _ rejected: [RejectedDocument],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    let lines = r.stderrLines
    for rej in rejected.prefix(20) {
        let line = "stage-report: rejected \(rej.source): \(rej.reason)"
        #expect(
            lines.filter { $0 == line }.count == 1, "missing diagnostic line: \(line)\n\(r.stderr.prefix(3000))",
            sourceLocation: sourceLocation)
    }
    #expect(
        lines.filter { $0.hasPrefix("stage-report: rejected ") }.count == min(rejected.count, 20),
        sourceLocation: sourceLocation)
    for line in lines {
        #expect(line.utf8.count < 1_000, "overlong diagnostic: \(line.prefix(200))…", sourceLocation: sourceLocation)
    }
}

/// Runs the tool over `files` alone (paths relative to `in/`), for checks of the details a
/// case produces, free of the neighbours' numbers.
func runAlone(_ files: [String: Data], extra: [String] = [], label: String = "alone") throws -> Neighbours.Run {
    let s = try TemporaryDirectory(label)
    for (rel, data) in files { try s.write("in/" + rel, data) }
    let r = try ProcessRunner.run(
        ["report", "in", "--out", "out", "--format", "json", "--now", Docs.now] + extra,
        currentDirectory: s.path)
    return Neighbours.Run(scratch: s, result: r, summary: try? SummaryFile(contentsOf: s.at("out/summary.json")))
}

func corpusFile(_ name: String) throws -> Data {
    try Data(contentsOf: HostilePaths.corpus.appendingPathComponent(name))
}
