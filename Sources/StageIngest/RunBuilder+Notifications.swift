import StageModel

/// Reading notifications: a run's own (report-semantics §3) and a host's reason and warnings (§6).
extension RunBuilder {
    /// The run's own notifications, in the order the run reason is looked for:
    /// `result.status.notifications`, `result.notifications`, the task's `notifications`, then
    /// the messages of the task's `error` (each an error). Within each, errors, then warnings.
    func runNotifications(result: Int?, aggregate: Int?, task: Int?, flattened: inout [String]) -> [RunNotification] {
        var out: [RunNotification] = []
        if let aggregate { appendNotifications(aggregate, "status.notifications", into: &out, &flattened) }
        if let result { appendNotifications(result, "notifications", into: &out, &flattened) }
        if let task {
            appendNotifications(task, "task notifications", into: &out, &flattened)
            if let error = tape.member(task, "error"), !tape.isNull(error) {
                if SerializerFlattening.isFlattened(tape, error) {
                    flattened.append("error")
                } else if let messages = tape.member(error, "messages") {
                    if SerializerFlattening.isFlattened(tape, messages) { flattened.append("error.messages") }
                    for message in tape.elements(messages) {
                        guard let id = tape.member(message, "id").flatMap(tape.string) else { continue }
                        let text = tape.member(message, "default_message").flatMap(tape.string)
                        out.append(RunNotification(kind: .error, reason: Reason(id: id, message: text)))
                    }
                }
            }
        }
        return out
    }

    /// The `notifications` member of `owner` (a Notifications object), appended kind by kind.
    private func appendNotifications(
        _ owner: Int, _ place: String, into out: inout [RunNotification], _ flattened: inout [String]
    ) {
        guard let n = tape.member(owner, "notifications"), !tape.isNull(n) else { return }
        if SerializerFlattening.isFlattened(tape, n) {
            flattened.append(place)
            return
        }
        // Info notifications are left out: no report reads them (vLCM writes a plugin's start and
        // end on every task), and every run carries what it keeps through the spool.
        for (kind, list) in [(RunNotification.Kind.error, "errors"), (.warning, "warnings")] {
            guard let items = member(n, list) else { continue }
            if SerializerFlattening.isFlattened(tape, items) {
                flattened.append(place + "." + list)
                continue
            }
            for item in tape.elements(items) {
                if let reason = notification(item) { out.append(RunNotification(kind: kind, reason: reason)) }
            }
        }
    }

    /// A host's reason (the first notification of the lists that apply, §6) and, for a succeeded
    /// or skipped host, its warnings, each id once. Only what is read is checked for a
    /// serializer's flattening: the lists up to the one that gives the reason, and the warnings.
    /// A succeeded host, the most common by far, costs two member look-ups.
    func hostNotifications(outcome: HostOutcome, entry: Int, host: String, flattened: inout [String])
        -> (reason: Reason?, warnings: [Reason])
    {
        if outcome == .inProgress || outcome == .unknown { return (nil, []) }
        guard let n = tape.member(entry, "notifications"), !tape.isNull(n) else { return (nil, []) }
        if SerializerFlattening.isFlattened(tape, n) {
            flattened.append("host_status.\(host).notifications")
            return (nil, [])
        }
        var isFlattened = false
        var reason: Reason?
        // The lists a reason is looked for in, in order (a succeeded host has no reason).
        let lists: Int
        switch outcome {
        case .skipped: lists = 3
        case .failed, .timedOut: lists = 2
        default: lists = 0
        }
        var warnings: Int?
        var warningsLooked = false
        for k in 0..<lists {
            let list: Int?
            switch k {
            case 0: list = tape.member(n, "errors")
            case 1:
                list = tape.member(n, "warnings")
                (warnings, warningsLooked) = (list, true)
            default: list = tape.member(n, "info")
            }
            guard let list else { continue }
            if SerializerFlattening.isFlattened(tape, list) {
                isFlattened = true
                continue
            }
            if let found = first(list) {
                reason = found
                break
            }
        }
        var found: [Reason] = []
        if outcome == .succeeded || outcome == .skipped {
            if !warningsLooked { warnings = tape.member(n, "warnings") }
            if let list = warnings {
                if SerializerFlattening.isFlattened(tape, list) {
                    isFlattened = true
                } else {
                    for item in tape.elements(list) {
                        guard let warning = notification(item), !found.contains(where: { $0.id == warning.id }) else {
                            continue
                        }
                        found.append(warning)
                    }
                }
            }
        }
        if isFlattened { flattened.append("host_status.\(host).notifications") }
        return (reason, found)
    }

    /// The first notification with an id in a list.
    private func first(_ list: Int) -> Reason? {
        for item in tape.elements(list) { if let reason = notification(item) { return reason } }
        return nil
    }

    /// A notification's id and messages; `nil` without a string `id`.
    private func notification(_ item: Int) -> Reason? {
        guard let idIndex = tape.member(item, "id"), let id = tape.string(idIndex) else { return nil }
        return Reason(
            id: id, message: defaultMessage(tape.member(item, "message")),
            resolution: defaultMessage(tape.member(item, "resolution")))
    }

    private func defaultMessage(_ i: Int?) -> String? {
        i.flatMap { tape.member($0, "default_message") }.flatMap(tape.string)
    }

    /// `tape.member` takes a StaticString for speed; this covers the three list names.
    private func member(_ object: Int, _ name: String) -> Int? {
        switch name {
        case "errors": return tape.member(object, "errors")
        case "warnings": return tape.member(object, "warnings")
        case "info": return tape.member(object, "info")
        default: return nil
        }
    }
}
