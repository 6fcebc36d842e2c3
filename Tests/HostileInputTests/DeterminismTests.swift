import Foundation
import StageIngest
import Testing
import TestHelpers

/// The same inputs give the same bytes: whatever the directory listing order, the order of the
/// command-line arguments, the number of worker threads and the JSON Lines chunking; and
/// `generated_at` comes from `--now` or SOURCE_DATE_EPOCH.
@Suite("Determinism")
struct DeterminismTests {
    /// A deterministic shuffle (SplitMix64), so that a failure can be replayed.
    struct Shuffler {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func shuffle<T>(_ a: [T]) -> [T] {
            var a = a
            guard a.count > 1 else { return a }
            for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, Int(next() % UInt64(i + 1))) }
            return a
        }
    }

    /// A fleet with every wire form, duplicates, rejections and data-quality notes: a generated
    /// sample, the shared fleet, a run saved twice, and a few corpus files.
    static func makeFleet(in s: TemporaryDirectory) throws -> URL {
        let gen = try ProcessRunner.run(
            [
                "sample", "--out", "master/fleet/sample", "--vcenters", "2", "--clusters", "4",
                "--hosts", "12", "--nights", "6"
            ], currentDirectory: s.path)
        #expect(gen.exitCode == 0, "\(gen)")
        try s.copyTree(from: HostilePaths.sharedFleet, to: "master/fleet/shared")
        // The same run twice (a poll saved twice): which copy is kept depends on input order only.
        let twice = Docs.bare(commit: "twice", hosts: [("host-1", "OK"), ("host-2", "ERROR")])
        try s.write("master/fleet/dups/a/run.json", twice)
        try s.write("master/fleet/dups/b/run.jsonl", twice + "\n")
        for f in [
            "truncated-lines.jsonl", "array-with-bad-elements.json", "dates.json", "crlf-blank-lines.jsonl",
            "type-notifications.json", "path-like-ids.jsonl", "empty.json"
        ] {
            try s.write("master/fleet/corpus/" + f, try corpusFile(f))
        }
        return s.at("master/fleet")
    }

    @Test("A shuffled copy of a fleet, 1 and 2 workers, shuffled arguments: identical summary.json bytes")
    func shuffledCopies() throws {
        let s = try TemporaryDirectory("det")
        let master = try Self.makeFleet(in: s)
        let files = TemporaryDirectory.files(under: master)
        var rng = Shuffler(state: 0x5EED)
        // Two copies under differently named directories, the files written in different orders
        // (on file systems that list in creation order, the listing order differs too).
        try s.copyTree(from: master, to: "copy-one-\(UUID().uuidString)/fleet") { _ in rng.shuffle(files) }
        try s.copyTree(from: master, to: "another-copy-\(UUID().uuidString)/fleet") { _ in files.reversed() }
        let roots = try FileManager.default.contentsOfDirectory(atPath: s.path).filter { $0.contains("copy") }.sorted()
        #expect(roots.count == 2)
        func run(_ root: String, _ inputs: [String], jobs: Int) throws -> Data {
            let r = try ProcessRunner.run(
                ["report"] + inputs + [
                    "--out", "out-\(jobs)", "--format", "json", "--now", Docs.now, "--jobs", String(jobs)
                ],
                currentDirectory: s.at(root).path)
            #expect(r.exitCode == 0, "\(r)")
            return try s.read(root + "/out-\(jobs)/summary.json")
        }
        let reference = try run(roots[0], ["fleet"], jobs: 1)
        #expect(try run(roots[1], ["fleet"], jobs: 2) == reference)
        // Every file named on the command line, in a random order, with 3 workers.
        #expect(try run(roots[1], rng.shuffle(files.map { "fleet/" + $0 }), jobs: 3) == reference)
        // Subdirectories in reverse order, one of them also named twice.
        let subdirs = try FileManager.default.contentsOfDirectory(atPath: s.at(roots[0] + "/fleet").path).sorted().map {
            "fleet/" + $0
        }
        #expect(try run(roots[0], subdirs.reversed() + [subdirs[0]], jobs: 2) == reference)
        let summary = try SummaryFile(reference)
        #expect(
            summary.duplicates >= 1 && summary.rejectedCount >= 5 && !summary.dataQuality.isEmpty,
            "the fleet exercises little")
    }

    /// A JSON Lines file larger than the 8 MiB chunk size is read in chunks by several workers.
    /// Lines are placed so that a broken one starts exactly on a chunk boundary and another one
    /// just before it, with blank and CRLF lines around: every rejection must name its physical
    /// line, as reading the whole buffer at once does (DocumentProbe), and 1 or 2 workers must
    /// give the same bytes.
    @Test("Chunked JSON Lines: exact line numbers across chunk boundaries, same bytes with 1 and 2 workers")
    func chunkedJSONLines() throws {
        let s = try TemporaryDirectory("chunks")
        let gen = try ProcessRunner.run(
            [
                "sample", "--out", "gen", "--layout", "jsonl", "--vcenters", "1", "--clusters", "110",
                "--hosts", "30", "--nights", "20"
            ], currentDirectory: s.path)
        #expect(gen.exitCode == 0, "\(gen)")
        let generated = try #require(TemporaryDirectory.files(under: s.at("gen")).first { $0.hasSuffix(".jsonl") })
        var pending = try s.read("gen/" + generated).split(separator: 0x0A).map { Data($0) }[...]
        let chunk = 8 << 20
        var out = Data()
        var badLines: [Int] = []
        var lineNumber = 0
        func append(_ d: Data, bad: Bool = false, ending: String = "\n") {
            lineNumber += 1
            if bad { badLines.append(lineNumber) }
            out.append(d)
            out.append(contentsOf: Array(ending.utf8))
        }
        /// Generated lines while they fit below `limit`.
        func fill(until limit: Int) {
            while let next = pending.first, out.count + next.count + 1 <= limit {
                append(next)
                pending.removeFirst()
            }
        }
        /// A small good line, padded with spaces (JSON whitespace), whose last byte is at `position`.
        func pad(endingAt position: Int, crlf: Bool) {
            var line = Data(
                Docs.bare(
                    vcenter: "vc-pad", cluster: "domain-pad", commit: "pad\(lineNumber)", hosts: [("host-1", "OK")]
                ).utf8)
            let spaces = position + 1 - out.count - line.count - (crlf ? 2 : 1)
            precondition(spaces >= 0)
            line.append(Data(repeating: 0x20, count: spaces))
            append(line, ending: crlf ? "\r\n" : "\n")
            precondition(out.count == position + 1)
        }
        let bad = Data(#"{"commit": broken"#.utf8)
        append(pending.removeFirst())
        append(Data()) // a blank line
        append(bad, bad: true)
        // 1st boundary: a broken line starts exactly on it, a blank line follows.
        fill(until: chunk - 2_000)
        pad(endingAt: chunk - 1, crlf: false)
        append(bad, bad: true)
        append(Data())
        // 2nd: a broken line starts on the last byte before it, after a CRLF line.
        fill(until: 2 * chunk - 2_000)
        pad(endingAt: 2 * chunk - 2, crlf: true)
        append(bad, bad: true)
        // 3rd: the CR of a CRLF is the last byte before it, its LF the first byte after.
        fill(until: 3 * chunk - 2_000)
        pad(endingAt: 3 * chunk, crlf: true)
        append(bad, bad: true)
        append(Data(), ending: "\r\n")
        fill(until: Int.max)
        #expect(pending.isEmpty)
        append(bad, bad: true, ending: "") // the last line, without a line end
        try s.write("in/fleet.jsonl", out)
        #expect(out.count > 3 * chunk + (1 << 20), "the generated fleet is too small to span four chunks")

        // The reference: the whole buffer at once, no chunks.
        let probe = out.withUnsafeBytes { DocumentProbe.read($0, jsonLines: true, path: "in/fleet.jsonl") }
        let expected = probe.rejections.map { RejectedDocument($0.source.description, $0.reason) }

        var summaries: [Data] = []
        for jobs in [1, 2] {
            let r = try ProcessRunner.run(
                ["report", "in", "--out", "out-\(jobs)", "--format", "json", "--now", Docs.now, "--jobs", String(jobs)],
                currentDirectory: s.path)
            #expect(r.exitCode == 0, "\(r)")
            summaries.append(try s.read("out-\(jobs)/summary.json"))
        }
        #expect(summaries[0] == summaries[1])
        let summary = try SummaryFile(summaries[0])
        #expect(summary.rejected == expected)
        #expect(summary.rejected.map(\.source) == badLines.map { "in/fleet.jsonl:\($0)" }, "line numbers across chunks")
        #expect(summary.documents == probe.documents)
        #expect(summary.runs + summary.duplicates == probe.runs.count)
    }

    @Test(
        """
        generated_at: --now (any offset, to UTC), else SOURCE_DATE_EPOCH, else the clock; \
        nothing else depends on the time
        """
    )
    func generatedAt() throws {
        let s = try TemporaryDirectory("now")
        try Neighbours.install(in: s)
        func run(_ extra: [String], env: [String: String] = [:], out: String) throws -> (
            ProcessRunner.Result, SummaryFile?
        ) {
            let r = try ProcessRunner.run(
                ["report", "in", "--out", out, "--format", "json"] + extra, environment: env, currentDirectory: s.path)
            return (r, try? SummaryFile(contentsOf: s.at(out + "/summary.json")))
        }
        let (_, a) = try run(["--now", "2026-11-29T07:00:00+01:00"], out: "a")
        #expect(a?.generatedAt == "2026-11-29T06:00:00.000Z")
        let (_, b) = try run([], env: ["SOURCE_DATE_EPOCH": "1700000000"], out: "b")
        #expect(b?.generatedAt == "2023-11-14T22:13:20.000Z")
        let (_, c) = try run(["--now", "2026-11-29T06:00:00Z"], env: ["SOURCE_DATE_EPOCH": "1700000000"], out: "c")
        #expect(c?.generatedAt == "2026-11-29T06:00:00.000Z", "--now wins over SOURCE_DATE_EPOCH")
        let (bad, _) = try run([], env: ["SOURCE_DATE_EPOCH": "yesterday"], out: "d")
        #expect(bad.exitCode == 2 && bad.stderr.contains("SOURCE_DATE_EPOCH"), "\(bad)")
        let (badNow, _) = try run(["--now", "2026-11-29"], out: "e")
        #expect(badNow.exitCode == 2 && badNow.stderr.contains("--now"), "\(badNow)")
        // Without either: the clock.
        let before = Date()
        let (_, f) = try run([], out: "f")
        let clock = try #require(f?.generatedAt.flatMap { ISO8601DateFormatter.withFractions.date(from: $0) })
        #expect(clock.timeIntervalSince(before) > -2 && clock.timeIntervalSince(Date()) < 2)
        // Only generated_at differs between a and b.
        func withoutGeneratedAt(_ x: SummaryFile?) -> String {
            (x?.text ?? "").split(separator: "\n").filter { !$0.contains("\"generated_at\"") }.joined(separator: "\n")
        }
        #expect(withoutGeneratedAt(a) == withoutGeneratedAt(b))
        #expect(withoutGeneratedAt(a) == withoutGeneratedAt(f))
    }
}

extension ISO8601DateFormatter {
    nonisolated(unsafe) static let withFractions: ISO8601DateFormatter = {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f
    }()
}
