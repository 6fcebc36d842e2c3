import StageModel

/// Reading notifications: a run's own (report-semantics §3) and a host's reason and warnings (§6).
extension RunBuilder {
    /// The run's own notifications, in the order the run reason is looked for:
    /// `result.status.notifications`, `result.notifications`, the task's `notifications`, then
    /// the messages of the task's `error` (each an error). Within each, errors, warnings, info.
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
        for (kind, list) in [(RunNotification.Kind.error, "errors"), (.warning, "warnings"), (.info, "info")] {
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
    /// or skipped host, its warnings, each id once. Only these outcomes' notifications are read,
    /// and only they are checked for a serializer's flattening.
    func hostNotifications(outcome: HostOutcome, entry: Int, host: String, flattened: inout [String])
        -> (reason: Reason?, warnings: [Reason])
    {
        if outcome == .inProgress || outcome == .unknown { return (nil, []) }
        guard let n = tape.member(entry, "notifications"), !tape.isNull(n) else { return (nil, []) }
        // Three locals rather than a table: this runs for every host of every run.
        var errors: Int?, warnings: Int?, info: Int?
        var isFlattened = SerializerFlattening.isFlattened(tape, n)
        if !isFlattened {
            errors = tape.member(n, "errors")
            warnings = tape.member(n, "warnings")
            info = tape.member(n, "info")
            isFlattened = flattenedList(errors) || flattenedList(warnings) || flattenedList(info)
        }
        if isFlattened {
            flattened.append("host_status.\(host).notifications")
            func whole(_ i: Int?) -> Int? { i.flatMap { SerializerFlattening.isFlattened(tape, $0) ? nil : $0 } }
            errors = whole(errors)
            warnings = whole(warnings)
            info = whole(info)
        }
        let reason: Reason?
        switch outcome {
        case .skipped: reason = first(errors) ?? first(warnings) ?? first(info)
        case .failed, .timedOut: reason = first(errors) ?? first(warnings)
        default: reason = nil
        }
        var found: [Reason] = []
        if outcome == .succeeded || outcome == .skipped, let warnings {
            for item in tape.elements(warnings) {
                guard let warning = notification(item), !found.contains(where: { $0.id == warning.id }) else {
                    continue
                }
                found.append(warning)
            }
        }
        return (reason, found)
    }

    private func flattenedList(_ i: Int?) -> Bool { i.map { SerializerFlattening.isFlattened(tape, $0) } ?? false }

    /// The first notification with an id in a list.
    private func first(_ list: Int?) -> Reason? {
        guard let list else { return nil }
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
