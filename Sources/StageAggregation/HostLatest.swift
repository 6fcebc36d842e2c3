import StageModel

/// One host of the window with its latest outcome: the list of every host that `hosts.csv`
/// needs, made only when asked for (`SummaryBuilder.summary(listEveryHost:)`), since it grows
/// with the number of hosts and no other output reads it.
public struct HostLatest: Sendable, Equatable {
    public var key: HostKey
    public var name: String
    public var latestOutcome: HostOutcome
    /// The latest consecutive failed or timed-out outcomes; 0 when the latest is neither.
    public var streak: Int
    public var latestRunStart: Timestamp?
    /// The reason of the latest outcome (a skip or failure reason), if it had one.
    public var latestReason: String?
    /// The position in the waiver file of the waiver that waives the latest outcome, if any.
    public var latestWaivedBy: Int?

    public init(
        key: HostKey, name: String, latestOutcome: HostOutcome, streak: Int, latestRunStart: Timestamp?,
        latestReason: String?, latestWaivedBy: Int? = nil
    ) {
        self.key = key
        self.name = name
        self.latestOutcome = latestOutcome
        self.streak = streak
        self.latestRunStart = latestRunStart
        self.latestReason = latestReason
        self.latestWaivedBy = latestWaivedBy
    }

    func relocated(with copy: inout StringRelocation) -> HostLatest {
        var h = self
        (h.key.host, h.name, h.latestReason) = (copy(key.host), copy(name), latestReason.map { copy($0) })
        return h
    }
}
