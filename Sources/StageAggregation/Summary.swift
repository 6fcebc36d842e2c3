import StageModel

/// Everything every report shows, computed once (report-semantics §7). Renderers read only this
/// value (and, for JUnit, the runs themselves).
public struct Summary: Sendable, Equatable {
    public static let schemaVersion = 2

    public var title: String
    public var generatedAt: Timestamp
    public var inputs: InputCounts
    public var window: Window
    public var totals: Totals
    public var outcomes: OutcomeCounts
    public var durations: DurationSummary
    /// By vCenter, then cluster id.
    public var clusters: [ClusterSummary]
    /// By vCenter, cluster id, then commit (numerically when both are numbers).
    public var commits: [CommitSummary]
    /// By date.
    public var days: [DaySummary]
    /// By count descending, then id.
    public var skipReasons: [ReasonSummary]
    public var failureReasons: [ReasonSummary]
    /// The reasons of failed and timed-out runs: by runs descending, then id.
    public var runFailureReasons: [RunReasonSummary] = []
    /// Warnings on hosts that did not fail and on runs: by count descending, then id.
    public var warnings: [WarningSummary] = []
    /// Every run without a host outcome, in canonical run order.
    public var runsWithoutHosts: [RunWithoutHosts] = []
    public var flakyHosts: [FlakyHost]
    public var failingHosts: [FailingHost]
    /// Every host with a failed or timed-out outcome in the window's last
    /// `HostNights.keptNights` nights, with its outcome on each of those nights: by failed count
    /// descending, then vCenter, cluster, host id. Bounded so that the summary does not grow
    /// with the length of the window; `days` has every night's totals.
    public var hostNights: [HostNights]
    /// Every host in key order with its latest outcome, only when the summary was asked for it
    /// (`SummaryBuilder.summary(listEveryHost:)`, for hosts.csv); empty otherwise. summary.json
    /// does not carry it.
    public var hosts: [HostLatest] = []
    /// By kind; only kinds that occurred.
    public var dataQuality: [DataQualitySummary]
    /// In input order.
    public var rejected: [Rejection]
    /// Quality-gate verdicts, in the order the gates were given; empty when none were asked for.
    public var gates: [GateResult] = []
    /// What the waiver file did; `nil` without `--waivers` (and then nothing of it is written).
    public var waivers: WaiverSummary?
    /// What changed on the latest night (`SummaryBuilder(tracksChanges:)`); `nil` when changes
    /// were not asked for (and then nothing of them is written).
    public var changes: ChangeSummary?
}

public struct InputCounts: Sendable, Equatable {
    public var files = 0
    public var documents = 0
    public var runs = 0
    public var duplicates = 0
    public var rejected = 0
    public var withoutResult = 0
    public var otherOperations = 0
    public var bytes = 0
    public init() {}
}

public struct Window: Sendable, Equatable {
    public var firstRunStart: Timestamp?
    public var lastRunStart: Timestamp?
}

public struct Totals: Sendable, Equatable {
    public var vcenters: Int
    public var clusters: Int
    public var hosts: Int
    public var runs: Int
    /// Runs by run status (`OutcomeCounts` keyed by `RunStatus.countedAs`).
    public var runStatuses: OutcomeCounts
    /// The number of host outcomes (`Summary.outcomes` has them by outcome).
    public var outcomes: Int
    public var successRate: Double?
    /// What waivers took out of `Summary.outcomes` and `runStatuses` (zero without waivers).
    public var waived = WaivedCounts()
}

/// A compact view of one run.
public struct RunBrief: Sendable, Equatable {
    public var start: Timestamp?
    public var end: Timestamp?
    public var commit: String?
    public var status: RunStatus
    public var stageStatus: String?
    public var taskStatus: String?
    /// The run reason of a failed or timed-out run.
    public var reason: Reason?
    public var outcomes: OutcomeCounts
}

public struct ClusterSummary: Sendable, Equatable {
    public var vcenter: String
    public var id: String
    public var name: String
    public var runs: Int
    public var runStatuses: OutcomeCounts
    public var hosts: Int
    public var outcomes: OutcomeCounts
    public var durations: DurationStats
    public var latestRun: RunBrief
    /// What waivers took out of `outcomes` and `runStatuses` (zero without waivers).
    public var waived = WaivedCounts()
}

public struct CommitSummary: Sendable, Equatable {
    public var vcenter: String
    public var cluster: String
    public var commit: String
    public var runs: Int
    public var runStatuses: OutcomeCounts
    public var outcomes: OutcomeCounts
    /// What waivers took out of `outcomes` and `runStatuses` (zero without waivers).
    public var waived = WaivedCounts()
}

