/// Features forced onto fixed runs of the first vCenter, so that even the small default fleet
/// shows every case a report must handle; larger fleets get them by chance as well.
struct SampleShowcase: OptionSet {
    let rawValue: UInt16
    static let otherOperation = SampleShowcase(rawValue: 1 << 0)
    static let hostInTwoLists = SampleShowcase(rawValue: 1 << 1)
    static let listDisagrees = SampleShowcase(rawValue: 1 << 2)
    static let missingHostInfo = SampleShowcase(rawValue: 1 << 3)
    static let unknownStatus = SampleShowcase(rawValue: 1 << 4)
    static let sentinelTime = SampleShowcase(rawValue: 1 << 5)
    static let duplicate = SampleShowcase(rawValue: 1 << 6)
    static let pending = SampleShowcase(rawValue: 1 << 7)
    static let running = SampleShowcase(rawValue: 1 << 8)
    static let flakySuccess = SampleShowcase(rawValue: 1 << 9)
    static let flakyFailure = SampleShowcase(rawValue: 1 << 10)
    static let timedOut = SampleShowcase(rawValue: 1 << 11)
    static let failedWithoutResult = SampleShowcase(rawValue: 1 << 12)

    init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    init(vcenter: Int, cluster: Int, night: Int, clusters: Int, nights: Int) {
        self = []
        // Tiny fleets are left to chance: forcing a dozen cases onto a handful of runs would
        // make them all odd.
        guard vcenter == 0, clusters * nights >= 6 else { return }
        let at = { (c: Int, n: Int) in cluster == c % clusters && night == n % nights }
        if at(0, 0) { insert(.otherOperation) }
        if at(1, 0) { insert(.hostInTwoLists) }
        if at(2, 1) { insert(.listDisagrees) }
        if at(0, 2) { insert(.missingHostInfo) }
        if at(1, 3) { insert(.unknownStatus) }
        if at(2, 0) { insert(.sentinelTime) }
        if at(0, nights / 2) { insert(.duplicate) }
        if at(clusters - 1, max(0, nights - 2)) { insert(.pending) }
        if at(0, nights - 1) { insert(.running) }
        // The first host of the first cluster is flaky: it succeeds, then fails.
        if at(0, 0) { insert(.flakySuccess) }
        if at(0, 1) { insert(.flakyFailure) }
        if at(1, 2) { insert(.timedOut) }
        // The latest night of the second cluster: a stage that failed outright, where it shows most.
        if at(1, nights - 1) { insert(.failedWithoutResult) }
    }

    /// The outcome forced on the first host of the run, if any.
    var forcedOutcome: (SampleHostState, SampleNoteKind?)? {
        if contains(.unknownStatus) { return (.unknown, nil) }
        if contains(.timedOut) { return (.timedOut, .timeout) }
        if contains(.flakyFailure) { return (.error, .downloadFailed) }
        if contains(.flakySuccess) { return (.ok, nil) }
        return nil
    }
}
