/// What the chat payloads can be told from the command line.
public struct ChatOptions: Sendable {
    /// Where the HTML report is published: an absolute http(s) URL becomes a button, anything
    /// else is shown as text (a chat client cannot follow a relative path).
    public var htmlURL: String?

    public init(htmlURL: String? = nil) {
        self.htmlURL = htmlURL
    }
}
