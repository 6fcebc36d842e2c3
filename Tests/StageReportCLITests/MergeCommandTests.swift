import Foundation
import Testing
import TestHelpers

@Suite("stage-report merge")
struct MergeCommandTests {
    /// Copies the shared fleet and adds a duplicate of one vc01 run under vc02, so that the
    /// duplicate pair is split across the two partial files.
    private func fleetWithSplitDuplicate(in tmp: TemporaryDirectory) throws -> URL {
        let fleet = tmp.url.appendingPathComponent("fleet")
        try FileManager.default.copyItem(
            at: CLIRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/shared-fleet"), to: fleet)
        try FileManager.default.copyItem(
            at: fleet.appendingPathComponent("vc01.dc0.example.com/domain-c8/2026-11-02.json"),
            to: fleet.appendingPathComponent("vc02.dc1.example.com/zz-copy.json"))
        return fleet
    }

    @Test("Merging the partials of any split equals one run over all the inputs, byte for byte")
    func mergeEqualsSingleRun() throws {
        let tmp = try TemporaryDirectory()
        let fleet = try fleetWithSplitDuplicate(in: tmp)
        let now = ["--now", "2026-11-04T06:00:00Z", "--format", "json"]
        let all = [
            "vc01.dc0.example.com/domain-c15", "vc01.dc0.example.com/domain-c8",
            "vc02.dc1.example.com/domain-c16", "vc02.dc1.example.com/domain-c9", "vc02.dc1.example.com/zz-copy.json"
        ]
        let single = try CLIRunner.run(
            ["report"] + all + ["--out", tmp.url.appendingPathComponent("single").path] + now,
            currentDirectory: fleet)
        #expect(single.exitCode == 0, "\(single.stderr)")
        let expected = try tmp.read("single/summary.json")
        #expect(String(decoding: expected, as: UTF8.self).contains(#""duplicates": 1"#))

        // Three different splits, including one that separates the duplicate pair.
        let splits: [[[String]]] = [
            [Array(all[0..<2]), Array(all[2...])],
            [[all[0]], [all[1], all[4]], [all[2], all[3]]],
            [[all[4]], Array(all[0..<4])]
        ]
        for (n, split) in splits.enumerated() {
            var partials: [String] = []
            for (k, part) in split.enumerated() {
                let file = tmp.url.appendingPathComponent("p\(n)-\(k).partial").path
                let r = try CLIRunner.run(["report"] + part + ["--partial", file], currentDirectory: fleet)
                #expect(r.exitCode == 0, "\(r.stderr)")
                partials.append(file)
            }
            let out = tmp.url.appendingPathComponent("merged\(n)")
            let m = try CLIRunner.run(["merge"] + partials.reversed() + ["--out", out.path] + now)
            #expect(m.exitCode == 0, "\(m.stderr)")
            #expect(try Data(contentsOf: out.appendingPathComponent("summary.json")) == expected, "split \(n)")
        }
    }

    @Test("A damaged partial file is a clear error with exit code 2")
    func damagedPartial() throws {
        let tmp = try TemporaryDirectory()
        let bad = URL(fileURLWithPath: try tmp.write("bad.partial", "STAGE-REPORT-PARTIAL\nnot really"))
        let r = try CLIRunner.run(["merge", bad.path, "--out", tmp.url.appendingPathComponent("o").path])
        #expect(r.exitCode == 2)
        #expect(r.stderr.contains("bad.partial"))
        let missing = try CLIRunner.run(["merge", tmp.url.appendingPathComponent("nope").path, "--out", tmp.url.path])
        #expect(missing.exitCode == 2)
    }
}
