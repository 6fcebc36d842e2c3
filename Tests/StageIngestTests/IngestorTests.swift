import Files
import Foundation
import StageIngest
import StageModel
import Synchronization
import Testing
import TestHelpers

/// The parallel driver: JSON Lines chunking, worker count independence, counts.
@Suite("Ingestor: chunks, workers and determinism")
struct IngestorTests {
    /// A JSON Lines file built to put line starts, CRLFs and blank lines on chunk boundaries,
    /// with the line numbers of what it holds.
    struct ChunkedFile {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        var line = 0
        var runs: [(line: Int, cluster: String)] = []
        var rejected: [Int] = []

        private static let runBase = Doc.minimal(cluster: "c-000000", extra: [("pad", "")]).text.utf8.count

        mutating func run(length: Int, ending: String = "\n") {
            line += 1
            let cluster = "c-" + String(String(line + 1_000_000).suffix(6))
            let text = Doc.minimal(
                cluster: cluster, extra: [("pad", .string(String(repeating: "x", count: length - ChunkedFile.runBase)))]
            ).text
            precondition(text.utf8.count == length)
            bytes += Array((text + ending).utf8)
            runs.append((line, cluster))
        }

        mutating func other(_ text: String, bad: Bool) {
            line += 1
            bytes += Array(text.utf8)
            if bad { rejected.append(line) }
        }

        /// A run line after which the next line starts exactly at `position` (or the next multiple of it).
        mutating func runEnding(at boundary: Int, ending: String = "\n") {
            var target = (bytes.count / boundary + 1) * boundary
            while target - bytes.count - ending.utf8.count < ChunkedFile.runBase { target += boundary }
            run(length: target - bytes.count - ending.utf8.count, ending: ending)
        }

