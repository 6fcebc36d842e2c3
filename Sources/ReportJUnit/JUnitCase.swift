import ReportCore
import StageModel

/// What one host outcome becomes: a `<testcase>` and at most one result element.
///
/// The mapping is a pure function of the host, so the suite writer can count result elements
/// before it writes the `<testsuite>` start tag and check the tally again while writing.
struct JUnitCase {
    enum Element: String {
        case failure, error, skipped
    }

    struct Result {
        var element: Element
        /// `nil` for `<skipped>`: the Ant schema allows no `type` there.
        var type: String?
        /// One line; also the first line of `body`, because GitLab shows only the body.
        var message: String
        var body: String
    }

    var time: String
    var result: Result?

    /// The element a host outcome maps to (issue 3).
    static func element(for outcome: HostOutcome) -> Element? {
        switch outcome {
        case .succeeded: return nil
        case .failed: return .failure
        case .timedOut, .unknown: return .error
        case .skipped, .inProgress: return .skipped
        }
    }

    init(host: HostResult) {
        time = JUnitTime.seconds(host.durationMilliseconds ?? 0)
        result = JUnitCase.result(for: host)
    }

    private static func result(for host: HostResult) -> Result? {
        guard let element = element(for: host.outcome) else { return nil }
        let reasonID = host.reason.flatMap { JUnitText.nonBlankToken($0.id) }
        let status = JUnitText.nonBlankToken(host.status)
        switch host.outcome {
        case .succeeded:
            return nil
        case .failed:
            let id = reasonID ?? Reason.unspecified
            return make(element, type: JUnitText.namespacedType(id), host: host,
                        fallback: "Staging failed on this host", notification: id)
        case .timedOut:
            let id = reasonID ?? Reason.timedOut
            return make(element, type: JUnitText.namespacedType(id), host: host,
                        fallback: "Staging timed out on this host", notification: id)
        case .skipped:
            let id = reasonID ?? Reason.unspecified
            return make(element, type: nil, host: host,
                        fallback: "Host was skipped", notification: id)
        case .inProgress:
            let message = "Host has not finished staging" + (status.map { " (status \($0))" } ?? "")
            return make(element, type: nil, host: host, fallback: message, notification: reasonID, useReasonMessage: false)
        case .unknown:
            let message = status.map { "Unknown host status \"\($0)\"" } ?? "Host reported no status"
            return make(element, type: "stage-report.unknown-status", host: host, fallback: message,
                        notification: reasonID, useReasonMessage: false)
        }
    }

    /// Body: the message line, the full message when it has more than that line, the
    /// resolution, then the facts a reader needs to find the host again.
    private static func make(_ element: Element, type: String?, host: HostResult, fallback: String,
                             notification: String?, useReasonMessage: Bool = true) -> Result {
        let full = useReasonMessage ? JUnitText.nonBlank(host.reason?.message) : nil
        let message = JUnitText.firstLine(full ?? fallback)
        // Appended in place: an array of lines joined afterwards cost a fifth of this function.
        var body = message
        func line(_ prefix: String, _ text: String) {
            body += "\n"
            body += prefix
            body += text
        }
        if let full, full != message { line("", remainder(of: full, after: message)) }
        if !useReasonMessage, let other = JUnitText.nonBlank(host.reason?.message) { line("", other) }
        if let resolution = JUnitText.nonBlank(host.reason?.resolution) { line("Resolution: ", resolution) }
        if let notification { line("Notification: ", notification) }
        line("Host id: ", JUnitText.token(host.id))
        if let status = JUnitText.nonBlankToken(host.status) { line("Status: ", status) }
        return Result(element: element, type: type, message: message, body: body)
    }

    /// What the body still needs after the message line: the rest of the full message when it
    /// starts with that line (so the line is not shown twice), else the whole full message
    /// (it started with blank lines, or its first line was cut short).
    private static func remainder(of full: String, after message: String) -> String {
        guard full.hasPrefix(message) else { return full }
        var rest = full.dropFirst(message.count)
        if let first = rest.first, first == "\r\n" || first == "\n" || first == "\r" { rest = rest.dropFirst() }
        return String(rest)
    }
}
