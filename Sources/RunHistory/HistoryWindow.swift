import StageModel

/// Which nights a report or a prune covers: the `nights` UTC dates up to and including the
/// date of the latest run in the history (by run start, else end, else last update).
public struct HistoryWindow: Sendable, Equatable {
    public static let defaultNights = 30
    public static let defaultKeepNights = 400

    public var nights: Int

    public init(nights: Int = HistoryWindow.defaultNights) {
        precondition(nights >= 1, "a window holds at least one night")
        self.nights = nights
    }

    /// The first millisecond of the window's first night, given the latest run's time.
    public func cutoff(latest: Int64) -> Int64 {
        let (day, _) = latest.floorDivided(by: UTCCalendar.millisecondsPerDay)
        return (day - Int64(nights - 1)) * UTCCalendar.millisecondsPerDay
    }

    /// Whether `run` is in the window that starts at `cutoff` (`cutoff(latest:)`): by its
    /// start, else end, else last update; a run with no time at all is in every window.
    public static func includes(_ run: StageRun, cutoff: Int64) -> Bool {
        guard let time = run.start ?? run.end ?? run.lastUpdate else { return true }
        return time.milliseconds >= cutoff
    }

    /// `includes(_:cutoff:)` for a run known by its header.
    public static func includes(_ header: RunHeader, cutoff: Int64) -> Bool {
        guard let time = header.identity.start ?? header.end ?? header.lastUpdate else { return true }
        return time.milliseconds >= cutoff
    }
}
