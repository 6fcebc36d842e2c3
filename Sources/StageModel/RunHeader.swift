/// What duplicate resolution needs to know about a run, without its hosts: small enough to
/// keep in memory for every run of a fleet.
public struct RunHeader: Sendable, Equatable {
    public var identity: RunIdentity
    public var lastUpdate: Timestamp?
    public var end: Timestamp?
    public var isFinished: Bool
    public var source: DocumentSource

    public init(
        identity: RunIdentity, lastUpdate: Timestamp?, end: Timestamp?, isFinished: Bool, source: DocumentSource
    ) {
        self.identity = identity
        self.lastUpdate = lastUpdate
        self.end = end
        self.isFinished = isFinished
        self.source = source
    }
}

extension StageRun {
    public var header: RunHeader {
        RunHeader(identity: identity, lastUpdate: lastUpdate, end: end, isFinished: isFinished, source: source)
    }
}
