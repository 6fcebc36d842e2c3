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

/// `-` reads standard input once: one JSON text when it parses as one, else JSON Lines; in
/// input order it comes first (docs/summary-json.md). Standard input is swapped for a pipe for
/// the duration of each test; nothing else in the test process reads it.
@Suite("InputCollector: standard input", .serialized)
struct StandardInputTests {
    private func withStandardInput<T>(_ text: String, _ body: () throws -> T) throws -> T {
        let bytes = Array(text.utf8)
        precondition(bytes.count < 32 * 1024, "must fit in the pipe buffer")
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        #expect(bytes.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) } == bytes.count)
        close(fds[1])
        let saved = dup(0)
        dup2(fds[0], 0)
        close(fds[0])
        defer {
            dup2(saved, 0)
            close(saved)
        }
        return try body()
    }

    @Test func oneJSONDocument() throws {
        let r = try withStandardInput(J.array([Doc.minimal(cluster: "a"), Doc.minimal(cluster: "b")]).text) {
            try read(["-"])
        }
        #expect(r.files == 1)
        #expect(r.runs.map(\.source.description) == ["<stdin>[0]", "<stdin>[1]"])
    }

    @Test func jsonLines() throws {
        let text = Doc.minimal(cluster: "a").text + "\n\n" + Doc.minimal(cluster: "b").text + "\n{oops\n"
        let r = try withStandardInput(text) { try read(["-"]) }
        #expect(r.runs.map(\.source.description) == ["<stdin>:1", "<stdin>:3"])
        #expect(r.rejections.map(\.source.description) == ["<stdin>:4"])
        #expect(r.documents == 3)
    }

    /// A stream whose first line is broken is still JSON Lines: one bad line, not one bad
    /// document for the whole stream.
    @Test func jsonLinesWhoseFirstLineIsBroken() throws {
        let text =
            "{\"commit\": \"1\", \"host_stat\n" + Doc.minimal(cluster: "a").text + "\n" + Doc.minimal(cluster: "b").text
            + "\n"
        let r = try withStandardInput(text) { try read(["-"]) }
        #expect(r.documents == 3)
        #expect(r.runs.map(\.clusterID) == ["a", "b"])
        #expect(r.rejections.map(\.source.description) == ["<stdin>:1"])
    }

    @Test func emptyStandardInputHasNoDocuments() throws {
        let r = try withStandardInput("") { try read(["-"]) }
        #expect(r.files == 1)
        #expect(r.documents == 0)
        #expect(r.rejections.isEmpty)
    }

    /// "Input order … is the sorted order of all input paths (standard input `-` first)".
    @Test func standardInputComesFirstInInputOrder() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("a.json", Doc.minimal(cluster: "from-file").text)
        #expect(file.hasPrefix("/"))
        let r = try withStandardInput(Doc.minimal(cluster: "from-stdin").text) { try read([file, "-"]) }
        #expect(r.runs.map(\.clusterID) == ["from-stdin", "from-file"])
        if r.runs.count == 2 {
            #expect(r.runs[0].source < r.runs[1].source, "the stdin document is first in input order")
        }
    }
}
