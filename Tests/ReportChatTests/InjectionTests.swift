import Foundation
import ReportChat
import StageAggregation
import Testing
import TestHelpers

/// Names built to become links, mentions or markup in a chat message reach it as text.
struct InjectionTests {
    static let hostile =
        "<!channel> <@U024BE7LH> <#C024BE7LR> <https://evil.example|click me> @here &amp; *bold* "
        + "[x](https://evil.example)"

    func summary() -> Summary {
        var s = Support.hostileSummary()
        s.title = InjectionTests.hostile
        for i in s.clusters.indices { s.clusters[i].name = InjectionTests.hostile }
        for i in s.failingHosts.indices { s.failingHosts[i].name = InjectionTests.hostile }
        for i in s.failureReasons.indices { s.failureReasons[i].message = InjectionTests.hostile }
        return s
    }

    @Test func slackEscapesEveryAngleBracketAndAmpersand() throws {
        let payload = try JSONSerialization.jsonObject(with: Data(ChatRenderer().render(summary(), for: .slack)))
        let objects = mrkdwnObjects(payload)
        #expect(!objects.isEmpty)
        // The notification line and every mrkdwn text: data shows its brackets as entities.
        let notification = try #require((payload as? [String: Any])?["text"] as? String)
        let texts = [notification] + objects.compactMap { $0["text"] as? String }
        for text in texts {
            #expect(!text.contains("<") && !text.contains(">"), "\(text.prefix(200))")
        }
        let all = texts.joined(separator: "\n")
        #expect(all.contains("&lt;!channel&gt; &lt;@U024BE7LH&gt;"))
        #expect(all.contains("&amp;amp;"))
        // No mrkdwn text lets Slack find links or mentions of its own.
        for object in objects { #expect(object["verbatim"] as? Bool == true) }
        // The header is plain_text, shown as it is: the title is there unescaped, and harmless.
        let blocks = try #require((payload as? [String: Any])?["blocks"] as? [[String: Any]])
        let header = try #require((blocks.first?["text"] as? [String: Any]))
        #expect(header["type"] as? String == "plain_text")
        #expect((header["text"] as? String)?.contains("<!channel>") == true)
    }

    @Test func teamsKeepsDataOutOfMarkdown() throws {
        let payload = try JSONSerialization.jsonObject(with: Data(ChatRenderer().render(summary(), for: .teams)))
        let card = try #require(
            ((payload as? [String: Any])?["attachments"] as? [[String: Any]])?.first?["content"] as? [String: Any])
        let body = try #require(card["body"] as? [[String: Any]])
        // TextBlocks read Markdown: none holds the data; it is only ever in TextRuns.
        for block in body where block["type"] as? String == "TextBlock" {
            #expect(!(block["text"] as? String ?? "").contains("evil"))
        }
        let runs = body.filter { $0["type"] as? String == "RichTextBlock" }
            .flatMap { $0["inlines"] as? [[String: Any]] ?? [] }.compactMap { $0["text"] as? String }
        #expect(runs.contains { $0.contains("<!channel>") })
    }

    private func mrkdwnObjects(_ node: Any) -> [[String: Any]] {
        if let object = node as? [String: Any] {
            let own = object["type"] as? String == "mrkdwn" ? [object] : []
            return own + object.values.flatMap(mrkdwnObjects)
        }
        if let array = node as? [Any] { return array.flatMap(mrkdwnObjects) }
        return []
    }
}
