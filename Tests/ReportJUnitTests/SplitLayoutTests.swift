import Files
import Foundation
import ReportJUnit
import StageAggregation
import StageModel
import Testing

/// `--junit-split cluster` with vCenter and cluster ids chosen to escape or collide.
@Suite struct SplitLayoutTests {
    static let maliciousKeys: [(String, String)] = [
        ("../../x", "a/b"), ("..", "."), ("", ""), (".", ".."), ("/etc", "passwd"), ("vc", "../../../../tmp/evil"),
        ("CON", "NUL"), ("vc", "CON"), ("vc", "Prod"), ("vc", "prod"), ("vc", "PROD"), ("vc", "a/b"), ("vc", "a?b"),
        ("vc", "a\\b"), ("vc-a", "b"), ("vc", "a-b"), ("vc", String(repeating: "x", count: 300)),
        ("vc", String(repeating: "x", count: 300) + "y"), ("zürich", "日本"), ("zurich", "日本"),
        ("vc\u{0}", "c\n"), ("vc", "c\u{1b}[31m"), ("vc", "😀"), ("vc", "😁"), ("vc", " "), ("vc", "\t"),
        ("vc", ".hidden"), ("vc", "x.xml")
    ]

    /// One run per key, in canonical order (same start, so by vCenter then cluster id).
    static func runs() -> [StageRun] {
        maliciousKeys.map { vcenter, cluster in
            StageRun(
                source: DocumentSource(path: "x"), vcenter: vcenter, clusterID: cluster, clusterName: cluster,
                commit: "1", start: Timestamp(milliseconds: 1_000),
                hosts: [
                    HostResult(
                        id: "host-1", name: "esx1", outcome: .failed, status: "ERROR",
                        reason: Reason(id: "(unspecified)")),
                    HostResult(id: "host-2", name: "esx2", outcome: .succeeded, status: "OK")
                ])
        }.sorted { $0.identity < $1.identity }
    }

    @Test func staysInsideTheDirectoryWithoutCollisions() throws {
        let runs = Self.runs()
        let summary = TestSupport.summary(of: runs)
        try TestSupport.withTemporaryDirectory { base in
            let dir = base + "/out"
            let paths = try JUnitRenderer(options: JUnitOptions(split: .cluster)).write(
                summary: summary, runs: runs, to: dir)
            #expect(paths.count == Self.maliciousKeys.count, "one file per cluster")
            #expect(
                TestSupport.files(under: base)
                    == paths.map { "out/junit/" + ($0 as NSString).lastPathComponent }.sorted(),
                "nothing but the returned files, all in DIR/junit/")
            let names = paths.map { ($0 as NSString).lastPathComponent }
            #expect(Set(names.map { $0.lowercased() }).count == names.count, "no collision, even ignoring case")
            for (path, name) in zip(paths, names) {
                #expect(path == dir + "/junit/" + name)
                #expect(name.hasPrefix("TEST-") && name.hasSuffix(".xml") && name.utf8.count < 100)
                #expect(
                    name.utf8.allSatisfy {
                        ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || "TES-._".utf8.contains($0)
                    },
                    "\(name) uses only [a-z0-9._-]")
                #expect(!name.contains(".."))
                let suites = try JUnitChecks.verify(path).children
                #expect(suites.count == 1)
            }
            // Each cluster's run landed in exactly one file.
            var seen = Set<String>()
            for path in paths {
                let suite = try #require(try LibXMLDocument(path: path).root()?.children.first)
                let key =
                    (JUnitChecks.property("vcenter", of: suite) ?? "?") + "\u{0}"
                    + (JUnitChecks.property("cluster.id", of: suite) ?? "?")
                #expect(seen.insert(key).inserted)
            }
            #expect(seen.count == Self.maliciousKeys.count)
        }
    }

    @Test func namesAreStableAcrossRuns() throws {
        let runs = Self.runs()
        let summary = TestSupport.summary(of: runs)
        let first = try TestSupport.withTemporaryDirectory { dir in
            try JUnitRenderer(options: JUnitOptions(split: .cluster)).write(summary: summary, runs: runs, to: dir)
                .map { ($0 as NSString).lastPathComponent }
        }
        let subset = Array(runs.suffix(5))
        let second = try TestSupport.withTemporaryDirectory { dir in
            try JUnitRenderer(options: JUnitOptions(split: .cluster))
                .write(summary: TestSupport.summary(of: subset), runs: subset, to: dir)
                .map { ($0 as NSString).lastPathComponent }
        }
        #expect(Set(second).isSubset(of: Set(first)), "a cluster's file name does not depend on the other clusters")
    }

    /// A symbolic link planted at DIR/junit could send the files anywhere: refused.
    @Test func refusesSymlinkedJUnitDirectory() throws {
        let runs = Self.runs()
        try TestSupport.withTemporaryDirectory { base in
            let elsewhere = base + "/elsewhere"
            try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: base + "/out", withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: base + "/out/junit", withDestinationPath: elsewhere)
            #expect(throws: (any Error).self) {
                try JUnitRenderer(options: JUnitOptions(split: .cluster))
                    .write(summary: TestSupport.summary(of: runs), runs: runs, to: base + "/out")
            }
            #expect(TestSupport.files(under: elsewhere).isEmpty)
        }
    }

    /// Errors are `FileError`s that name what could not be written, and leave nothing behind.
    @Test func errorsNameThePath() throws {
        let runs = Self.runs()
        try TestSupport.withTemporaryDirectory { base in
            let blocker = base + "/file"
            try AtomicFile.write(Array("x".utf8), to: blocker)
            do {
                _ = try JUnitRenderer().write(summary: TestSupport.summary(of: runs), runs: runs, to: blocker + "/out")
                Issue.record("writing below a regular file succeeded")
            } catch let error as FileError {
                #expect(error.path == blocker, "the component that is not a directory")
            }
            // junit.xml exists as a directory: the rename fails, and no temporary file stays.
            try FileManager.default.createDirectory(atPath: base + "/out/junit.xml", withIntermediateDirectories: true)
            do {
                _ = try JUnitRenderer().write(summary: TestSupport.summary(of: runs), runs: runs, to: base + "/out")
                Issue.record("writing over a directory succeeded")
            } catch let error as FileError {
                #expect(error.path == base + "/out/junit.xml")
            }
            #expect(TestSupport.files(under: base + "/out").isEmpty)
        }
    }

    @Test func emptyInputs() throws {
        let summary = TestSupport.summary(of: [])
        try TestSupport.withTemporaryDirectory { dir in
            let single = try JUnitRenderer().write(summary: summary, runs: [], to: dir + "/a/b")
            #expect(single == [dir + "/a/b/junit.xml"])
            #expect(try JUnitChecks.verify(single[0]).children.isEmpty)
            let split = try JUnitRenderer(options: JUnitOptions(split: .cluster)).write(
                summary: summary, runs: [], to: dir + "/c")
            #expect(split.isEmpty)
        }
    }
}
