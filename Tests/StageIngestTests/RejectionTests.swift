import Foundation
import StageIngest
import StageModel
import Testing
import TestHelpers

/// One test per rejection reason of report-semantics §1. Each bad document sits next to a good
/// one, which must still be counted; the rejection names its source and the field.
@Suite("Rejection: every reason, with its source")
struct RejectionTests {
    /// Ingests `good.json` plus `name` and checks the single rejection.
    private func expectRejected(
        _ name: String, _ bytes: [UInt8], source: String, reason expected: String,
        documents: Int = 2
    ) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("good.json", Doc.minimal().text)
        try dir.write(name, bytes)
        let r = try read([dir.path])
        #expect(r.files == 2)
        #expect(r.documents == documents)
        #expect(r.runs.count == 1, "the good document is still read")
        #expect(r.runs.first?.hosts.map(\.outcome) == [.succeeded])
        #expect(r.rejections.count == 1)
        guard let rejection = r.rejections.first else { return }
        #expect(dir.relative(rejection.source) == source)
        #expect(rejection.reason.contains(expected), "reason was: \(rejection.reason)")
        #expect(!rejection.reason.contains("\n"), "a one-line reason")
    }

    private func expectRejected(_ name: String, _ doc: J, source: String? = nil, reason: String) throws {
        try expectRejected(name, Array(doc.text.utf8), source: source ?? name, reason: reason)
    }

    @Test func brokenJSONFileIsOneDocument() throws {
        let text = "{\"commit\": \"1\", \"host_status\": {\"host-1\": {}}, \"a\": [1, 2, 3] \"b\": 4}"
        let offset = text.utf8.count - 7 // the `"b"` after `]`
        try expectRejected(
            "broken.json", Array(text.utf8), source: "broken.json",
            reason: "invalid JSON at line 1, column \(offset + 1)")
    }

    @Test func brokenJSONReportsLineAndColumn() throws {
        let text = "{\n  \"commit\": \"1\",\n  \"host_status\": \n}\n"
        try expectRejected(
            "multi.json", Array(text.utf8), source: "multi.json",
            reason: "invalid JSON at line 4, column 1: unexpected '}', expected a value")
    }

    @Test func truncatedFileIsRejected() throws {
        let text = "{\"commit\": \"1\", \"host_status\": "
        try expectRejected(
            "cut.json", Array(text.utf8), source: "cut.json",
            reason: "invalid JSON at line 1, column \(text.utf8.count + 1): unexpected end of input")
    }

    @Test func brokenJSONLineIsOneDocumentWithItsLine() throws {
        let lines = [Doc.minimal(cluster: "c2").text, "{broken", "", Doc.minimal(cluster: "c3").text, "[1, 2]"]
        try ingestFiles([("lines.jsonl", lines.joined(separator: "\n") + "\n")]) { r, dir in
            #expect(r.documents == 4, "the blank line is not a document")
            #expect(r.runs.map(\.clusterID) == ["c2", "c3"])
            #expect(r.rejections.map { dir.relative($0.source) } == ["lines.jsonl:2", "lines.jsonl:5"])
            #expect(r.rejections.first?.reason == "invalid JSON at column 2: unexpected 'b', expected a member name")
            #expect(r.rejections.last?.reason == "expected a JSON object, found an array")
        }
    }

    /// Bytes that are not UTF-8 inside a string are repaired (PayloadFormTests); outside a
    /// string they break the JSON itself.
    @Test func invalidUTF8OutsideAStringInAFile() throws {
        let prefix = Array("{\"commit\": \"1\", \"host_status\": {}, ".utf8)
        let bytes = prefix + [0xFF, 0xFE] + Array("}".utf8)
        try expectRejected(
            "utf8.json", bytes, source: "utf8.json",
            reason: "invalid JSON at line 1, column \(prefix.count + 1): unexpected byte 0xff")
    }

    @Test func invalidUTF8OutsideAStringInAJSONLine() throws {
        let bad = Array("{\"commit\": \"1\", \"x\": ".utf8) + [0xC3, 0x28] + Array("}".utf8)
        let bytes = [0x0A] + bad + [0x0A] // line 1 is blank
        try expectRejected(
            "u.jsonl", bytes, source: "u.jsonl:2", reason: "invalid JSON at column 22: unexpected byte 0xc3")
    }

    @Test(
        "An empty or blank .json file is one rejected document",
        arguments: [[], Array("  \n\t\r\n".utf8), [0xEF, 0xBB, 0xBF], [0xEF, 0xBB, 0xBF, 0x0A]] as [[UInt8]])
    func emptyJSONFile(bytes: [UInt8]) throws {
        try expectRejected("empty.json", bytes, source: "empty.json", reason: "empty file")
    }

    @Test func emptyJSONLinesFileHasNoDocuments() throws {
        try ingestFiles([("empty.jsonl", ""), ("blank.ndjson", "\n  \n\r\n\t\n"), ("good.json", Doc.minimal().text)]) {
            r, _ in
            #expect(r.files == 3)
            #expect(r.documents == 1)
            #expect(r.rejections.isEmpty)
            #expect(r.runs.count == 1)
        }
    }

    @Test func valueThatIsNotAnObject() throws {
        try expectRejected(
            "scalar.json", Array(" 42 ".utf8), source: "scalar.json",
            reason: "expected a JSON object, found a number")
    }

    @Test func arrayElementsAreDocumentsWithTheirIndex() throws {
        let array: J = [Doc.minimal(cluster: "c2"), 7, "s", nil, [], true, ["foo": 1], Doc.minimal(cluster: "c3")]
        try ingestFiles([("array.json", array.text)]) { r, dir in
            #expect(r.documents == 8)
            #expect(r.runs.map { dir.relative($0.source) } == ["array.json[0]", "array.json[7]"])
            #expect(r.rejections.map { dir.relative($0.source) } == (1...6).map { "array.json[\($0)]" })
            #expect(
                r.rejections.map(\.reason).prefix(5) == [
                    "expected a JSON object, found a number", "expected a JSON object, found a string",
                    "expected a JSON object, found null", "expected a JSON object, found an array",
                    "expected a JSON object, found a boolean"
                ])
            #expect(r.rejections.last?.reason.hasPrefix("not a stage document") == true)
        }
    }

    @Test func emptyArrayHasNoDocuments() throws {
        try ingestFiles([("none.json", "[]"), ("good.json", Doc.minimal().text)]) { r, _ in
            #expect(r.documents == 1 && r.rejections.isEmpty && r.runs.count == 1)
        }
    }

    @Test func objectOfNoKind() throws {
        try expectRejected("nokind.json", ["foo": "bar", "commit": "1"], reason: "not a stage document")
    }

    @Test(
        "{\"value\": <not a task info>} is rejected",
        arguments: [
            J.object([("value", Doc.result())]), ["value": 5], ["value": []], ["value": ["status": "SUCCEEDED"]]
        ])
    func valueWithoutTaskInfo(doc: J) throws {
        try expectRejected("value.json", doc, reason: "not a stage document")
    }

    @Test func commitMissingInATask() throws {
        try expectRejected(
            "nocommit.json", Doc.task(["host_info": [:], "host_status": [:]]), reason: "result.commit: missing")
    }

    @Test func commitMissingInARestTask() throws {
        try expectRejected(
            "nocommit.json", Doc.rest(Doc.task(["host_status": [:]])), reason: "value.result.commit: missing")
    }

    @Test(
        "commit that is not a string",
        arguments: [
            (J.number("5"), "a number"), (J.null, "null"), (J.array([]), "an array"), (J.object([]), "an object"),
            (J.bool(true), "a boolean")
        ])
    func commitNotAString(commit: J, type: String) throws {
        try expectRejected(
            "task.json", Doc.task(Doc.result(commit: commit)), reason: "result.commit: expected a string, found \(type)"
        )
        try expectRejected(
            "bare.json", ["commit": commit, "host_status": [:]], reason: "commit: expected a string, found \(type)")
    }

    @Test(
        "host_info and host_status of the wrong type", arguments: ["host_info", "host_status"],
        [
            (J.number("3"), "a number"), (J.string("OK"), "a string"), (J.bool(false), "a boolean")
        ])
    func mapOfWrongType(map: String, value: (J, String)) throws {
        let doc = Doc.task(Doc.result(names: [("host-1", "a")]).adding([(map, value.0)]))
        try expectRejected(
            "map.json", doc, reason: "result.\(map): expected an object or a key/value list, found \(value.1)")
    }

    @Test(
        "A host list of the wrong type", arguments: ["successful_hosts", "failed_hosts", "skipped_hosts"],
        [
            (J.string("host-1"), "a string"), (J.object([("host-1", true)]), "an object"), (J.number("1"), "a number")
        ])
    func hostListOfWrongType(list: String, value: (J, String)) throws {
        try expectRejected(
            "list.json", Doc.result(extra: [(list, value.0), ("cluster", "c")]),
            reason: "\(list): expected an array, found \(value.1)")
    }

    @Test func resultThatIsNotAnObject() throws {
        try expectRejected("result.json", Doc.task("done"), reason: "result: expected an object, found a string")
        try expectRejected(
            "result.json", Doc.rest(Doc.task([1])), reason: "value.result: expected an object, found an array")
    }

    @Test func nullMapsAndListsCountAsAbsent() throws {
        let doc: J = [
            "commit": "1", "host_info": nil, "host_status": nil, "successful_hosts": nil,
            "failed_hosts": nil, "skipped_hosts": nil, "cluster": "c"
        ]
        let r = try ingestOne(doc)
        #expect(r.rejections.isEmpty)
        #expect(r.runs.first?.hosts.isEmpty == true)
    }

    @Test func wrongTypesDeeperDownDoNotReject() throws {
        let doc = Doc.result(
            names: [("host-1", "a")],
            statuses: [
                ("host-1", ["status": 7, "notifications": "x", "start_time": 12, "end_time": ["t": 1]]),
                (
                    "host-2",
                    [
                        "status": "ERROR",
                        "notifications": ["errors": "boom", "warnings": [5, ["id": 9], Doc.note("w.1")]]
                    ]
                )
            ],
            successful: nil, failed: [], skipped: nil,
            extra: [
                ("cluster", "c"), ("notifications", 3), ("status", "not-an-object"),
                ("successful_hosts", ["host-1", 5, nil]), ("skipped_hosts", [1, "host-3", nil])
            ])
        let run = try #require(try onlyRun(doc))
        #expect(run.hosts.map(\.id) == ["host-1", "host-2", "host-3"])
        #expect(run.host("host-1")?.outcome == .unknown) // status 7 counts as no status
        #expect(run.host("host-1")?.start == nil)
        #expect(run.host("host-2")?.reason?.id == "w.1") // first usable notification
        #expect(run.host("host-3")?.outcome == .skipped)
        #expect(run.notes(.invalidTime).isEmpty, "only strings that do not parse are invalid times")
        #expect(run.notes(.statusWithoutHostInfo).count == 1) // host-2
    }

    @Test func rejectionsStayInInputOrderAcrossFiles() throws {
        try ingestFiles([("b.jsonl", "1\n\n{}\n"), ("a.json", "[1, {}]"), ("c.json", "x"), ("a/z.json", "null")]) {
            r, dir in
            #expect(
                r.rejections.map { dir.relative($0.source) } == [
                    "a.json[0]", "a.json[1]", "a/z.json", "b.jsonl:1", "b.jsonl:3", "c.json"
                ])
            #expect(r.documents == 6)
        }
    }
}