        static func make(chunk: Int) -> ChunkedFile {
            var f = ChunkedFile()
            f.runEnding(at: chunk) // next line starts exactly on a boundary
            f.other("\n", bad: false) // a blank line on the boundary
            f.runEnding(at: chunk, ending: "\r\n") // CR just before the boundary, LF on it
            f.run(length: 3 * chunk + 17) // chunks that hold no line start
            f.runEnding(at: chunk)
            f.other("{broken\n", bad: true) // a broken line on a boundary
            var seed: UInt64 = 42
            for _ in 0..<150 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                switch (seed >> 33) % 6 {
                case 0: f.other("{\"truncated\": \n", bad: true)
                case 1: f.other(" \t\r\n", bad: false)
                case 2: f.run(length: ChunkedFile.runBase + Int((seed >> 40) % 700), ending: "\r\n")
                default: f.run(length: ChunkedFile.runBase + Int((seed >> 20) % 1500))
                }
            }
            f.run(length: ChunkedFile.runBase + 5, ending: "") // the last line has no newline
            return f
        }
    }

    private struct Outcome: Equatable {
        var runs: [String]
        var rejections: [String]
        var documents: Int
        var bytes: Int
    }

    private func outcome(_ path: String, dir: TemporaryDirectory, chunkBytes: Int, workers: Int) throws -> Outcome {
        let r = try read([path], options: IngestOptions(workers: workers, chunkBytes: chunkBytes))
        return Outcome(
            runs: r.runs.map { "\(dir.relative($0.source)) \($0.clusterID)" },
            rejections: r.rejections.map { "\(dir.relative($0.source)) \($0.reason)" },
            documents: r.documents, bytes: r.bytes)
    }

    @Test("A JSON Lines file larger than chunkBytes reads the same in chunks", arguments: [1, 2, 4])
    func chunkingGivesTheSameResult(workers: Int) throws {
        let chunk = 4096
        let file = ChunkedFile.make(chunk: chunk)
        #expect(file.bytes.count > 20 * chunk)
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("big.jsonl", file.bytes)
        let whole = try outcome(path, dir: dir, chunkBytes: 1 << 30, workers: 1)
        let chunked = try outcome(path, dir: dir, chunkBytes: chunk, workers: workers)
        #expect(chunked == whole)
        // And both agree with the line numbers the file was written with.
        #expect(whole.runs == file.runs.map { "big.jsonl:\($0.line) \($0.cluster)" })
        #expect(whole.rejections.map { String($0.prefix { $0 != " " }) } == file.rejected.map { "big.jsonl:\($0)" })
        #expect(whole.documents == file.runs.count + file.rejected.count)
        #expect(whole.bytes == file.bytes.count)
    }

    @Test func documentsLargerThanTheLimitAreRejectedUnread() throws {
        let limit = 2_000
        let small = Doc.minimal(cluster: "small").text
        let exact = Doc.minimal(
            cluster: "exact", extra: [("pad", .string(String(repeating: "x", count: limit - small.utf8.count - 9)))]
        ).text
        let big = Doc.minimal(cluster: "big", extra: [("pad", .string(String(repeating: "x", count: limit)))]).text
        #expect(exact.utf8.count == limit)
        try ingestFiles(
            [("a.json", exact), ("b.json", big), ("c.jsonl", [small, big, exact].joined(separator: "\n"))],
            options: IngestOptions(workers: 1, maxDocumentBytes: limit)
        ) { r, dir in
            #expect(r.documents == 5)
            #expect(r.runs.map { dir.relative($0.source) } == ["a.json", "c.jsonl:1", "c.jsonl:3"])
            #expect(r.rejections.map { dir.relative($0.source) } == ["b.json", "c.jsonl:2"])
            #expect(
                r.rejections.map(\.reason) == [
                    "document of \(big.utf8.count) bytes exceeds --max-document-bytes (\(limit)); not read",
                    "line longer than --max-document-bytes (\(limit) bytes); not read"
                ])
        }
    }

    /// A line longer than the limit that crosses chunk boundaries is one rejection with the
    /// same source and reason as when the file is read whole.
    @Test("A line over the size limit reads the same in chunks", arguments: [1, 3])
    func oversizedLineAcrossChunks(workers: Int) throws {
        var file = ChunkedFile()
        file.run(length: 1_000)
        file.run(length: 234_567) // over the limit by far, over many chunks
        file.rejected.append(file.line)
        file.runs.removeLast()
        file.run(length: 700)
        file.run(length: 9_000) // over the limit, the last line, no newline
        file.rejected.append(file.line)
        file.runs.removeLast()
        file.bytes.removeLast()
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("big.jsonl", file.bytes)
        func read(_ chunk: Int) throws -> Outcome {
            let r = try StageIngestTests.read(
                [path], options: IngestOptions(workers: workers, chunkBytes: chunk, maxDocumentBytes: 5_000))
            return Outcome(
                runs: r.runs.map { "\(dir.relative($0.source)) \($0.clusterID)" },
                rejections: r.rejections.map { "\(dir.relative($0.source)) \($0.reason)" }, documents: r.documents,
                bytes: r.bytes)
        }
        let whole = try read(1 << 30), chunked = try read(4096)
        #expect(chunked == whole)
        // A line is rejected without being read to its end, so its length is not reported.
        #expect(
            whole.rejections == [
                "big.jsonl:2 line longer than --max-document-bytes (5000 bytes); not read",
                "big.jsonl:4 line longer than --max-document-bytes (5000 bytes); not read"
            ])
        #expect(whole.runs.count == 2)
    }

    @Test func chunkSizeIsAtLeastFourKiB() {
        #expect(IngestOptions(chunkBytes: 10).chunkBytes == 4096)
        #expect(IngestOptions(chunkBytes: 1 << 20).chunkBytes == 1 << 20)
        #expect(IngestOptions(workers: 0).workers == 1)
        #expect(IngestOptions(workers: -3).workers == 1)
        #expect(IngestOptions(maxDocumentBytes: 0).maxDocumentBytes == 1)
    }

    @Test func workerCountDoesNotChangeTheResult() throws {
        let fleet = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fixtures/shared-fleet").standardized.path
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = ChunkedFile.make(chunk: 4096)
        try dir.write("big.jsonl", file.bytes)
        try dir.write("more/array.json", J.array([Doc.minimal(cluster: "x1"), 3, Doc.task(nil)]).text)
        var results: [Read] = []
        for workers in [1, 2, 4] {
            results.append(try read([fleet, dir.path], options: IngestOptions(workers: workers, chunkBytes: 4096)))
        }
        let first = results[0]
        #expect(first.runs.count == 12 + file.runs.count + 2, "the task without a result is a run too")
        for r in results.dropFirst() {
            #expect(r.runs == first.runs)
            #expect(r.rejections == first.rejections)
            #expect(r.documents == first.documents && r.bytes == first.bytes && r.files == first.files)
            #expect(r.withoutResult == first.withoutResult && r.otherOperations == first.otherOperations)
        }
    }

    @Test func unreadableInputsAreCountedAsRejectedDocuments() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("good.json", Doc.minimal().text)
        let missing = dir.path + "/missing.json"
        let r = try read([dir.path + "/good.json", missing])
        #expect(r.inputErrors == [FileError(path: missing, reason: "no such file or directory")])
        #expect(r.documents == 2)
        #expect(r.runs.count == 1)
        #expect(r.rejections.map(\.reason) == ["cannot read: no such file or directory"])
        #expect(r.rejections.first?.source.path == missing)
    }

    @Test func progressReachesTheTotals() throws {
        final class Seen: Sendable {
            let last = Mutex<IngestProgress?>(nil)
            let calls = Atomic<Int>(0)
        }
        let seen = Seen()
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = ChunkedFile.make(chunk: 4096)
        try dir.write("big.jsonl", file.bytes)
        try dir.write("a.json", Doc.minimal().text)
        let options = IngestOptions(
            workers: 2, chunkBytes: 4096,
            progress: { p in
                seen.calls.wrappingAdd(1, ordering: .relaxed)
                seen.last.withLock { last in if last == nil || p.units > last!.units { last = p } }
            })
        let r = try read([dir.path], options: options)
        let last = try #require(seen.last.withLock { $0 })
        #expect(last.units == last.totalUnits)
        #expect(seen.calls.load(ordering: .relaxed) == last.totalUnits)
        #expect(last.totalUnits > 20)
        #expect(r.documents == file.runs.count + file.rejected.count + 1)
    }
}
