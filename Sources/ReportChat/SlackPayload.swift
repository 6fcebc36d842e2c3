import JSONOutput
import ReportText

/// The digest as a Slack message for an incoming webhook: `text` (the notification line) and
/// Block Kit `blocks`, within Slack's limits (docs/outputs.md, Slack).
///
/// Data never reaches Slack as markup: in `mrkdwn` text it is escaped (`&`, `<`, `>` become
/// entities, so `<!channel>`, `<@U…>` and `<url|text>` cannot be formed), and every text object
/// is `verbatim`, so Slack does not turn bare URLs, channel names or `@here` into links or
/// mentions either. The report's own link is a button, never text.
struct SlackPayload {
    /// Block Kit's limits (what `slack_sdk` checks): characters, as Slack counts them
    /// (Unicode scalars), of a header's text, a section's text and a field.
    static let headerLimit = 150
    static let sectionLimit = 3_000
    static let fieldLimit = 2_000
    static let blockLimit = 50

    let digest: ChatDigest

    func render() -> [UInt8] {
        var w = JSONWriter(style: .report)
        w.beginObject()
        w.key("text"); w.string(SlackPayload.escape(digest.title) + ": " + digest.verdictLine)
        w.key("unfurl_links"); w.bool(false)
        w.key("unfurl_media"); w.bool(false)
        w.key("blocks"); w.beginArray()
        header(&w)
        section(verdict, &w)
        fields(&w)
        context(SlackPayload.escape(digest.context), &w)
        for list in digest.lists {
            w.beginObject()
            w.key("type"); w.string("divider")
            w.endObject()
            section(fitted(list), &w)
        }
        link(&w)
        w.endArray()
        w.endObject()
        return (try? w.finish()) ?? []
    }

    /// `&`, `<` and `>` as the entities Slack's mrkdwn asks for; everything else is shown as it is.
    static func escape(_ s: String) -> String {
        guard s.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" }) else { return s }
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func mrkdwn(_ line: ChatLine) -> String {
        line.pieces.map {
            switch $0 {
            case .text(let s): return s
            case .data(let s): return escape(s)
            }
        }.joined()
    }

    /// Plain text (no markup at all), cut to `limit` characters.
    static func cut(_ s: String, _ limit: Int) -> String {
        guard s.unicodeScalars.count > limit else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.prefix(limit - 1))) + "…"
    }

    private func header(_ w: inout JSONWriter) {
        let mark: String
        switch digest.verdict {
        case .noGates: mark = ""
        case .passed: mark = "✅ "
        case .failed: mark = "❌ "
        }
        let word = digest.verdict == .failed ? "FAILED" : digest.verdict == .passed ? "passed" : "no quality gates"
        // Plain text: the title needs no escaping here, only cutting; the verdict is kept whole.
        let tail = ": " + word
        let room = SlackPayload.headerLimit - mark.unicodeScalars.count - tail.unicodeScalars.count
        w.beginObject()
        w.key("type"); w.string("header")
        w.key("text"); w.beginObject()
        w.key("type"); w.string("plain_text")
        w.key("text"); w.string(mark + SlackPayload.cut(digest.title, room) + tail)
        w.key("emoji"); w.bool(false)
        w.endObject()
        w.endObject()
    }

    /// The verdict line and one line per gate; gates past the limit are counted.
    private var verdict: String {
        var text = "*" + digest.verdictLine + "*"
        var shown = 0
        for gate in digest.gates {
            let line = "\n• " + SlackPayload.mrkdwn(gate)
            // Room is kept for the "+N more" line.
            guard (text + line).unicodeScalars.count <= SlackPayload.sectionLimit - 80 else { break }
            text += line
            shown += 1
        }
        if let more = digest.more(shown: shown, of: digest.gates.count) { text += "\n_" + more + "_" }
        return text
    }

    private func fields(_ w: inout JSONWriter) {
        w.beginObject()
        w.key("type"); w.string("section")
        w.key("fields"); w.beginArray()
        for (label, value) in digest.figures.prefix(10) {
            mrkdwnText("*\(label)*\n\(value)", &w)
        }
        w.endArray()
        w.endObject()
    }

    /// The list's title, as many lines as fit a section, and "+N more" for the rest.
    func fitted(_ list: ChatList) -> String {
        var text = "*" + list.title + "*"
        var shown = 0
        for line in list.lines {
            let next = "\n• " + SlackPayload.mrkdwn(line)
            guard (text + next).unicodeScalars.count <= SlackPayload.sectionLimit - 80 else { break }
            text += next
            shown += 1
        }
        if let more = digest.more(shown: shown, of: list.total) { text += "\n_" + more + "_" }
        return text
    }

    private func section(_ text: String, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("type"); w.string("section")
        w.key("text"); mrkdwnText(text, &w)
        w.endObject()
    }

    private func context(_ text: String, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("type"); w.string("context")
        w.key("elements"); w.beginArray()
        mrkdwnText(text, &w)
        w.endArray()
        w.endObject()
    }

    /// A button to an absolute URL; a relative path is shown as text.
    private func link(_ w: inout JSONWriter) {
        guard let url = digest.htmlURL else { return }
        // Slack refuses a button URL over 3,000 characters.
        guard ChatText.isAbsoluteHTTP(url), url.unicodeScalars.count <= SlackPayload.sectionLimit else {
            context("HTML report: " + SlackPayload.escape(ChatText.data(url, limit: 500)), &w)
            return
        }
        w.beginObject()
        w.key("type"); w.string("actions")
        w.key("elements"); w.beginArray()
        w.beginObject()
        w.key("type"); w.string("button")
        w.key("text"); w.beginObject()
        w.key("type"); w.string("plain_text")
        w.key("text"); w.string("Open the HTML report")
        w.endObject()
        w.key("url"); w.string(url)
        w.endObject()
        w.endArray()
        w.endObject()
    }

    private func mrkdwnText(_ text: String, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("type"); w.string("mrkdwn")
        w.key("text"); w.string(text)
        w.key("verbatim"); w.bool(true)
        w.endObject()
    }
}
