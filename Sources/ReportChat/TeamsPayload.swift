import JSONOutput
import ReportText

/// The digest as a Microsoft Teams message for an incoming webhook or a Workflows "post to a
/// channel when a webhook request is received" flow: a `message` with one Adaptive Card
/// (version 1.5) attachment, under Teams' card size limit (docs/outputs.md, Teams).
///
/// Data is only ever the text of a `TextRun` inside a `RichTextBlock`, which Adaptive Cards
/// never read as Markdown, so names cannot make links, emphasis or lists. The report's own
/// words are in `TextBlock`s. The link to the HTML report is an `Action.OpenUrl`.
struct TeamsPayload {
    /// Teams rejects cards over about 28 KB; the whole payload is kept under this many bytes.
    static let byteLimit = 27 * 1_024
    static let contentType = "application/vnd.microsoft.card.adaptive"

    let digest: ChatDigest

    /// The lists at most `ChatDigest.linesPerList` lines each, fewer while the payload is over
    /// the limit, each cut shown as "+N more".
    func render() -> [UInt8] {
        var lines = ChatDigest.linesPerList
        while true {
            let bytes = render(linesPerList: lines)
            if bytes.count <= TeamsPayload.byteLimit || lines == 0 { return bytes }
            lines -= 1
        }
    }

    func render(linesPerList: Int) -> [UInt8] {
        var w = JSONWriter(style: .report)
        w.beginObject()
        w.key("type"); w.string("message")
        w.key("attachments"); w.beginArray()
        w.beginObject()
        w.key("contentType"); w.string(TeamsPayload.contentType)
        w.key("contentUrl"); w.null()
        w.key("content"); card(linesPerList: linesPerList, &w)
        w.endObject()
        w.endArray()
        w.endObject()
        return (try? w.finish()) ?? []
    }

    private func card(linesPerList: Int, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("$schema"); w.string("http://adaptivecards.io/schemas/adaptive-card.json")
        w.key("type"); w.string("AdaptiveCard")
        w.key("version"); w.string("1.5")
        w.key("body"); w.beginArray()
        let (mark, color): (String, String)
        switch digest.verdict {
        case .noGates: (mark, color) = ("", "Default")
        case .passed: (mark, color) = ("✅ ", "Good")
        case .failed: (mark, color) = ("❌ ", "Attention")
        }
        rich([.data(digest.title)], size: "Large", weight: "Bolder", &w)
        textBlock(mark + digest.verdictLine, weight: "Bolder", color: color, &w)
        var shownGates = 0
        for gate in digest.gates.prefix(linesPerList) {
            rich(gate.pieces, &w)
            shownGates += 1
        }
        if let more = digest.more(shown: shownGates, of: digest.gates.count) { textBlock(more, subtle: true, &w) }
        facts(&w)
        textBlock(digest.context, subtle: true, &w)
        for list in digest.lists {
            textBlock(list.title, weight: "Bolder", separator: true, &w)
            var shown = 0
            for line in list.lines.prefix(linesPerList) {
                rich([.text("• ")] + line.pieces, &w)
                shown += 1
            }
            if let more = digest.more(shown: shown, of: list.total) { textBlock(more, subtle: true, &w) }
        }
        if let url = digest.htmlURL, !ChatText.isAbsoluteHTTP(url) {
            rich([.text("HTML report: "), .data(ChatText.data(url, limit: 500))], &w)
        }
        w.endArray()
        if let url = digest.htmlURL, ChatText.isAbsoluteHTTP(url) {
            w.key("actions"); w.beginArray()
            w.beginObject()
            w.key("type"); w.string("Action.OpenUrl")
            w.key("title"); w.string("Open the HTML report")
            w.key("url"); w.string(url)
            w.endObject()
            w.endArray()
        }
        w.endObject()
    }

    private func facts(_ w: inout JSONWriter) {
        w.beginObject()
        w.key("type"); w.string("FactSet")
        w.key("facts"); w.beginArray()
        for (label, value) in digest.figures {
            w.beginObject()
            w.key("title"); w.string(label)
            w.key("value"); w.string(value)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    /// The report's own words (no data: a TextBlock reads Markdown).
    private func textBlock(
        _ text: String, weight: String? = nil, color: String? = nil, subtle: Bool = false, separator: Bool = false,
        _ w: inout JSONWriter
    ) {
        w.beginObject()
        w.key("type"); w.string("TextBlock")
        w.key("text"); w.string(text)
        w.key("wrap"); w.bool(true)
        if let weight { w.key("weight"); w.string(weight) }
        if let color { w.key("color"); w.string(color) }
        if subtle { w.key("isSubtle"); w.bool(true) }
        if separator { w.key("separator"); w.bool(true) }
        w.endObject()
    }

    /// A line mixing the report's words and data, as one plain `TextRun`: a run is never read as
    /// Markdown, so both can share it.
    private func rich(_ pieces: [ChatPiece], size: String? = nil, weight: String? = nil, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("type"); w.string("RichTextBlock")
        w.key("inlines"); w.beginArray()
        w.beginObject()
        w.key("type"); w.string("TextRun")
        w.key("text"); w.string(ChatLine(pieces).plain)
        if let size { w.key("size"); w.string(size) }
        if let weight { w.key("weight"); w.string(weight) }
        w.endObject()
        w.endArray()
        w.endObject()
    }
}
