import Foundation
import TestHelpers
import Testing
#if canImport(Glibc)
    import Glibc
#endif

/// Inputs too large to commit, generated in a temporary directory: deep nesting, 10 MB strings,
/// a 50,000-host run, and the document size limit.
@Suite("Huge inputs and limits")
struct SizeAndLimitTests {
    static let depth = 100_000

    static func deepArray(_ depth: Int) -> String {
        String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    }

    @Test("100,000 levels of nesting as a whole document: rejected with a diagnostic, no stack overflow")
    func deepDocuments() throws {
        let deepObject =
            String(repeating: #"{"a":"#, count: Self.depth) + "1" + String(repeating: "}", count: Self.depth)
        let run = try Neighbours.run(
            [
                "deep-array.json": Data(Self.deepArray(Self.depth).utf8),
                "deep-object.json": Data(deepObject.utf8),
                "deep-unterminated.json": Data(String(repeating: "[", count: Self.depth).utf8)
            ], label: "deep")
        expectCounts(
            run, documents: 3, runs: 0, outcomes: Outcomes(),
            rejected: [
                // An array file: its single element (the 99,999 levels below) is not an object.
                RejectedDocument("in/deep-array.json[0]", "expected a JSON object, found an array"),
                RejectedDocument("in/deep-object.json", notAStageDocument),
                RejectedDocument(
                    "in/deep-unterminated.json",
                    "invalid JSON at line 1, column 100001: unexpected end of input, expected a value")
            ])
    }

    @Test("100,000 levels inside an unknown member, a message, or a JSON Lines line: the good document is kept")
    func deepInsideGoodDocuments() throws {
        let deep = Self.deepArray(Self.depth)
        let inMember = Docs.bare(commit: "deep1", hosts: [("host-1", "OK")], extra: #","x-unknown":"# + deep)
        let inMessage =
            #"{"vcenter":"vc-hostile","cluster":"domain-h1","commit":"deep2","#
            + #""host_status":{"host-1":{"status":"ERROR","notifications":{"errors":[{"id":"deep.id","message":"#
            + deep + "}]}}}}"
        let lines =
            Docs.bare(commit: "deep3", hosts: [("host-1", "OK")]) + "\n"
            + deep + "\n"
            + Docs.bare(commit: "deep4", hosts: [("host-1", "OK")], extra: #","x":{"y":"# + deep + "}") + "\n"
        let million = Docs.bare(
            commit: "deep5", hosts: [("host-1", "SKIPPED")], extra: #","x":"# + Self.deepArray(1_000_000))
        let run = try Neighbours.run(
            [
                "member.json": Data(inMember.utf8), "message.json": Data(inMessage.utf8),
                "lines.jsonl": Data(lines.utf8), "million.json": Data(million.utf8)
            ], label: "deep-inside")
        expectCounts(
            run, documents: 6, runs: 5, outcomes: Outcomes(3, 1, 0, 1),
            rejected: [
                RejectedDocument("in/lines.jsonl:2", "expected a JSON object, found an array")
            ])
        #expect(run.summary?.list("failure_reasons").contains { $0["id"] as? String == "deep.id" } == true)
    }

    @Test("A 10 MB string (a message, an unknown member, escaped) is read whole; the run is counted")
    func tenMegabyteStrings() throws {
        let tenMB = 10 << 20
        let huge = String(repeating: "M", count: tenMB)
        let escaped = String(repeating: #"0123456789abcdefghijklmnopqrstuvwxyz\n\u00e9\"\\"#, count: tenMB / 48)
        let message =
            #"{"vcenter":"vc-hostile","cluster":"domain-big","commit":"big1","#
            + #""host_status":{"host-1":{"status":"ERROR","#
            + #""notifications":{"errors":[{"id":"big.message","message":{"default_message":""#
            + huge + #""}}]}}}}"#
        let lines =
            Docs.bare(commit: "big2", hosts: [("host-1", "OK")]) + "\n"
            + Docs.bare(commit: "big3", hosts: [("host-1", "OK")], extra: #","x-blob":""# + huge + #"""#) + "\n"
            + Docs.bare(commit: "big4", hosts: [("host-1", "SKIPPED")], extra: #","x-escaped":""# + escaped + #"""#)
            + "\n"
        let run = try Neighbours.run(
            ["message.json": Data(message.utf8), "lines.jsonl": Data(lines.utf8)], label: "10mb")
        expectCounts(run, documents: 4, runs: 4, outcomes: Outcomes(2, 1, 0, 1), rejected: [])
        let reason = run.summary?.list("failure_reasons").first { $0["id"] as? String == "big.message" }
        let text = reason?["message"] as? String ?? ""
        #expect(text.hasPrefix("MMMMMMMM"), "the message is the data's, possibly shortened")
        #expect(text.utf8.count <= tenMB + 100)
    }

    @Test("A run of 50,000 hosts (object form) and one of 50,000 hosts (key/value list form)")
    func fiftyThousandHosts() throws {
        let n = 50_000
        let statuses = ["OK", "ERROR", "SKIPPED", "TIMED_OUT", "RUNNING", "SOMETHING_NEW"]
        func document(rest: Bool, cluster: String) -> String {
            var info: [String] = [], status: [String] = [], ok: [String] = [], failed: [String] = [],
                skipped: [String] = []
            for i in 0..<n {
                let id = "host-\(i)"
                let s = statuses[i % statuses.count]
                let entry =
                    #"{"status":"\#(s)","start_time":"2026-11-08T01:00:00.000Z","#
                    + #""end_time":"2026-11-08T01:\#(String(format: "%02d", i % 60)):00.000Z"}"#
                info.append(rest ? #"{"key":"\#(id)","value":{"name":"esx\#(i)"}}"# : #""\#(id)":{"name":"esx\#(i)"}"#)
                status.append(rest ? #"{"key":"\#(id)","value":\#(entry)}"# : #""\#(id)":\#(entry)"#)
                switch s {
                case "OK": ok.append(#""\#(id)""#)
                case "ERROR", "TIMED_OUT": failed.append(#""\#(id)""#)
                case "SKIPPED": skipped.append(#""\#(id)""#)
                default: break
                }
            }
            let open = rest ? "[" : "{", close = rest ? "]" : "}"
            return #"""
                {"vcenter":"vc-big","cluster":"\#(cluster)","commit":"1",\#
                "host_info":\#(open)\#(info.joined(separator: ","))\#(close),\#
                "host_status":\#(open)\#(status.joined(separator: ","))\#(close),\#
                "successful_hosts":[\#(ok.joined(separator: ","))],"failed_hosts":[\#(failed.joined(separator: ","))],\#
                "skipped_hosts":[\#(skipped.joined(separator: ","))]}
                """#
        }
        let each = n / statuses.count, extra = n % statuses.count // the first `extra` statuses get one more
        let one = Outcomes(each + 1, each + 1, each, each, each, each)
        #expect(extra == 2)
        let started = ProcessRunner.now()
        let run = try Neighbours.run(
            [
                "fifty-thousand.json": Data(document(rest: false, cluster: "domain-big").utf8),
                "fifty-thousand-rest.jsonl": Data((document(rest: true, cluster: "domain-big-rest") + "\n").utf8)
            ],
            label: "50k")
        expectCounts(run, documents: 2, runs: 2, outcomes: one + one, rejected: [])
        #expect(run.summary?.totalHosts == 18 + 3 + 2 * n)
        #expect(
            (run.summary?.list("clusters").first { $0["id"] as? String == "domain-big" }?["hosts"] as? NSNumber)?
                .intValue == n)
        #expect(run.result.seconds < 120, "50,000 hosts took \(ProcessRunner.now() - started) s")
    }

    // MARK: - --max-document-bytes

    /// The largest neighbour document (a whole .json file, or one line), so that a limit just
    /// above it lets every neighbour through.
    static func largestNeighbour() throws -> Int {
        var largest = 0
        for f in TemporaryDirectory.files(under: HostilePaths.sharedFleet) {
            let d = try Data(contentsOf: HostilePaths.sharedFleet.appendingPathComponent(f))
            largest = max(largest, d.count)
        }
        for line in Neighbours.goodLines.split(separator: "\n") { largest = max(largest, line.utf8.count) }
        return largest
    }

    /// A document of exactly `size` bytes (padded with an unknown member).
    static func document(commit: String, size: Int) -> String {
        let base = Docs.bare(commit: commit, hosts: [("host-1", "OK")], extra: #","pad":"""#)
        return Docs.bare(
            commit: commit, hosts: [("host-1", "OK")],
            extra: #","pad":""# + String(repeating: "p", count: size - base.utf8.count) + #"""#)
    }

    @Test(
        """
        --max-document-bytes: a larger .json file or JSON Lines line is rejected with the sizes; \
        one of exactly the limit is read
        """
    )
    func maxDocumentBytes() throws {
        let limit = try Self.largestNeighbour() + 100
        let atLimit = Self.document(commit: "at-limit", size: limit)
        let over = Self.document(commit: "over", size: limit + 1)
        #expect(atLimit.utf8.count == limit && over.utf8.count == limit + 1)
        // CR of a CRLF line end is not part of the line.
        let lines =
            Self.document(commit: "line-at", size: limit) + "\r\n" + over + "\r\n"
            + Docs.bare(commit: "line-small", hosts: [("host-1", "OK")]) + "\n"
        let run = try Neighbours.run(
            ["at-limit.json": Data(atLimit.utf8), "over.json": Data(over.utf8), "lines.jsonl": Data(lines.utf8)],
            extra: ["--max-document-bytes", String(limit)], label: "maxbytes")
        #expect(run.result.exitCode == 0, "\(run.result)")
        let s = try #require(run.summary)
        #expect(s.documents == Neighbours.documents + 5 && s.runs == Neighbours.runs + 3)
        #expect(s.outcomes == Neighbours.outcomes + Outcomes(3))
        #expect(s.rejected.map(\.source) == ["in/lines.jsonl:2", "in/over.json"])
        #expect(
            s.rejected.last?.reason
                == "document of \(limit + 1) bytes exceeds --max-document-bytes (\(limit)); not read")
        // The line's reason names the limit (its exact wording may or may not give the size).
        #expect(
            s.rejected.first.map {
                $0.reason.contains("--max-document-bytes (\(limit)") && $0.reason.hasPrefix("line ")
            } == true,
            "\(s.rejected)")
        for r in s.rejected {
            #expect(run.result.stderrLines.contains("stage-report: rejected \(r.source): \(r.reason)"))
        }
        let zero = try ProcessRunner.run(
            ["report", "in", "--out", "o0", "--format", "json", "--max-document-bytes", "0"],
            currentDirectory: run.scratch.path)
        #expect(zero.exitCode == 2 && zero.stderr.contains("--max-document-bytes"), "\(zero)")
    }

    @Test("The default limit (64 MiB) rejects a larger file without reading it")
    func defaultLimit() throws {
        let run = try Neighbours.run([:], label: "default-limit") { s in
            let f = s.at("in/sparse.json").path
            #expect(FileManager.default.createFile(atPath: f, contents: nil))
            #expect(truncate(f, off_t(65 << 20)) == 0)
        }
        expectCounts(
            run, documents: 1, runs: 0, outcomes: Outcomes(),
            rejected: [
                RejectedDocument(
                    "in/sparse.json",
                    "document of \(65 << 20) bytes exceeds --max-document-bytes (\(64 << 20)); not read")
            ])
        #expect(run.result.seconds < 30)
    }

    @Test("--max-document-bytes also bounds a document read from standard input")
    func maxDocumentBytesOnStandardInput() throws {
        let s = try TemporaryDirectory("stdin-limit")
        let doc = Self.document(commit: "stdin", size: 2_000)
        let file = try s.write("stdin.json", doc)
        let r = try ProcessRunner.run(
            ["report", "-", "--out", "out", "--format", "json", "--now", Docs.now, "--max-document-bytes", "1000"],
            stdin: file, currentDirectory: s.path)
        #expect(r.exitCode == 0, "\(r)")
        let summary = try SummaryFile(contentsOf: s.at("out/summary.json"))
        #expect(summary.runs == 0)
        #expect(summary.rejected.map(\.source) == ["<stdin>"])
        #expect(
            summary.rejected.first?.reason.hasPrefix("document of 2000 bytes exceeds --max-document-bytes (1000)")
                == true,
            "\(summary.rejected)")
    }

    /// A JSON Lines file bigger than the 8 MiB chunk size, with one line far over the limit:
    /// the tool must not hold that line in memory (nor read it once per chunk) just to reject it.
    /// One worker holds one 8 MiB chunk plus at most the limit: well under the line's size.
    @Test("A 64 MB JSON Lines line over --max-document-bytes is rejected without being held in memory")
    func hugeLineIsNotLoaded() throws {
        let s = try TemporaryDirectory("huge-line")
        let lineBytes = 64 << 20
        let path = s.at("in/huge.jsonl").path
        try s.mkdir("in")
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        #expect(fd >= 0)
        func put(_ text: String) { var b = Array(text.utf8); _ = write(fd, &b, b.count) }
        put(Docs.bare(commit: "before", hosts: [("host-1", "OK")]) + "\n")
        put(#"{"commit":"huge","host_status":{},"x":""#)
        var block = [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<(lineBytes >> 20) { _ = write(fd, &block, block.count) }
        put("\"}\n" + Docs.bare(commit: "after", hosts: [("host-1", "OK")]) + "\n")
        close(fd)
        let r = try ProcessRunner.run(
            [
                "report", "in", "--out", "out", "--format", "json", "--now", Docs.now,
                "--max-document-bytes", String(1 << 20), "--jobs", "1"
            ], currentDirectory: s.path)
        #expect(r.exitCode == 0 && r.signal == nil, "\(r)")
        let summary = try SummaryFile(contentsOf: s.at("out/summary.json"))
        #expect(summary.runs == 2 && summary.documents == 3)
        #expect(summary.rejected.map(\.source) == ["in/huge.jsonl:2"])
        #expect(
            summary.rejected.first.map { $0.reason.hasPrefix("line ") && $0.reason.contains("--max-document-bytes") }
                == true)
        #expect(
            r.maxRSS < lineBytes,
            """
            peak memory \(r.maxRSS >> 20) MiB for a line of \(lineBytes >> 20) MiB over a 1 MiB limit \
            (\(String(format: "%.1f", r.seconds)) s)
            """
        )
    }

    @Test("--strict: exit 2 after writing when a document is rejected, even if a gate also failed; 0 or 1 otherwise")
    func strict() throws {
        let s = try TemporaryDirectory("strict")
        try Neighbours.install(in: s)
        func run(_ extra: [String]) throws -> ProcessRunner.Result {
            try? FileManager.default.removeItem(at: s.at("out"))
            return try ProcessRunner.run(
                ["report", "in", "--out", "out", "--format", "json", "--now", Docs.now] + extra,
                currentDirectory: s.path)
        }
        #expect(try run(["--strict"]).exitCode == 0)
        #expect(try run(["--strict", "--fail-under", "1.0"]).exitCode == 1)
        try s.write("in/bad.json", "{")
        let r = try run(["--strict", "--fail-under", "1.0"])
        #expect(r.exitCode == 2, "\(r)")
        #expect(s.exists("out/summary.json"))
        #expect(
            r.stderrLines.contains(
                """
                stage-report: rejected in/bad.json: invalid JSON at line 1, column 2: \
                unexpected end of input inside an object
                """
            ))
        #expect(try run([]).exitCode == 0)
    }
}
