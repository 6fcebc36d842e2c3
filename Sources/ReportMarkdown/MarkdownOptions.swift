/// What the CLI passes to the Markdown renderer.
public struct MarkdownOptions: Sendable {
    /// The size the output must fit; `nil` renders everything.
    public var limit: MarkdownLimit?
    /// Where the HTML report will be published; shown as a link when it is an `http`/`https`
    /// URL or a relative reference (anything else is left out, see `acceptsHTMLURL`).
    public var htmlURL: String?

    public init(limit: MarkdownLimit? = nil, htmlURL: String? = nil) {
        self.limit = limit
        self.htmlURL = htmlURL
    }

    /// Whether `url` would be shown as the HTML report link, so the CLI can reject it up front.
    public static func acceptsHTMLURL(_ url: String) -> Bool {
        MarkdownEscaper.linkDestination(url) != nil
    }
}
