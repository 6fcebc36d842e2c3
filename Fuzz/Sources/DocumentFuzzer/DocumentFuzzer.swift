import RunStorage
import StageIngest
import StageModel

/// libFuzzer entry point: one input is one file read through `DocumentProbe`, the same path
/// (BOM, JSON / array / JSON Lines splitting, parsing, classification, rejection) a file takes
/// in `stage-report report`.
///
/// Input layout: the first byte chooses the mode, the rest is the file.
/// - bit 0: 1 reads it as JSON Lines (`.jsonl`), 0 as a `.json` file;
/// - bits 1–7: 0 keeps the default `--max-document-bytes`; n > 0 sets it to n × 64 bytes, so
///   that the size limit paths are fuzzed too.
///
/// Besides crashes (ASan, traps, overflows), it checks what must hold for any input:
/// - every document is counted exactly once (a run, a rejection, or another operation; a
///   stage task without a result is a run, and also counted as without result);
/// - every rejection reason is one non-empty line;
/// - every run survives the spool's binary encoding unchanged (`RunCodec`).
///
/// Tests/HostileInputTests/ProbeTests.swift replays `Corpus/fuzz-*` the same way.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let mode = data[0]
    let body = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    let limit = mode >> 1 == 0 ? IngestOptions.defaultMaxDocumentBytes : Int(mode >> 1) * 64
    let outcome = DocumentProbe.read(body, jsonLines: mode & 1 == 1, path: "fuzz", maxDocumentBytes: limit)

    let accounted = outcome.runs.count + outcome.rejections.count + outcome.otherOperations
    precondition(
        outcome.documents == accounted,
        "documents \(outcome.documents) but \(accounted) accounted for")
    let withoutCommit = outcome.runs.filter { $0.commit == nil }.count
    precondition(
        outcome.withoutResult == withoutCommit,
        "\(outcome.withoutResult) without result but \(withoutCommit) runs without a commit")
    for r in outcome.rejections {
        precondition(
            !r.reason.isEmpty && !r.reason.contains("\n") && !r.reason.contains("\r"),
            "rejection reason is not one line: \(r.reason.debugDescription)")
    }
    var bytes: [UInt8] = []
    for run in outcome.runs {
        bytes.removeAll(keepingCapacity: true)
        RunCodec.encode(run, into: &bytes)
        let decoded = bytes.withUnsafeBytes { raw -> StageRun? in
            do throws(RunCodecError) { return try RunCodec.decode(raw) } catch { return nil }
        }
        precondition(decoded == run, "a run changed through the spool encoding: \(run.commit.debugDescription)")
    }
    return 0
}
