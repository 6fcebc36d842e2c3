import Foundation
import StageIngest
import Testing

/// The in-memory read path the fuzzer drives (`DocumentProbe`), over every corpus file in both
/// modes, and over every crash the fuzzer ever found (`Corpus/fuzz-*`, replayed exactly as
/// `Fuzz/Sources/DocumentFuzzer` calls it).
@Suite("DocumentProbe over the corpus and the fuzz regressions")
struct ProbeTests {
    static var corpusFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: ToolRunner.corpus.path)) ?? [])
            .filter { $0 != "README.md" && !$0.hasSuffix(".py") }.sorted()
    }

    static var fuzzRegressions: [String] { corpusFiles.filter { $0.hasPrefix("fuzz-") } }

    /// Every document is counted once: as a run, a rejection, without result, or another operation.
    static func checkAccounting(_ o: DocumentProbe.Outcome, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(o.documents == o.runs.count + o.rejections.count + o.withoutResult + o.otherOperations,
                "\(label): documents \(o.documents) ≠ runs \(o.runs.count) + rejected \(o.rejections.count) + without result \(o.withoutResult) + other \(o.otherOperations)",
                sourceLocation: sourceLocation)
        for r in o.rejections {
            #expect(!r.reason.isEmpty && !r.reason.contains("\n"), "\(label): \(r.reason)", sourceLocation: sourceLocation)
        }
    }

    @Test("Every corpus file, read as .json and as .jsonl: no crash, every document accounted for", arguments: corpusFiles)
    func readsCorpusFile(_ name: String) throws {
        let data = try Data(contentsOf: ToolRunner.corpus.appendingPathComponent(name))
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

    @Test("Fuzz regressions: each input the fuzzer crashed on reads without a crash")
    func fuzzRegressions() throws {
        for name in Self.fuzzRegressions {
            let data = try Data(contentsOf: ToolRunner.corpus.appendingPathComponent(name))
            Self.checkAccounting(Self.replay(data), name)
        }
    }
}
