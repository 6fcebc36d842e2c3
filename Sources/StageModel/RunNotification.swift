/// One of a run's own notifications (report-semantics §3): from `result.status.notifications`,
/// `result.notifications`, the task's `notifications`, or a message of the task's `error`.
public struct RunNotification: Sendable, Equatable {
    public enum Kind: UInt8, Sendable, CaseIterable {
        case error, warning, info
    }

    public var kind: Kind
    /// The notification's `id` and `default_message`s, as a host's reason carries them.
    public var reason: Reason

    public init(kind: Kind, reason: Reason) {
        self.kind = kind
        self.reason = reason
    }
}
