import Foundation
import RunStorage
import StageModel
import Testing

/// The compact binary form runs are spooled in: decoding gives back exactly what was encoded.
@Suite("RunCodec: round trip")
struct RunCodecTests {
    /// Decodes `bytes`; a plain closure (typed-throws closures inside `#expect` crash the 6.3 compiler).
    private func decode<C: Collection<UInt8>>(_ bytes: C) throws -> StageRun {
        var out: Result<StageRun, RunCodecError>?
        Array(bytes).withUnsafeBytes { raw in
            do throws(RunCodecError) { out = .success(try RunCodec.decode(raw)) } catch { out = .failure(error) }
        }
        return try out!.get()
    }

    private func roundTrip(_ run: StageRun) throws -> StageRun {
        var bytes: [UInt8] = []
        RunCodec.encode(run, into: &bytes)
        return try decode(bytes)
    }

    private static let full = StageRun(
        source: DocumentSource(
            path: "vc01/z\u{fc}rich/2026-11-01.jsonl", position: .line(123_456), fileIndex: 3, documentIndex: 123_456),
        vcenter: "vc01.example.com", clusterID: "domain-c8", clusterName: "Prod \u{1F600}", commit: "0010",
        stageStatus: "ERROR", taskStatus: "FAILED", start: Timestamp(milliseconds: -62_135_596_800_000),
        end: Timestamp(milliseconds: 253_402_300_799_999),
        lastUpdate: Timestamp(milliseconds: 0),
        hosts: [
            HostResult(
                id: "host-1", name: "esx1", outcome: .succeeded, status: "OK",
                start: Timestamp(milliseconds: 1), end: Timestamp(milliseconds: 2),
                warnings: [Reason(id: "w.1", message: "low space"), Reason(id: "w.2", resolution: "r")]),
            HostResult(
                id: "host-2", name: "host-2", outcome: .failed, status: "ERROR",
                reason: Reason(id: "e.1", message: "m\n\u{0}x", resolution: "r")),
            HostResult(id: "host-3", name: "n", outcome: .timedOut, status: nil, reason: Reason(id: "(timed out)")),
            HostResult(
                id: "host-4", name: "n", outcome: .skipped, status: "SKIPPED",
                reason: Reason(id: "s", message: nil, resolution: "x")),
            HostResult(id: "host-5", name: "n", outcome: .inProgress),
            HostResult(id: "\u{e9}", name: "n", outcome: .unknown, status: "NEW", start: Timestamp(milliseconds: -1))
        ],
        notifications: [
            RunNotification(kind: .error, reason: Reason(id: "e.run", message: "depot unreachable")),
            RunNotification(kind: .warning, reason: Reason(id: "w.run")),
            RunNotification(kind: .info, reason: Reason(id: "i.run", message: "m", resolution: "r"))
        ],
        notes: DataQualityKind.allCases.map { DataQualityNote(kind: $0, detail: "detail of \($0.rawValue)") })

    @Test func everyFieldSurvives() throws {
        #expect(try roundTrip(RunCodecTests.full) == RunCodecTests.full)
    }

    @Test(
        "Every source position",
        arguments: [
            DocumentSource(path: "a.json"), DocumentSource(path: "a.json", position: .index(0)),
            DocumentSource(path: "a.json", position: .index(Int(Int32.max) + 5), documentIndex: 9),
            DocumentSource(path: "", position: .line(1), fileIndex: -1),
            DocumentSource(path: "<stdin>", position: .line(1 << 40))
        ])
    func sources(source: DocumentSource) throws {
        var run = RunCodecTests.full
        run.source = source
        #expect(try roundTrip(run).source == source)
    }

    @Test func emptyAndAbsentValues() throws {
        let run = StageRun(
            source: DocumentSource(path: ""), vcenter: "", clusterID: "", clusterName: "", commit: "",
            stageStatus: "", taskStatus: "")
        #expect(try roundTrip(run) == run)
        // A task saved without a result: no commit, no hosts.
        let withoutResult = StageRun(
            source: DocumentSource(path: "t.json"), vcenter: "v", clusterID: "c", commit: nil, taskStatus: "FAILED")
        #expect(try roundTrip(withoutResult) == withoutResult)
        #expect(try roundTrip(withoutResult).commit == nil)
        let absent = StageRun(source: DocumentSource(path: "p"), vcenter: "v", clusterID: "c", commit: "1")
        #expect(try roundTrip(absent) == absent)
    }

