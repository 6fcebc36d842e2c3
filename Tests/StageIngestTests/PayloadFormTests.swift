import Foundation
import StageIngest
import StageModel
import TestHelpers
import Testing

/// The forms real payloads arrive in beyond one JSON text per file (report-semantics §1): task
/// lists, concatenated values, UTF-16, bytes that are not UTF-8, values a serializer flattened,
/// and the operation's spellings. Built from the spec-example fixtures, which are shaped as the
/// vSphere Automation API writes them.
@Suite("Payload forms: task lists, streams, encodings, flattened values")
struct PayloadFormTests {
    private func fixture(_ name: String) throws -> String {
        try String(contentsOfFile: fixturesPath + "/spec-example/" + name, encoding: .utf8)
    }

    /// The /api task info with its start moved, so that two copies are two runs.
    private func apiTask(start: String) throws -> String {
        try fixture("api-task.json").replacingOccurrences(
            of: "\"start_time\": \"2024-11-08T19:39:45.987Z\"",
            with: "\"start_time\": \"\(start)\"")
    }

    private func readOne(_ name: String, _ bytes: [UInt8]) throws -> (Read, TemporaryDirectory) {
        let dir = try TemporaryDirectory()
        try dir.write(name, bytes)
        return (try read([dir.path]), dir)
    }

