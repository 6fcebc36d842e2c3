/// The knobs of realism, in one place. Over a large fleet host outcomes land near 89 % OK,
/// 5 % skipped, 4 % error, 1.5 % timed out. Failures are concentrated as in real fleets:
/// depot outages and slow nights hit whole runs, flaky hosts and failure episodes hit the same
/// hosts again and again; a steady host on a normal night rarely fails.
enum SampleRates {
    /// /api task info, legacy /rest task info, bare StageResult.
    static let wireForms: [Double] = [70, 20, 10]

    // Host traits.
    static let flakyHosts = 0.05
    /// A flaky host fails on this share of nights (3 in 4 errors, 1 in 4 timeouts).
    static let flakyFailure = 0.4
    /// Hosts failing every night at the end of the window.
    static let failingHosts = 0.015
    /// Per host and night: a failure episode of 3–8 nights starts.
    static let episodeStart = 0.002

    // Run-level events (normal cluster / the one troubled cluster).
    /// A depot outage: most hosts of the run fail or are skipped with DepotConnectErrorV2.
    static let outage = 0.012
    static let troubledOutage = 0.10
    /// A slow night: a third of the hosts time out.
    static let slowNight = 0.01
    static let troubledSlowNight = 0.05
    static let slowNightTimeout = 0.35

    // Base rates of a host on a normal night (normal cluster / troubled cluster).
    static let unknownStatus = 0.000_3
    static let skipped = 0.05
    static let error = 0.009
    static let timedOut = 0.004
    static let troubledSkipped = 0.08
    static let troubledError = 0.10
    static let troubledTimedOut = 0.03

    /// Skip reasons: already compliant, already staged, disconnected, maintenance mode, none.
    static let skipReasons: [Double] = [45, 25, 15, 10, 5]
    /// Failure reasons: depot connect, insufficient space, download failed, VIB signature,
    /// depot validation, vSAN health, hardware support warning only, none.
    static let errorReasons: [Double] = [35, 20, 15, 10, 8, 5, 4, 3]

    // Run level.
    static let failedTaskGivenFailures = 0.55
    static let pendingTask = 0.003
    /// A stage task that FAILED before any host result was saved (depot unreachable).
    static let failedWithoutResult = 0.004
    static let troubledFailedWithoutResult = 0.03
    /// A host that staged with a warning (low space in /locker), in percent.
    static let okHostWarningPercent: UInt64 = 3
    static let runningOnLastNight = 0.08
    static let runningOtherNight = 0.004
    /// 1 in 180 drawn; bare and still-running runs are never duplicated, so ~1 in 200 overall.
    static let duplicateRun = 1.0 / 180.0
    static let otherOperation = 0.005

    // Quirks, per run.
    static let hostInTwoLists = 0.015
    static let listDisagrees = 0.01
    static let missingHostInfo = 0.01
}