    /// A host_info name may be the empty string; it must not come back as the host id.
    @Test func emptyHostNameSurvives() throws {
        var run = RunCodecTests.full
        run.hosts = [HostResult(id: "host-1", name: "", outcome: .succeeded)]
        #expect(try roundTrip(run).hosts.first?.name == "")
    }

    @Test func manyRunsInOneBuffer() throws {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for i in 0..<50 {
            var run = RunCodecTests.full
            run.commit = String(i)
            run.hosts = Array(run.hosts.prefix(i % 7))
            let start = bytes.count
            RunCodec.encode(run, into: &bytes)
            ranges.append(start..<bytes.count)
        }
        for (i, range) in ranges.enumerated() {
            let run = try decode(bytes[range])
            #expect(run.commit == String(i))
            #expect(run.hosts == Array(RunCodecTests.full.hosts.prefix(i % 7)))
        }
    }

    @Test func truncatedInputIsAnErrorNotACrash() {
        var bytes: [UInt8] = []
        RunCodec.encode(RunCodecTests.full, into: &bytes)
        for cut in stride(from: 0, to: bytes.count, by: 3) {
            #expect(throws: RunCodecError.self, "cut at \(cut)") { try decode(bytes[0..<cut]) }
        }
    }

    /// "Every read is bounds-checked, so a damaged file is an error": a damaged count must throw,
    /// not trap. Run in a child process so that a trap fails this test only.
    @Test func damagedCountIsAnErrorNotACrash() async {
        await #expect(processExitsWith: .success) {
            // path "", .whole, fileIndex 0, documentIndex 0, vcenter "", cluster "", no name,
            // commit "", no task status, no start/end/last update, unfinished, then a host
            // count of 2^64 − 1.
            let bytes: [UInt8] = [
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01
            ]
            let threw = bytes.withUnsafeBytes { raw -> Bool in
                do { _ = try RunCodec.decode(raw); return false } catch { return true }
            }
            exit(threw ? 0 : 1)
        }
    }

    @Test func varintsAndZigZag() {
        var w = ByteWriter()
        let values: [Int64] = [0, -1, 1, 63, -64, 64, Int64.max, Int64.min, -62_135_596_800_000]
        for v in values { w.int(v) }
        w.uint(UInt64.max)
        #expect(w.out.prefix(3) == [0, 1, 2])
        var decoded: [Int64] = []
        var last: UInt64?
        var atEnd = false
        w.out.withUnsafeBytes { raw in
            var r = ByteReader(bytes: raw)
            for _ in values { if let v = try? r.int() { decoded.append(v) } }
            last = try? r.uint()
            atEnd = r.isAtEnd
        }
        #expect(decoded == values)
        #expect(last == UInt64.max)
        #expect(atEnd)
    }

    /// A number cut off by the end of the bytes, or longer than 64 bits, is an error (the
    /// one-byte fast path and the general loop both check).
    @Test func truncatedAndOverlongVarintsThrow() {
        let cases: [[UInt8]] = [[], [0x80], [0xFF, 0xFF], [0xFF] + [UInt8](repeating: 0xFF, count: 9) + [0x01]]
        for bytes in cases {
            let threw = bytes.withUnsafeBytes { raw -> Bool in
                var r = ByteReader(bytes: raw)
                do { _ = try r.uint(); return false } catch { return true }
            }
            #expect(threw, "\(bytes)")
        }
        // Ten bytes are the longest a 64-bit number takes.
        let longest: [UInt8] = [UInt8](repeating: 0xFF, count: 9) + [0x01]
        longest.withUnsafeBytes { raw in
            var r = ByteReader(bytes: raw)
            #expect((try? r.uint()) == UInt64.max)
            #expect(r.isAtEnd)
        }
    }
}
