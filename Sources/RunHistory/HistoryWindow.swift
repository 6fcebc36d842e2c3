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
}
