import StageModel

/// `time` and `timestamp` in the one form every consumer reads the same way (junit-conventions
/// §2.7): built from integer milliseconds, so no locale can turn the dot into a comma.
enum JUnitTime {
    /// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z: `xs:dateTime` has no year 0, and the
    /// Ant pattern wants exactly four year digits.
    static let earliest = Timestamp(milliseconds: -62_135_596_800_000)
    static let latest = Timestamp(milliseconds: 253_402_300_799_999)

    /// Suite `timestamp`: the run start in UTC as `YYYY-MM-DDTHH:MM:SS`, without a zone (the Ant
    /// schema forbids one; Jenkins and Azure read a zoneless time as UTC).
    ///
    /// A run without a start gets the Unix epoch, `1970-01-01T00:00:00`: the Ant schema requires
    /// the attribute, and the epoch is an obvious "unknown" that does not depend on when the
    /// report was generated. The `run.start` property is empty for such a run.
    static func timestamp(_ start: Timestamp?) -> String {
        let t = start ?? Timestamp(milliseconds: 0)
        return min(max(t, earliest), latest).iso8601Seconds
    }

    /// Suite `time`, in milliseconds (written by `XMLStreamWriter.attribute(_:seconds:)`): the
    /// run's wall-clock duration (end − start) when both are known and in order, else the sum of
    /// its cases' times. Never negative.
    static func suiteMilliseconds(run: StageRun, caseMilliseconds: Int64) -> Int64 {
        if let start = run.start, let end = run.end, end >= start {
            let (ms, overflow) = end.milliseconds.subtractingReportingOverflow(start.milliseconds)
            if !overflow { return ms }
        }
        return max(caseMilliseconds, 0)
    }
}
