import StageModel
import Testing

/// Where a document came from, and input order.
@Suite("DocumentSource")
struct DocumentSourceTests {
    @Test func descriptions() {
        #expect(DocumentSource(path: "vc01/a.json").description == "vc01/a.json")
        #expect(DocumentSource(path: "vc01/a.jsonl", position: .line(7)).description == "vc01/a.jsonl:7")
        #expect(DocumentSource(path: "vc01/a.json", position: .index(0)).description == "vc01/a.json[0]")
    }

    @Test func inputOrderIsByPathThenPositionInTheFile() {
        let sources = [
            DocumentSource(path: "a.json", position: .index(0), fileIndex: 0, documentIndex: 0),
            DocumentSource(path: "a.json", position: .index(2), fileIndex: 0, documentIndex: 2),
            DocumentSource(path: "a.json", position: .index(10), fileIndex: 0, documentIndex: 10),
            DocumentSource(path: "a/b.jsonl", position: .line(1), fileIndex: 1, documentIndex: 1),
            DocumentSource(path: "a/b.jsonl", position: .line(3), fileIndex: 1, documentIndex: 3),
            DocumentSource(path: "b.json", fileIndex: 2)
        ]
        #expect(sources.reversed().sorted() == sources)
        #expect(!(sources[0] < sources[0]))
    }

    @Test func rejectionCarriesSourceAndReason() {
        let r = Rejection(source: DocumentSource(path: "x.jsonl", position: .line(2)), reason: "result.commit: missing")
        #expect(r.source.description == "x.jsonl:2")
        #expect(
            r
                == Rejection(
                    source: DocumentSource(path: "x.jsonl", position: .line(2)), reason: "result.commit: missing"))
    }
}
