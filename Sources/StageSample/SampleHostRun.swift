/// What one host did in one run.
struct SampleHostRun {
    /// Index into the cluster's hosts.
    let host: Int
    var state: SampleHostState
    let startMilliseconds: Int64
    /// Meaningless for `.unknown` (which has no end).
    var endMilliseconds: Int64
    var note: SampleNoteKind?
    var noteFlags: SampleNoteFlags = []
    /// Per-host `progress.completed`; nil → no `progress` member.
    var progress: Int?
    /// Random bits for the message variant.
    let variant: UInt64
}

enum SampleHostState: Equatable {
    case ok, skipped, error, timedOut
    case running, retryPending
    /// In `host_info` only: not processed yet.
    case notStarted
    /// A status string no reader knows.
    case unknown

    /// The `status` string on the wire; nil for a host without `host_status` entry.
    var wireName: StaticString? {
        switch self {
        case .ok: "OK"
        case .skipped: "SKIPPED"
        case .error: "ERROR"
        case .timedOut: "TIMED_OUT"
        case .running: "RUNNING"
        case .retryPending: "RETRY_PENDING"
        case .notStarted: nil
        case .unknown: "STAGING_PAUSED"
        }
    }

    var isFinal: Bool {
        switch self {
        case .ok, .skipped, .error, .timedOut: true
        default: false
        }
    }

    /// The list vCenter puts a host of this state in (TIMED_OUT goes to `failed_hosts`).
    var ownList: SampleListSet {
        switch self {
        case .ok: .successful
        case .error, .timedOut: .failed
        case .skipped: .skipped
        default: []
        }
    }

    var hasEndTime: Bool { isFinal }
}

struct SampleNoteFlags: OptionSet {
    let rawValue: UInt8
    /// The notification carries no `type` member.
    static let untyped = SampleNoteFlags(rawValue: 1)
    /// The notification has a `resolution`.
    static let resolution = SampleNoteFlags(rawValue: 2)
    /// The notification time is the epoch sentinel `1970-01-01T00:00:00.000Z`.
    static let sentinelTime = SampleNoteFlags(rawValue: 4)
}
