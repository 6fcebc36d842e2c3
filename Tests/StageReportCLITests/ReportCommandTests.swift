import Foundation
import Testing
import TestHelpers

@Suite("stage-report report, end to end")
struct ReportCommandTests {
    static let fleet = CLIRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/shared-fleet").path
    static let now = "2026-11-04T06:00:00Z"

    static let goodRun = #"""
        {"vcenter":"vc1","cluster":"domain-c1","commit":"1",\#
        "host_status":{"host-1":{"status":"OK","start_time":"2026-11-01T01:00:00Z","end_time":"2026-11-01T01:05:00Z"},\#
        "host-2":{"status":"ERROR","start_time":"2026-11-01T01:00:00Z","end_time":"2026-11-01T01:02:00Z"}},\#
        "successful_hosts":["host-1"],"failed_hosts":["host-2"],"skipped_hosts":[]}
        """#

    @Test("The summary of the shared fleet matches its golden file byte for byte")
    func goldenSummary() throws {
        let tmp = try TemporaryDirectory()
        // A relative input path, so that the sources in the summary do not depend on the clone's location.
        let r = try CLIRunner.run(
            ["report", "Tests/Fixtures/shared-fleet", "--out", tmp.url.path, "--format", "json", "--now", Self.now],
            currentDirectory: CLIRunner.repositoryRoot)
        #expect(r.exitCode == 0, "\(r.stderr)")
        let actual = try tmp.read("summary.json")
        let golden = CLIRunner.repositoryRoot.appendingPathComponent(
            "Tests/StageReportCLITests/Golden/shared-fleet.summary.json")
        try GoldenFile.expect(actual, equals: golden)
    }

    @Test("Shuffled argument order and 1 or 2 workers give identical bytes")
    func deterministic() throws {
        let tmp = try TemporaryDirectory()
        let root = URL(fileURLWithPath: Self.fleet)
        let dirs = try FileManager.default.contentsOfDirectory(atPath: Self.fleet).sorted().map {
            root.appendingPathComponent($0).path
        }
        let a = try CLIRunner.run(
            ["report"] + dirs + [
                "--out", tmp.url.appendingPathComponent("a").path, "--format", "json", "--now", Self.now, "--jobs", "1"
            ])
        let b = try CLIRunner.run(
            ["report"] + dirs.reversed() + [
                "--out", tmp.url.appendingPathComponent("b").path, "--format", "json", "--now", Self.now, "--jobs", "2"
            ])
        #expect(a.exitCode == 0 && b.exitCode == 0)
        #expect(try tmp.read("a/summary.json") == tmp.read("b/summary.json"))
    }

    @Test("generated_at comes from --now, else SOURCE_DATE_EPOCH")
    func generatedAt() throws {
        let tmp = try TemporaryDirectory()
        // A relative input path, so that the sources in the summary do not depend on the clone's location.
        let r = try CLIRunner.run(
            ["report", "Tests/Fixtures/shared-fleet", "--out", tmp.url.path, "--format", "json"],
            environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        #expect(r.exitCode == 0)
        let text = String(decoding: try tmp.read("summary.json"), as: UTF8.self)
        #expect(text.contains(#""generated_at": "2023-11-14T22:13:20.000Z""#))
        let bad = try CLIRunner.run(["report", Self.fleet, "--out", tmp.url.path, "--now", "yesterday"])
        #expect(bad.exitCode == 2)
        #expect(bad.stderr.contains("--now"))
    }

    @Test("Standard input: a JSON object, and JSON Lines")
    func standardInput() throws {
        let tmp = try TemporaryDirectory()
        let one = try CLIRunner.run(
            ["report", "-", "--out", tmp.url.path, "--format", "json", "--now", Self.now],
            stdin: Data(Self.goodRun.utf8))
        #expect(one.exitCode == 0, "\(one.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: tmp.read("summary.json")) as? [String: Any])
        let outcomes = try #require((summary["totals"] as? [String: Any])?["outcomes"] as? [String: Int])
        #expect(outcomes.values.reduce(0, +) == 2 && outcomes["succeeded"] == 1 && outcomes["failed"] == 1)
        let lines = try CLIRunner.run(
            ["report", "-", "--out", tmp.url.path, "--format", "json", "--now", Self.now],
            stdin: Data(
                (Self.goodRun + "\n" + Self.goodRun.replacingOccurrences(of: "\"1\"", with: "\"2\"") + "\n").utf8))
        #expect(lines.exitCode == 0, "\(lines.stderr)")
        #expect(try String(decoding: tmp.read("summary.json"), as: UTF8.self).contains(#""runs": 2"#))
    }

    @Test("Rejected documents are listed on stderr with their source; --strict makes it exit 2 after writing")
    func strict() throws {
        let tmp = try TemporaryDirectory()
        try tmp.write("in/good.json", Self.goodRun)
        try tmp.write("in/bad.jsonl", Self.goodRun + "\n{not json\n")
        let input = tmp.url.appendingPathComponent("in").path
        let lenient = try CLIRunner.run([
            "report", input, "--out", tmp.url.appendingPathComponent("o1").path, "--format", "json"
        ])
        #expect(lenient.exitCode == 0)
        #expect(lenient.stderr.contains("bad.jsonl:2"))
        let strict = try CLIRunner.run([
            "report", input, "--out", tmp.url.appendingPathComponent("o2").path, "--format", "json", "--strict"
        ])
        #expect(strict.exitCode == 2)
        #expect(FileManager.default.fileExists(atPath: tmp.url.appendingPathComponent("o2/summary.json").path))
    }

    @Test("Exit code 2 for usage errors and unreadable inputs")
    func usageErrors() throws {
        let tmp = try TemporaryDirectory()
        #expect(try CLIRunner.run(["report", Self.fleet, "--out", tmp.url.path, "--format", "pdf"]).exitCode == 2)
        #expect(try CLIRunner.run(["report", Self.fleet]).exitCode == 2) // --out is required with inputs
        #expect(try CLIRunner.run(["report", "--no-such-flag"]).exitCode == 2)
        let missing = try CLIRunner.run([
            "report", tmp.url.appendingPathComponent("nope").path, "--out", tmp.url.path, "--format", "json"
        ])
        #expect(missing.exitCode == 2)
        #expect(missing.stderr.contains("nope"))
        let file = URL(fileURLWithPath: try tmp.write("plain", "x"))
        let unwritable = try CLIRunner.run(["report", Self.fleet, "--out", file.path + "/sub", "--format", "json"])
        #expect(unwritable.exitCode == 2)
        #expect(try CLIRunner.run(["--help"]).exitCode == 0)
    }

    /// Runs and what is known of them go to temporary files: a TMPDIR where none can be made is
    /// one line naming it, exit code 2, and no report written.
    @Test("A TMPDIR that cannot hold temporary files is one line and exit 2")
    func unusableTemporaryDirectory() throws {
        let tmp = try TemporaryDirectory()
        let missing = tmp.url.appendingPathComponent("no-such-dir").path
        let out = tmp.url.appendingPathComponent("out")
        let r = try CLIRunner.run(["report", Self.fleet, "--out", out.path], environment: ["TMPDIR": missing])
        #expect(r.exitCode == 2)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains(missing) && lines[0].contains("TMPDIR"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("summary.json").path))
    }

    @Test("Gates: exit 1 exactly when a threshold is crossed, and the verdict is in summary.json")
    func gates() throws {
        let tmp = try TemporaryDirectory()
        try tmp.write("in/run.json", Self.goodRun) // 1 succeeded, 1 failed: rate 0.5
        let input = tmp.url.appendingPathComponent("in").path
        func code(_ extra: [String]) throws -> Int32 {
            try CLIRunner.run(
                ["report", input, "--out", tmp.url.appendingPathComponent("o").path, "--format", "json"] + extra
            ).exitCode
        }
        #expect(try code(["--fail-under", "0.5"]) == 0)
        #expect(try code(["--fail-under", "0.51"]) == 1)
        #expect(try code(["--fail-under", "50%"]) == 0)
        #expect(try code(["--fail-under-cluster", "0.6"]) == 1)
        #expect(try code(["--fail-under-cluster", "0.4"]) == 0)
        #expect(try code(["--max-failed", "1"]) == 0)
        #expect(try code(["--max-failed", "0"]) == 1)
        let text = String(decoding: try tmp.read("o/summary.json"), as: UTF8.self)
        #expect(text.contains(#""gate": "max-failed""#))
        #expect(text.contains(#""passed": false"#))
        #expect(try code(["--fail-under", "150%"]) == 2) // a rate above 100 % is a usage error
        let empty = URL(fileURLWithPath: try tmp.write("empty/readme.txt", "nothing here")).deletingLastPathComponent()
            .path
        #expect(
            try CLIRunner.run([
                "report", empty, "--out", tmp.url.appendingPathComponent("e").path, "--format", "json",
                "--fail-on-empty"
            ]).exitCode == 1)
        #expect(
            try CLIRunner.run(["report", empty, "--out", tmp.url.appendingPathComponent("e").path, "--format", "json"])
                .exitCode == 0)
    }
}
