import Files
import StageAggregation

/// Writes the chat payloads, each a message a webhook accepts as it is
/// (`curl --data @slack.json URL`). Both read only the summary, through one `ChatDigest`: the
/// two differ only in encoding and limits, so they share a target rather than repeat it.
public struct ChatRenderer: Sendable {
    public enum Platform: String, Sendable, CaseIterable {
        case slack, teams

        public var fileName: String { rawValue + ".json" }
    }

    public var options: ChatOptions

    public init(options: ChatOptions = ChatOptions()) {
        self.options = options
    }

    public func render(_ summary: Summary, for platform: Platform) -> [UInt8] {
        let digest = ChatDigest(summary, options: options)
        switch platform {
        case .slack: return SlackPayload(digest: digest).render()
        case .teams: return TeamsPayload(digest: digest).render()
        }
    }

    /// Writes DIR/slack.json or DIR/teams.json atomically; returns the path.
    public func write(summary: Summary, for platform: Platform, to directory: String) throws -> String {
        let path = directory.hasSuffix("/") ? directory + platform.fileName : directory + "/" + platform.fileName
        try AtomicFile.write(render(summary, for: platform), to: path)
        return path
    }
}
