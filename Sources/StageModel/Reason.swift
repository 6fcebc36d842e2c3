/// Why a host was skipped or failed: the first relevant notification of its status
/// (report-semantics §5). Grouping is by `id` only, never by message text.
public struct Reason: Hashable, Sendable {
    public static let unspecified = "(unspecified)"
    public static let timedOut = "(timed out)"

    public var id: String
    /// `message.default_message`, when the notification has one.
    public var message: String?
    /// `resolution.default_message`, when the notification has one.
    public var resolution: String?

    public init(id: String, message: String? = nil, resolution: String? = nil) {
        self.id = id
        self.message = message
        self.resolution = resolution
    }
}
