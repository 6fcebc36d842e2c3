import Foundation
import StageIngest
import Testing
import TestHelpers

/// The in-memory read path the fuzzer drives (`DocumentProbe`), over every corpus file in both
/// modes, and over every input in the fuzzer's own layout: its committed seeds (`Fuzz/Corpus/`)
/// and any crash it found (`Corpus/fuzz-*`), replayed exactly as `Fuzz/Sources/DocumentFuzzer`
/// calls it.
@Suite("DocumentProbe over the corpus and the fuzz regressions")
struct ProbeTests {
    static var corpusFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: HostilePaths.corpus.path)) ?? [])
            .filter { $0 != "README.md" && !$0.hasSuffix(".py") }.sorted()
    }

    /// Inputs in the fuzzer's layout (first byte: the mode): the seeds, then the regressions.
    static var fuzzerInputs: [URL] {
        let seeds = ((try? FileManager.default.contentsOfDirectory(atPath: HostilePaths.fuzzSeeds.path)) ?? []).sorted()
            .map { HostilePaths.fuzzSeeds.appendingPathComponent($0) }
        let regressions = corpusFiles.filter { $0.hasPrefix("fuzz-") }.map {
            HostilePaths.corpus.appendingPathComponent($0)
        }
        return seeds + regressions
    }

    /// Every document is counted once: as a run (a task without result is one), a rejection, or
    /// another operation.
    static func checkAccounting(
        _ o: DocumentProbe.Outcome, _ label: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            o.documents == o.runs.count + o.rejections.count + o.otherOperations,
            """
            \(label): documents \(o.documents) ≠ runs \(o.runs.count) \
            + rejected \(o.rejections.count) + other \(o.otherOperations)
            """,
            sourceLocation: sourceLocation)
        for r in o.rejections {
            #expect(
                !r.reason.isEmpty && !r.reason.contains("\n"), "\(label): \(r.reason)", sourceLocation: sourceLocation)
        }
    }

    @Test(
        "Every corpus file, read as .json and as .jsonl: no crash, every document accounted for", arguments: corpusFiles
    )
    func readsCorpusFile(_ name: String) throws {
        let data = try Data(contentsOf: HostilePaths.corpus.appendingPathComponent(name))
        for jsonLines in [false, true] {
            let o = data.withUnsafeBytes { DocumentProbe.read($0, jsonLines: jsonLines, path: name) }
            Self.checkAccounting(o, "\(name) (\(jsonLines ? "jsonl" : "json"))")
        }
    }

    /// The fuzzer's input layout: the first byte chooses the mode (bit 0: JSON Lines) and a
    /// small document size limit (bits 1–7 > 0: limit of that many × 64 bytes); the rest is the file.
    static func replay(_ input: Data) -> DocumentProbe.Outcome {
        guard let first = input.first else {
            return Data().withUnsafeBytes { DocumentProbe.read($0, jsonLines: false) }
        }
        let limit = Int(first >> 1) == 0 ? IngestOptions.defaultMaxDocumentBytes : Int(first >> 1) * 64
        return input.dropFirst().withUnsafeBytes {
            DocumentProbe.read($0, jsonLines: first & 1 == 1, maxDocumentBytes: limit)
        }
    }

    @Test("The corpus is there: a test over no file would prove nothing")
    func inputsExist() throws {
        #expect(Self.corpusFiles.count > 50)
        #expect(Self.fuzzerInputs.count > 50)
        // Replayed, the seeds are read as documents (the mode byte is honoured, not read as data).
        let runs = try Self.fuzzerInputs.reduce(0) { $0 + Self.replay(try Data(contentsOf: $1)).runs.count }
        #expect(runs > 50)
    }

    @Test(
        "Every fuzzer seed and regression, in the fuzzer's layout: no crash, every document accounted for",
        arguments: fuzzerInputs)
    func replaysFuzzerInput(_ input: URL) throws {
        let data = try Data(contentsOf: input)
        Self.checkAccounting(Self.replay(data), input.lastPathComponent)
    }
}
