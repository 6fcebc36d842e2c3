import Files
import TestHelpers
import Foundation
import StageIngest
import StageModel
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Expanding inputs into files: recursion, sorted order, extensions, hidden entries, links.
@Suite("InputCollector: directories, order and odd inputs")
struct InputCollectorTests {
    @Test func directoriesAreSearchedRecursivelyInSortedPathOrder() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        for (name, cluster) in [
            ("b/2.json", "c4"), ("a.json", "c1"), ("b/10.json", "c3"), ("a/z/deep.jsonl", "c2"),
            ("B.json", "c0"), ("b.ndjson", "c5")
        ] {
            try dir.write(name, Doc.minimal(cluster: cluster).text)
        }
        let r = try read([dir.path])
        #expect(r.files == 6)
        // Byte order of the whole path: "B" < "a.json" < "a/z" < "b.ndjson" < "b/10" < "b/2".
        #expect(
            r.runs.map { dir.relative($0.source) } == [
                "B.json", "a.json", "a/z/deep.jsonl:1", "b.ndjson:1", "b/10.json", "b/2.json"
            ])
        #expect(r.runs.map(\.clusterID) == ["c0", "c1", "c2", "c5", "c3", "c4"])
    }

    @Test func argumentOrderDoesNotMatter() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let a = try dir.write("x/a.json", Doc.minimal(cluster: "a").text)
        let b = try dir.write("y/b.json", Doc.minimal(cluster: "b").text)
        let c = try dir.write("c.jsonl", Doc.minimal(cluster: "c").text)
        let one = try read([b, c, a]), two = try read([a, b, c])
        #expect(one.runs == two.runs)
        #expect(one.runs.map(\.clusterID) == ["c", "a", "b"])
    }

    @Test func hiddenEntriesAndOtherExtensionsAreSkippedInDirectories() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("keep.json", Doc.minimal(cluster: "keep").text)
        try dir.write(".hidden.json", Doc.minimal(cluster: "hidden").text)
        try dir.write(".git/x.json", Doc.minimal(cluster: "in-hidden-dir").text)
        try dir.write("notes.txt", "hello")
        try dir.write("data.json.bak", Doc.minimal(cluster: "bak").text)
        let r = try read([dir.path])
        #expect(r.files == 1)
        #expect(r.runs.map(\.clusterID) == ["keep"])
        #expect(r.rejections.isEmpty)
    }

    @Test func theSamePathTwiceIsReadOnce() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let a = try dir.write("a.json", Doc.minimal().text)
        let files = try read([a, a])
        #expect(files.files == 1 && files.documents == 1)
        let dirs = try read([dir.path, dir.path])
        #expect(dirs.files == 1 && dirs.documents == 1)
    }

    /// `stage-report report dir dir/*.json`: the same file reached through its directory and by
    /// name is one input, not two (a document counted twice would also be a "duplicate run").
    @Test func aFileReachedThroughItsDirectoryAndByNameIsReadOnce() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let a = try dir.write("a.json", Doc.minimal().text)
        let r = try read([dir.path, a])
        #expect(r.files == 1)
        #expect(r.documents == 1)
        #expect(r.runs.count == 1)
    }

    /// Files found in a directory are identified by what `readdir` says (device and inode,
    /// without a lookup): a hard link, or a link to a sibling, is still the same file, and one
    /// named both ways is read once, by its first path.
    @Test func hardLinksAndLinksToSiblingsAreReadOnce() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("d/a.json", Doc.minimal(cluster: "a").text)
        try dir.write("d/lines.jsonl", Doc.minimal(cluster: "l").text + "\n")
        #expect(link(dir.path + "/d/a.json", dir.path + "/d/b.json") == 0)
        #expect(link(dir.path + "/d/lines.jsonl", dir.path + "/d/more.jsonl") == 0)
        #expect(symlink(dir.path + "/d/a.json", dir.path + "/d/c.json") == 0)
        let r = try read([dir.path + "/d", dir.path + "/d/b.json"])
        #expect(r.files == 2)
        #expect(r.documents == 2)
        #expect(r.runs.map { dir.relative($0.source) } == ["d/a.json", "d/lines.jsonl:1"])
        #expect(r.inputErrors.isEmpty)
    }

    /// A directory search takes `.json`, `.jsonl` and `.ndjson` in any case, and nothing else;
    /// the JSON Lines ones are read line by line.
    @Test func extensionsAreMatchedInAnyCase() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let two = Doc.minimal(cluster: "x").text + "\n" + Doc.minimal(cluster: "y").text + "\n"
        try dir.write("d/A.JSON", Doc.minimal(cluster: "a").text)
        try dir.write("d/b.JsonL", two)
        try dir.write("d/c.NDJSON", two)
        try dir.write("d/e.json5", Doc.minimal(cluster: "e").text)
        try dir.write("d/f.txt", Doc.minimal(cluster: "f").text)
        try dir.write("d/json", Doc.minimal(cluster: "g").text)
        let r = try read([dir.path + "/d"])
        #expect(r.files == 3)
        #expect(
            r.runs.map { dir.relative($0.source) } == [
                "d/A.JSON", "d/b.JsonL:1", "d/b.JsonL:2", "d/c.NDJSON:1", "d/c.NDJSON:2"
            ])
        #expect(r.rejections.isEmpty)
    }

    /// A named directory's subdirectories are searched on several threads when they are plain
    /// directories, and in one piece when a link is met (`visitInParallel`). Either way the
    /// files, errors and runs are the ones a single thread finds.
    @Test("Subdirectories searched side by side find what one thread finds", arguments: [false, true])
    func subdirectoriesSearchedSideBySide(withLinks: Bool) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        for v in 0..<5 {
            for c in 0..<3 {
                try dir.write("fleet/vc\(v)/c\(c)/run.json", Doc.minimal(cluster: "vc\(v)-c\(c)").text)
            }
            try dir.write("fleet/vc\(v)/notes.txt", "not an input")
            try dir.write("fleet/vc\(v)/broken.json", "{")
        }
        try dir.write("fleet/top.json", Doc.minimal(cluster: "top").text)
        if withLinks {
            // A link to a sibling's directory and a loop: a file is reached twice, and read once.
            #expect(symlink(dir.path + "/nowhere.json", dir.path + "/fleet/vc1/c0/gone.json") == 0)
            #expect(symlink(dir.path + "/fleet/vc0", dir.path + "/fleet/vc3/again") == 0)
            #expect(symlink(dir.path + "/fleet", dir.path + "/fleet/vc4/loop") == 0)
        }
        func outcome(_ workers: Int) throws -> [String] {
            let r = try read([dir.path + "/fleet"], options: IngestOptions(workers: workers))
            return ["files \(r.files) documents \(r.documents)"]
                + r.runs.map { "\(dir.relative($0.source)) \($0.clusterID)" }
                + r.rejections.map { "\(dir.relative($0.source)): \($0.reason)" }
                + r.inputErrors.map { "\($0.path): \($0.reason)" }
        }
        let one = try outcome(1)
        #expect(try outcome(2) == one)
        #expect(try outcome(3) == one)
        // 15 runs, 5 broken documents and the top one; the broken link is an input error.
        #expect(one.first == (withLinks ? "files 21 documents 22" : "files 21 documents 21"))
    }

    @Test func missingInputsAndBrokenLinksAreInputErrors() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("d/good.json", Doc.minimal().text)
        #expect(symlink(dir.path + "/nowhere.json", dir.path + "/d/broken.json") == 0)
        let r = try read([dir.path + "/d", dir.path + "/absent"])
        #expect(
            r.inputErrors == [
                FileError(path: dir.path + "/absent", reason: "no such file or directory"),
                FileError(path: dir.path + "/d/broken.json", reason: "broken symbolic link")
            ])
        #expect(r.runs.count == 1)
        #expect(r.documents == 3)
        #expect(r.rejections.count == 2)
    }

    @Test func symbolicLinkLoopsAreCut() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("d/a.json", Doc.minimal().text)
        #expect(symlink(dir.path + "/d", dir.path + "/d/loop") == 0)
        let r = try read([dir.path + "/d"])
        #expect(r.files == 1)
        #expect(r.runs.count == 1)
        #expect(r.inputErrors.isEmpty)
    }

    @Test func aFIFOInsideADirectoryIsSkipped() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("good.json", Doc.minimal().text)
        #expect(mkfifo(dir.path + "/pipe.json", 0o600) == 0)
        let r = try read([dir.path])
        #expect(r.runs.count == 1)
        #expect(r.inputErrors == [FileError(path: dir.path + "/pipe.json", reason: "not a regular file, skipped")])
    }

    @Test func emptyDirectoryHasNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let r = try read([dir.path])
        #expect(r.files == 0 && r.documents == 0 && r.runs.isEmpty && r.rejections.isEmpty && r.inputErrors.isEmpty)
    }

    @Test func displayRootsReplaceThePathInSources() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("sub/bad.json", "nope")
        try dir.write("sub/good.jsonl", Doc.minimal().text)
        let r = try read([dir.path], options: IngestOptions(workers: 1, displayRoots: [dir.path: "sample"]))
        #expect(r.rejections.map(\.source.description) == ["sample/sub/bad.json"])
        #expect(r.runs.map(\.source.description) == ["sample/sub/good.jsonl:1"])
    }
}
