import ReportText
import StageModel
import Waivers

/// What one host outcome becomes in CTRF: its status and message (docs/outputs.md, CTRF).
///
/// CTRF has five statuses; the mapping keeps the success rate's reading: `passed` and `failed`
/// are exactly the outcomes the rate counts (timed out is a failure, report-semantics §3),
/// `skipped` is skipped, `pending` a host still staging, and `other` a status vSphere did not
/// document or did not send. The raw vSphere status is kept beside it in `rawStatus`.
enum CTRFStatus: String, CaseIterable {
    case passed, failed, skipped, pending, other

    init(_ outcome: HostOutcome) {
        switch outcome {
        case .succeeded: self = .passed
        case .failed, .timedOut: self = .failed
        case .skipped: self = .skipped
        case .inProgress: self = .pending
        case .unknown: self = .other
        }
    }
}

/// Tests counted by CTRF status, the way `results.summary` counts them.
struct CTRFCounts: Equatable {
    var counts = [Int](repeating: 0, count: CTRFStatus.allCases.count)

    subscript(_ status: CTRFStatus) -> Int {
        get { counts[CTRFStatus.allCases.firstIndex(of: status)!] }
        set { counts[CTRFStatus.allCases.firstIndex(of: status)!] = newValue }
    }

    var tests: Int { counts.reduce(0, +) }

    /// The counts the summary's outcomes map to.
    init(_ outcomes: some Sequence<(HostOutcome, Int)>) {
        for (outcome, n) in outcomes { self[CTRFStatus(outcome)] += n }
    }

    init() {}
}

enum CTRFMessage {
    /// The test's `message`: the reason's message as vSphere sent it (cleaned of terminal codes
    /// and controls), else what the outcome says; `nil` for a succeeded host.
    static func message(for host: HostResult) -> String? {
        let status = nonBlank(host.status).map(TextSanitizer.clean)
        let reasonMessage = nonBlank(host.reason?.message).map(TextSanitizer.clean)
        // The placeholders "(unspecified)" and "(timed out)" say nothing the status does not.
        let reasonID = nonBlank(host.reason?.id).flatMap {
            $0 == Reason.unspecified || $0 == Reason.timedOut ? nil : TextSanitizer.clean($0)
        }
        switch host.outcome {
        case .succeeded:
            return nil
        case .failed:
            return reasonMessage ?? reasonID.map { "Staging failed on this host: \($0)" }
                ?? "Staging failed on this host"
        case .timedOut:
            return reasonMessage ?? "Staging timed out on this host"
        case .skipped:
            return reasonMessage ?? reasonID.map { "Host was skipped: \($0)" } ?? "Host was skipped"
        case .inProgress:
            return "Host has not finished staging" + (status.map { " (status \($0))" } ?? "")
        case .unknown:
            return status.map { "Unknown host status \"\($0)\"" } ?? "Host reported no status"
        }
    }

    /// A waived failure's message names its waiver first: `waived by waiver 2 (owner …): …`.
    static func waived(_ message: String, by waiver: Waiver?) -> String {
        guard let waiver else { return message }
        return "waived by \(TextSanitizer.clean(waiver.label)): \(message)"
    }

    /// `nil` for a missing or all-whitespace string.
    static func nonBlank(_ s: String?) -> String? {
        guard let s, s.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else { return nil }
        return s
    }
}
