import Foundation
import ReportChat
import Testing
import TestHelpers

struct GoldenTests {
    /// The shared fleet with gates and the HTML link, as each platform's payload.
    @Test(arguments: ChatRenderer.Platform.allCases)
    func sharedFleetMatchesGolden(platform: ChatRenderer.Platform) throws {
        var summary = try Support.sharedFleetSummary()
        summary.gates = Support.gates
        let bytes = ChatRenderer(options: ChatOptions(htmlURL: Support.htmlURL)).render(summary, for: platform)
        try GoldenFile.expect(
            Data(bytes), equals: Support.goldenDirectory.appendingPathComponent("shared-fleet.\(platform.fileName)"))
    }

    /// A relative `--html-url` means nothing in a chat client: shown as text, never a button.
    @Test(arguments: ChatRenderer.Platform.allCases)
    func relativeHTMLURLIsText(platform: ChatRenderer.Platform) throws {
        let summary = try Support.sharedFleetSummary()
        let text = String(
            decoding: ChatRenderer(options: ChatOptions(htmlURL: "reports/report.html")).render(summary, for: platform),
            as: UTF8.self)
        #expect(text.contains("HTML report: reports/report.html"))
        #expect(!text.contains(platform == .slack ? "\"button\"" : "Action.OpenUrl"))
    }

    @Test func writesTheFiles() throws {
        let summary = try Support.sharedFleetSummary()
        try withTemporaryDirectory("chat") { dir in
            for platform in ChatRenderer.Platform.allCases {
                let path = try ChatRenderer().write(summary: summary, for: platform, to: dir.path)
                #expect(path == dir.path + "/" + platform.fileName)
                #expect(
                    try Data(contentsOf: URL(fileURLWithPath: path))
                        == Data(ChatRenderer().render(summary, for: platform)))
            }
            #expect(dir.allEntries() == ["slack.json", "teams.json"])
        }
    }
}