public struct DaySummary: Sendable, Equatable {
    /// UTC date of the run starts, `2026-11-01`.
    public var date: String
    public var runs: Int
    public var runStatuses: OutcomeCounts
    public var outcomes: OutcomeCounts
    /// What waivers took out of `outcomes` and `runStatuses` (zero without waivers).
    public var waived = WaivedCounts()
}

public struct ReasonSummary: Sendable, Equatable {
    public var id: String
    public var count: Int
    /// Distinct (vCenter, cluster, host) with this reason.
    public var hosts: Int
    public var message: String?
    public var resolution: String?
}

public struct HostKey: Hashable, Sendable, Comparable {
    public var vcenter: String
    public var cluster: String
    public var host: String

    public init(vcenter: String, cluster: String, host: String) {
        self.vcenter = vcenter
        self.cluster = cluster
        self.host = host
    }

    public static func < (a: HostKey, b: HostKey) -> Bool {
        if a.vcenter != b.vcenter { return ByteOrder.less(a.vcenter, b.vcenter) }
        if a.cluster != b.cluster { return ByteOrder.less(a.cluster, b.cluster) }
        return ByteOrder.less(a.host, b.host)
    }
}

/// At least one succeeded and at least one failed or timed-out outcome in the window.
public struct FlakyHost: Sendable, Equatable {
    public var key: HostKey
    public var name: String
    public var outcomes: Int
    public var succeeded: Int
    /// Failed plus timed out.
    public var failed: Int
}

/// The latest outcome is failed or timed out; `streak` counts the latest consecutive ones.
public struct FailingHost: Sendable, Equatable {
    public var key: HostKey
    public var name: String
    public var streak: Int
    public var latestOutcome: HostOutcome
    public var latestRunStart: Timestamp?
    public var latestReason: String?
}

/// A host that failed in the latest nights of the window, night by night (the host × night grid).
public struct HostNights: Sendable, Equatable {
    /// Nights (days with a run) kept per host: the latest month.
    public static let keptNights = 31

    /// One host-night, stored as the aggregation's 12-byte cell: a month of nights for every
    /// failing host of a large estate is a few hundred thousand of these, and as a date string
    /// and six counts each took 72 bytes.
    public struct Night: Sendable, Equatable {
        let cell: NightCell

        init(_ cell: NightCell) { self.cell = cell }

        /// `date` is a UTC date, `YYYY-MM-DD`; each count is kept up to 255.
        public init(date: String, latest: HostOutcome, outcomes: OutcomeCounts) {
            guard let midnight = Timestamp(iso8601: date + "T00:00:00Z") else {
                preconditionFailure("a night's date is YYYY-MM-DD, not \(date)")
            }
            var cell = NightCell(
                day: Int32(truncatingIfNeeded: midnight.utcDay), latest: 0)
            for outcome in HostOutcome.allCases {
                for _ in 0..<min(outcomes[outcome], 255) { cell.add(outcome) }
            }
            cell.latest = UInt8(latest.ordinal)
            self.cell = cell
        }

        /// UTC date of the run start, as in `Summary.days`.
        public var date: String { Timestamp(utcDay: Int64(cell.day)).utcDate }
        /// The night as days since 1970-01-01: equal for equal `date`s, and cheap to compare.
        public var day: Int32 { cell.day }
        /// The host's outcome in that night's latest run (canonical order).
        public var latest: HostOutcome { HostOutcome.allCases[Int(cell.latest)] }
        /// All of its outcomes that night (more than one when a run was repeated), each count
        /// saturating at 255.
        public var outcomes: OutcomeCounts { cell.outcomes }

        public static func == (a: Night, b: Night) -> Bool {
            a.cell.day == b.cell.day && a.latest == b.latest && a.outcomes == b.outcomes
        }
    }

    public var key: HostKey
    public var name: String
    /// Failed plus timed-out outcomes on those nights.
    public var failed: Int
    /// Nights with an outcome, by date ascending.
    public var nights: [Night]

    public init(key: HostKey, name: String, failed: Int, nights: [Night]) {
        self.key = key
        self.name = name
        self.failed = failed
        self.nights = nights
    }
}

public struct DataQualitySummary: Sendable, Equatable {
    public var kind: DataQualityKind
    public var count: Int
    /// Up to five, the first in input order.
    public var examples: [String]
}
