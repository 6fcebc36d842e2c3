import Foundation
import StageIngest
import StageModel
import Testing
import TestHelpers

/// Splitting files into documents: whole files, arrays, JSON Lines; BOM, CRLF, blank lines.
@Suite("UnitReader: files, arrays and JSON Lines")
struct UnitReaderTests {
    private let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    @Test func byteOrderMarkIsSkippedInEveryFormat() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("a.json", bom + Array(Doc.minimal(cluster: "c1").text.utf8))
        try dir.write(
            "b.json", bom + Array(J.array([Doc.minimal(cluster: "c2"), Doc.minimal(cluster: "c3")]).text.utf8))
        try dir.write(
            "c.jsonl", bom + Array((Doc.minimal(cluster: "c4").text + "\n" + Doc.minimal(cluster: "c5").text).utf8))
        try dir.write("d.json", bom + Array(" \n \(Doc.minimal(cluster: "c6").text)\n".utf8))
        let r = try read([dir.path])
        #expect(r.rejections.isEmpty)
        #expect(r.runs.map(\.clusterID) == ["c1", "c2", "c3", "c4", "c5", "c6"])
        #expect(
            r.runs.map { dir.relative($0.source) } == [
                "a.json", "b.json[0]", "b.json[1]", "c.jsonl:1", "c.jsonl:2", "d.json"
            ])
    }

    @Test func byteOrderMarkOnlyAtTheStart() throws {
        // A BOM in front of a later line is not skipped: that line is not JSON.
        let text =
            Array((Doc.minimal(cluster: "c1").text + "\n").utf8) + bom + Array(Doc.minimal(cluster: "c2").text.utf8)
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("x.jsonl", text)
        let r = try read([dir.path])
        #expect(r.runs.map(\.clusterID) == ["c1"])
        #expect(r.rejections.map { dir.relative($0.source) } == ["x.jsonl:2"])
        #expect(r.rejections.first?.reason == "invalid JSON at column 1: unexpected byte 0xef, expected a value")
    }

    @Test func crlfAndBlankLinesInJSONLines() throws {
        let a = Doc.minimal(cluster: "c1").text, b = Doc.minimal(cluster: "c2").text,
            c = Doc.minimal(cluster: "c3").text
        let text = "\r\n" + a + "\r\n\r\n   \r\n\t\n" + b + "\r\n" + "{bad\r\n" + c + "\r\n\r\n"
        try ingestFiles([("runs.ndjson", text)]) { r, dir in
            #expect(r.documents == 4)
            #expect(r.runs.map(\.clusterID) == ["c1", "c2", "c3"])
            #expect(r.runs.map { dir.relative($0.source) } == ["runs.ndjson:2", "runs.ndjson:6", "runs.ndjson:8"])
            #expect(r.rejections.map { dir.relative($0.source) } == ["runs.ndjson:7"])
            #expect(r.rejections.first?.reason == "invalid JSON at column 2: unexpected 'b', expected a member name")
        }
    }

    @Test func lastLineWithoutNewlineAndCarriageReturnsInside() throws {
        let a = Doc.minimal(cluster: "c1").text
        // A CR inside a line is JSON whitespace; only one CR before the LF is taken off.
        let text = a.replacingOccurrences(of: ",", with: ",\r") + "\r\r\n" + Doc.minimal(cluster: "c2").text
        try ingestFiles([("x.jsonl", text)]) { r, dir in
            #expect(r.rejections.isEmpty)
            #expect(r.runs.map { dir.relative($0.source) } == ["x.jsonl:1", "x.jsonl:2"])
        }
    }

    @Test func jsonLinesExtensionsAreCaseInsensitive() throws {
        let text = Doc.minimal(cluster: "c1").text + "\n" + Doc.minimal(cluster: "c2").text + "\n"
        try ingestFiles([("a.JSONL", text), ("b.NDJSON", text), ("c.Json", Doc.minimal(cluster: "c3").text)]) {
            r, dir in
            #expect(r.rejections.isEmpty)
            #expect(
                r.runs.map { dir.relative($0.source) } == [
                    "a.JSONL:1", "a.JSONL:2", "b.NDJSON:1", "b.NDJSON:2", "c.Json"
                ])
        }
    }

    /// A `.json` file holding one value per line is a stream of concatenated values.
    @Test func jsonLinesInAJSONFileIsAStreamOfValues() throws {
        let text = Doc.minimal(cluster: "c1").text + "\n" + Doc.minimal(cluster: "c2").text + "\n"
        try ingestFiles([("lines.json", text)]) { r, dir in
            #expect(r.documents == 2)
            #expect(r.rejections.isEmpty)
            #expect(r.runs.map { dir.relative($0.source) } == ["lines.json:1", "lines.json:2"])
        }
    }

    @Test func aFileNamedExplicitlyIsReadWhateverItsExtension() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let txt = try dir.write("run.txt", Doc.minimal(cluster: "c1").text)
        let lines = try dir.write(
            "runs.log.jsonl", Doc.minimal(cluster: "c2").text + "\n" + Doc.minimal(cluster: "c3").text)
        try dir.write("skipped.txt", Doc.minimal(cluster: "c4").text)
        let named = try read([txt, lines])
        #expect(named.runs.map(\.clusterID) == ["c1", "c2", "c3"])
        let walked = try read([dir.path])
        #expect(walked.files == 1, "a directory walk picks only .json, .jsonl and .ndjson")
        #expect(walked.runs.map(\.clusterID) == ["c2", "c3"])
    }

    @Test func arraysMayMixDocumentKinds() throws {
        let array: J = [
            Doc.task(Doc.result(names: [("h", "a")])), Doc.rest(Doc.task(nil)), Doc.minimal(cluster: "c9"),
            Doc.task(Doc.result(), operation: "scan$task")
        ]
        try ingestFiles([("mixed.json", array.text)]) { r, dir in
            #expect(r.documents == 4)
            #expect(r.withoutResult == 1)
            #expect(r.otherOperations == 1)
            // The task without a result is a run too (report-semantics §1).
            #expect(r.runs.map { dir.relative($0.source) } == ["mixed.json[0]", "mixed.json[1]", "mixed.json[2]"])
        }
    }

    @Test func inputCountsAddUp() throws {
        let lines = [
            Doc.minimal(cluster: "c1").text, "", "[]", Doc.task(nil).text, Doc.task(Doc.result(), operation: "x").text,
            "{"
        ]
        let files: [(String, String)] = [
            ("a.jsonl", lines.joined(separator: "\n")),
            ("b.json", J.array([Doc.minimal(cluster: "c2"), 1]).text),
            ("c.json", "")
        ]
        try ingestFiles(files) { r, _ in
            #expect(r.files == 3)
            #expect(r.documents == 5 + 2 + 1)
            #expect(r.runs.count == 3, "the task without a result is a run")
            #expect(r.withoutResult == 1)
            #expect(r.otherOperations == 1)
            #expect(r.rejections.count == 4) // [] line, { line, b.json[1], empty c.json
            #expect(r.documents == r.runs.count + r.otherOperations + r.rejections.count)
            #expect(r.bytes == files.reduce(0) { $0 + $1.1.utf8.count })
        }
    }

    @Test func documentProbeReadsBytesLikeAFile() throws {
        let lines = [Doc.minimal(cluster: "c1").text, "", "{bad", Doc.task(nil).text, Doc.minimal(cluster: "c2").text]
            .joined(separator: "\r\n")
        let bytes = [0xEF, 0xBB, 0xBF] + Array(lines.utf8)
        let probe = bytes.withUnsafeBytes { DocumentProbe.read($0, jsonLines: true, path: "x.jsonl") }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("x.jsonl", bytes)
        let file = try read([dir.path])
        #expect(probe.documents == file.documents && probe.documents == 4)
        #expect(probe.withoutResult == 1 && file.withoutResult == 1)
        #expect(probe.runs.map(\.source.description) == ["x.jsonl:1", "x.jsonl:4", "x.jsonl:5"])
        #expect(probe.runs.map(\.hosts) == file.runs.map(\.hosts))
        #expect(probe.rejections.map(\.source.description) == ["x.jsonl:3"])
        #expect(probe.rejections.map(\.reason) == file.rejections.map(\.reason))
        let whole = Array(J.array([Doc.minimal(cluster: "c3"), 5]).text.utf8).withUnsafeBytes {
            DocumentProbe.read($0, jsonLines: false, path: "y.json")
        }
        #expect(whole.runs.map(\.source.description) == ["y.json[0]"])
        #expect(whole.rejections.map(\.source.description) == ["y.json[1]"])
    }
}
