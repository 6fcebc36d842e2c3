import Foundation
import ReportJSON
import StageAggregation
import StageModel
import TestHelpers
import Testing

/// summary.json streamed to its file is the same text as rendered in memory, and parses.
@Suite struct SummaryJSONRendererTests {
    private func emptySummary(title: String) -> Summary {
        SummaryBuilder().summary(
            title: title, generatedAt: Timestamp(milliseconds: 1_764_396_000_000),
            inputs: InputCounts(), rejected: [])
    }

    @Test("the file written is the text rendered in memory")
    func streamedEqualsRendered() throws {
        // A long title makes the text larger than one streamed piece.
        let summary = emptySummary(title: String(repeating: "a title \u{2028} ", count: 20_000))
        let scratch = try TemporaryDirectory("summary-json")
        let directory = scratch.path
        let path = try SummaryJSONRenderer.write(summary, to: directory)
        #expect(path == directory + "/" + SummaryJSONRenderer.fileName)
        let written = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(written == Data(SummaryJSONRenderer.render(summary)))
        #expect(written.count > 1 << 17)
    }

    @Test("the text parses, with the schema version and title first")
    func parses() throws {
        let bytes = SummaryJSONRenderer.render(emptySummary(title: "Nightly"))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"schema_version\": \(Summary.schemaVersion),\n  \"title\": \"Nightly\","))
        #expect(text.hasSuffix("}\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(object["title"] as? String == "Nightly")
        #expect(object["generated_at"] as? String == "2025-11-29T06:00:00.000Z")
    }
}
