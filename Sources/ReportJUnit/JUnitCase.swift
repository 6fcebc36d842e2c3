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

    /// The `time` attribute, in milliseconds (`XMLStreamWriter.attribute(_:seconds:)`).
    var milliseconds: Int64
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
        milliseconds = host.durationMilliseconds ?? 0
        result = JUnitCase.result(for: host)
    }

    /// `init(host: host.pointee)`, reading the host where it is: passing a host on, or calling
    /// one of its methods, copies all its Strings, so a succeeded host is only read field by field.
    init(host: UnsafePointer<HostResult>) {
        milliseconds = JUnitCase.durationMilliseconds(host)
        result = JUnitCase.element(for: host.pointee.outcome) == nil ? nil : JUnitCase.result(for: host.pointee)
    }

    /// `host.pointee.durationMilliseconds ?? 0`, from the fields (see
    /// `HostResult.durationMilliseconds(outcome:start:end:)`).
    static func durationMilliseconds(_ host: UnsafePointer<HostResult>) -> Int64 {
        HostResult.durationMilliseconds(outcome: host.pointee.outcome, start: host.pointee.start, end: host.pointee.end)
            ?? 0
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
            return make(
                element, type: JUnitText.namespacedType(id), host: host,
                fallback: "Staging failed on this host", notification: id)
        case .timedOut:
            let id = reasonID ?? Reason.timedOut
            return make(
                element, type: JUnitText.namespacedType(id), host: host,
                fallback: "Staging timed out on this host", notification: id)
        case .skipped:
            let id = reasonID ?? Reason.unspecified
            return make(
                element, type: nil, host: host,
                fallback: "Host was skipped", notification: id)
        case .inProgress:
            let message = "Host has not finished staging" + (status.map { " (status \($0))" } ?? "")
            return make(
                element, type: nil, host: host, fallback: message, notification: reasonID, useReasonMessage: false)
        case .unknown:
            let message = status.map { "Unknown host status \"\($0)\"" } ?? "Host reported no status"
            return make(
                element, type: "stage-report.unknown-status", host: host, fallback: message,
                notification: reasonID, useReasonMessage: false)
        }
    }

    /// Body: the message line, the full message when it has more than that line, the
    /// resolution, then the facts a reader needs to find the host again.
    private static func make(
        _ element: Element, type: String?, host: HostResult, fallback: String,
        notification: String?, useReasonMessage: Bool = true
    ) -> Result {
        let full = useReasonMessage ? JUnitText.nonBlank(host.reason?.message) : nil
        let message = JUnitText.firstLine(full ?? fallback)
        let rest = full.flatMap { $0 != message ? remainder(of: $0, after: message) : nil }
        let other = useReasonMessage ? nil : JUnitText.nonBlank(host.reason?.message)
        let resolution = JUnitText.nonBlank(host.reason?.resolution)
        let hostID = JUnitText.token(host.id)
        let status = JUnitText.nonBlankToken(host.status)
        // Appended as bytes in one buffer, then made a String once (the same bytes as appending
        // Strings): an array of lines joined afterwards, and `String +=` per piece, were both
        // a visible cost here. The labels take under 64 bytes.
        var body: [UInt8] = []
        body.reserveCapacity(
            64 + message.utf8.count + (rest?.utf8.count ?? 0) + (other?.utf8.count ?? 0)
                + (resolution?.utf8.count ?? 0) + (notification?.utf8.count ?? 0) + hostID.utf8.count
                + (status?.utf8.count ?? 0))
        body.append(contentsOf: message.utf8)
        func line(_ prefix: StaticString, _ text: String) {
            body.append(UInt8(ascii: "\n"))
            body.append(contentsOf: UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount))
            body.append(contentsOf: text.utf8)
        }
        if let rest { line("", rest) }
        if let other { line("", other) }
        if let resolution { line("Resolution: ", resolution) }
        if let notification { line("Notification: ", notification) }
        line("Host id: ", hostID)
        if let status { line("Status: ", status) }
        return Result(element: element, type: type, message: message, body: String(decoding: body, as: UTF8.self))
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