    @Test func concatenatedPrettyPrintedValuesInAFile() throws {
        let (api, rest, bare) = (
            try fixture("api-task.json") + "\n", try fixture("rest-task.json"), try fixture("bare-result.json")
        )
        let (r, dir) = try readOne("cat.json", Array((api + rest + bare).utf8))
        defer { dir.remove() }
        #expect(r.documents == 3)
        #expect(r.rejections.isEmpty)
        // Each value's source is the line it starts on.
        func line(before text: String) -> Int { text.utf8.filter { $0 == 0x0A }.count + 1 }
        #expect(
            r.runs.map { dir.relative($0.source) }.sorted()
                == ["cat.json:1", "cat.json:\(line(before: api))", "cat.json:\(line(before: api + rest))"].sorted())
    }

    @Test func aStreamThatBreaksRejectsItsRestOnly() throws {
        let text =
            try fixture("api-task.json") + "\n{\"commit\": \"2\", \"host_status\": {,}}\n" + fixture("bare-result.json")
        let (r, dir) = try readOne("cat.json", Array(text.utf8))
        defer { dir.remove() }
        #expect(r.runs.count == 1)
        #expect(r.documents == 2)
        let rejection = try #require(r.rejections.first)
        let line = try fixture("api-task.json").split(separator: "\n", omittingEmptySubsequences: false).count + 1
        #expect(dir.relative(rejection.source) == "cat.json:\(line)")
        #expect(rejection.reason.hasPrefix("invalid JSON at line \(line), column "))
        #expect(rejection.reason.hasSuffix("the rest of the stream is not read"))
    }

    @Test func apiTaskListIsOneDocumentPerTask() throws {
        let list =
            "{\"cluster_name\": \"Prod\", \"task-1:com.vmware.esx.settings.clusters.software\": "
            + "\(try apiTask(start: "2024-11-08T19:39:45.987Z")),"
            + " \"task-2:com.vmware.esx.settings.clusters.software\": "
            + "\(try apiTask(start: "2024-11-09T19:39:45.987Z"))}"
        let (r, dir) = try readOne("tasks.json", Array(list.utf8))
        defer { dir.remove() }
        #expect(r.documents == 2)
        #expect(r.rejections.isEmpty)
        #expect(
            r.runs.map { dir.relative($0.source) }.sorted()
                == [
                    "tasks.json[task-1:com.vmware.esx.settings.clusters.software]",
                    "tasks.json[task-2:com.vmware.esx.settings.clusters.software]"
                ])
        // The list's annotation applies to its tasks; each task's own (`vcenter`) stays its own.
        #expect(
            r.runs.allSatisfy {
                $0.vcenter == "vc01.lab.local" && $0.clusterID == "domain-c8" && $0.clusterName == "Prod"
            })
    }

    @Test func restTaskListIsOneDocumentPerElement() throws {
        let task = try apiTask(start: "2024-11-08T19:39:45.987Z").replacingOccurrences(
            of: "\"vcenter\": \"vc01.lab.local\"",
            with: "\"user\": \"x\"")
        let list =
            "{\"value\": [{\"key\": \"task-7\", \"value\": \(task)}, "
            + "{\"key\": \"task-8\", \"value\": \(task), \"vcenter\": \"vc02\"}],"
            + " \"vcenter\": \"vc01\"}"
        let (r, dir) = try readOne("tasks.json", Array(list.utf8))
        defer { dir.remove() }
        #expect(r.documents == 2)
        // The same run twice, from two vCenters: a task's own annotation wins over the list's.
        #expect(r.runs.map(\.vcenter).sorted() == ["vc01", "vc02"])
        #expect(r.runs.map { dir.relative($0.source) }.sorted() == ["tasks.json[task-7]", "tasks.json[task-8]"])
    }

    @Test func anObjectOfOtherObjectsIsNotATaskList() throws {
        let (r, dir) = try readOne("package.json", Array("{\"scripts\": {\"build\": \"x\"}, \"name\": \"p\"}".utf8))
        defer { dir.remove() }
        #expect(r.runs.isEmpty)
        #expect(r.rejections.count == 1)
    }

    @Test(arguments: [UTF16ByteOrderCase.little, .big])
    func utf16WithAByteOrderMark(_ order: UTF16ByteOrderCase) throws {
        let text = try fixture("api-task.json").replacingOccurrences(
            of: "esx01.lab.local", with: "esx01-Zürich.lab.local")
        var bytes: [UInt8] = order == .little ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for unit in text.utf16 {
            bytes += order == .little ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        let (r, dir) = try readOne("ps.json", bytes)
        defer { dir.remove() }
        #expect(r.rejections.isEmpty, "\(r.rejections)")
        let run = try #require(r.runs.first)
        #expect(run.host("host-12")?.name == "esx01-Zürich.lab.local")
        #expect(run.notes.isEmpty)
    }

    @Test func utf16JSONLinesLargerThanAChunkIsReadWhole() throws {
        let line = Doc.minimal(cluster: "c", extra: [("pad", .string(String(repeating: "x", count: 900)))]).text
        var text = ""
        for n in 0..<20 { text += line.replacingOccurrences(of: "\"c\"", with: "\"c\(n)\"") + "\r\n" }
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("ps.jsonl", bytes)
        let r = try read([dir.path], options: IngestOptions(workers: 2, chunkBytes: 4096))
        #expect(r.rejections.isEmpty)
        #expect(r.runs.count == 20)
        #expect(Set(r.runs.map(\.clusterID)).count == 20)
    }

    @Test func bytesThatAreNotUTF8InAStringAreReplacedAndNoted() throws {
        let text = try fixture("api-task.json")
        var bytes = Array(text.utf8)
        let name = Array("esx01.lab.local".utf8)
        let at = try #require(bytes.indices.first { bytes[$0...].starts(with: name) })
        bytes.replaceSubrange(at..<(at + 3), with: [0x65, 0xE9, 0x78]) // Latin-1 "é"
        for file in ["one.json", "one.jsonl"] {
            let (r, dir) = try readOne(file, file.hasSuffix("l") ? flatten(bytes) : bytes)
            defer { dir.remove() }
            #expect(r.rejections.isEmpty, "\(file): \(r.rejections)")
            let run = try #require(r.runs.first, "\(file)")
            #expect(run.host("host-12")?.name == "e\u{FFFD}x01.lab.local")
            #expect(run.notes(.invalidUTF8).count == 1)
        }
    }

    @Test func onlyTheDocumentWithBadBytesIsNoted() throws {
        let good = Doc.minimal(cluster: "good").text
        let bad = Array(Doc.minimal(cluster: "bad~").text.utf8).map { $0 == 0x7E ? 0xFF : $0 }
        let bytes = Array("[".utf8) + Array(good.utf8) + Array(",".utf8) + bad + Array("]".utf8)
        let (r, dir) = try readOne("two.json", bytes)
        defer { dir.remove() }
        #expect(r.runs.count == 2)
        #expect(r.runs.first { $0.clusterID == "good" }?.notes(.invalidUTF8).isEmpty == true)
        #expect(r.runs.first { $0.clusterID == "bad\u{FFFD}" }?.notes(.invalidUTF8).count == 1)
    }

    @Test func badBytesOutsideStringsStillReject() throws {
        let bytes = Array("{\"commit\": \"1\", \"host_status\": {}}".utf8).map { $0 == 0x20 ? 0xFF : $0 }
        let (r, dir) = try readOne("broken.json", bytes)
        defer { dir.remove() }
        #expect(r.runs.isEmpty)
        #expect(r.rejections.count == 1)
    }

    @Test(arguments: ["stage$task", "Stage$Task", "STAGE", "stage"])
    func stageOperationInAnyCase(_ operation: String) throws {
        let run = try onlyRun(
            Doc.task(Doc.result(statuses: [("host-1", Doc.status("OK"))]))
                .adding([("operation", .string(operation))]))
        #expect(run != nil)
    }

    @Test func otherOperationsAreLeftOut() throws {
        let r = try ingestOne(
            Doc.task(Doc.result(statuses: [("host-1", Doc.status("OK"))]))
                .adding([("operation", "scan$task")]))
        #expect(r.otherOperations == 1)
        #expect(r.runs.isEmpty)
    }

    @Test func hostStatusesFlattenedByConvertToJsonAreNotedWithTheFix() throws {
        let doc = Doc.task(
            .object([
                ("commit", "3"),
                ("host_info", .object([("host-1", "@{name=esx01.lab.local}")])),
                (
                    "host_status",
                    .object([("host-1", "@{status=TIMED_OUT; start_time=11/08/2024 19:39:46; notifications=}")])
                ),
                ("failed_hosts", .array(["host-1"]))
            ]))
        let run = try #require(try onlyRun(doc))
        let notes = run.notes(.flattenedBySerializer)
        #expect(notes.count == 1)
        #expect(notes.first?.detail.contains("ConvertTo-Json -Depth") == true)
        #expect(run.host("host-1")?.outcome == .failed)
    }

    @Test func wholeMapsFlattenedCountAsAbsent() throws {
        let doc = Doc.task(
            .object([
                ("commit", "3"),
                ("host_status", "System.Collections.Hashtable"),
                ("successful_hosts", "System.Object[]")
            ]))
        let r = try ingestOne(doc)
        #expect(r.rejections.isEmpty)
        let run = try #require(r.runs.first)
        #expect(run.hosts.isEmpty)
        #expect(run.notes(.flattenedBySerializer).first?.detail.hasPrefix("result.host_status (and 1 more)") == true)
    }

    /// One JSON Lines line: the pretty-printed text with its newlines removed.
    private func flatten(_ bytes: [UInt8]) -> [UInt8] {
        bytes.filter { $0 != 0x0A && $0 != 0x0D } + [0x0A]
    }
}

enum UTF16ByteOrderCase: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case little, big
    var testDescription: String { rawValue }
}
