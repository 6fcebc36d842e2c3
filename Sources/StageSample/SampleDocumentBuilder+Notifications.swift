import JSONOutput

/// Notifications, localizable messages and the documents of other operations.
extension SampleDocumentBuilder {
    private static let sentinelEpoch: Int64 = 0

    mutating func hostNotifications(_ run: SampleHostRun, plan: SampleRunPlan) {
        json.beginObject()
        guard let note = run.note else {
            // Some hosts that staged carry a warning; drawn from the host's own bits, so the
            // fleet's other random choices stay as they were.
            if run.state == .ok, (run.variant >> 50) % 100 < SampleRates.okHostWarningPercent {
                let context = SampleNoteContext(
                    hostName: plan.cluster.hosts[run.host].name, vcenterName: plan.vcenterName, commit: plan.commit,
                    variant: run.variant)
                json.key("warnings")
                json.beginArray()
                notification(.lockerLowSpace, context: context, flags: [], time: run.endMilliseconds - 2)
                json.endArray()
            }
            json.endObject()
            return
        }
        let context = SampleNoteContext(
            hostName: plan.cluster.hosts[run.host].name,
            vcenterName: plan.vcenterName, commit: plan.commit,
            variant: run.variant)
        // Real payloads show each list either omitted or present and empty.
        let allLists = (run.variant >> 40) & 3 == 0
        let time =
            run.noteFlags.contains(.sentinelTime)
            ? Self.sentinelEpoch
            : run.endMilliseconds - Int64((run.variant >> 20) % 40)
        for list in [SampleNoteList.info, .warnings, .errors] where allLists || list == note.list {
            json.key(Self.listName(list))
            json.beginArray()
            if list == note.list { notification(note, context: context, flags: run.noteFlags, time: time) }
            json.endArray()
        }
        json.endObject()
    }

    static func listName(_ list: SampleNoteList) -> StaticString {
        switch list {
        case .info: "info"
        case .warnings: "warnings"
        case .errors: "errors"
        }
    }

    mutating func notification(
        _ kind: SampleNoteKind, context: SampleNoteContext,
        flags: SampleNoteFlags, time: Int64
    ) {
        json.beginObject()
        if let type = kind.typeName, !flags.contains(.untyped) {
            json.key("type")
            json.string(type)
        }
        json.key("id")
        json.string(kind.id)
        json.key("time")
        json.timestamp(milliseconds: time)
        json.key("message")
        message(SampleMessages.message(for: kind, context))
        if flags.contains(.resolution), let resolution = SampleMessages.resolution(for: kind, context) {
            json.key("resolution")
            message(resolution)
        }
        if let originator = kind.originator {
            json.key("originator")
            json.string(originator)
        }
        if let retriable = kind.retriable {
            json.key("retriable")
            json.bool(retriable)
        }
        json.endObject()
    }

    mutating func message(_ message: SampleMessage) {
        json.beginObject()
        json.key("id")
        json.string(message.id)
        json.key("default_message")
        json.string(message.text)
        json.key("args")
        json.beginArray()
        for arg in message.args { json.string(arg) }
        json.endArray()
        if !message.params.isEmpty {
            json.key("params")
            beginMap()
            for (name, value) in message.params {
                openEntry("\(name)")
                json.beginObject()
                switch value {
                case let .string(text):
                    json.key("s")
                    json.string(text)
                case let .integer(number):
                    json.key("i")
                    json.int(number)
                }
                json.endObject()
                closeEntry()
            }
            endMap()
        }
        json.key("localized")
        json.string(message.text)
        json.endObject()
    }

    /// Task-level `notifications`: undocumented, present on real vLCM tasks.
    mutating func taskNotifications(_ plan: SampleRunPlan) {
        let context = SampleNoteContext(
            hostName: "", vcenterName: plan.vcenterName,
            commit: plan.commit, variant: 0)
        switch plan.taskNotes {
        case .absent:
            return
        case .emptyLists:
            json.key("notifications")
            json.beginObject()
            for list in [SampleNoteList.info, .warnings, .errors] {
                json.key(Self.listName(list))
                json.beginArray()
                json.endArray()
            }
            json.endObject()
        case let .plugins(sentinel):
            json.key("notifications")
            json.beginObject()
            json.key("info")
            json.beginArray()
            notification(
                .pluginStarted, context: context, flags: [],
                time: sentinel ? Self.sentinelEpoch : plan.startMilliseconds + 40)
            if plan.isFinished {
                notification(
                    .pluginCompleted, context: context, flags: [],
                    time: plan.resultEndMilliseconds - 5)
            }
            json.endArray()
            json.endObject()
        case .pluginFailure:
            json.key("notifications")
            json.beginObject()
            json.key("info")
            json.beginArray()
            notification(.pluginStarted, context: context, flags: [], time: plan.startMilliseconds + 40)
            json.endArray()
            json.key("errors")
            json.beginArray()
            json.beginObject()
            json.key("type")
            json.string("ERROR")
            json.key("id")
            json.string("com.vmware.vcIntegrity.lifecycle.plugin.Failed")
            json.key("time")
            json.timestamp(milliseconds: plan.resultEndMilliseconds - 3)
            json.key("message")
            message(SampleMessages.pluginFailed)
            json.key("retriable")
            json.bool(false)
            json.endObject()
            json.endArray()
            json.endObject()
        }
    }

    /// A finished scan or configuration check-compliance task of the same cluster, run a few
    /// minutes after the stage: a reader must count it and leave it out.
    mutating func otherOperationMembers(_ plan: SampleRunPlan, operation: SampleDocument.Operation) {
        let start = plan.resultEndMilliseconds + 60_000 * Int64(2 + plan.commit % 9) + 317
        let end = start + 20_000 + Int64(plan.hosts.count) * 1_500
        json.key("status")
        json.string("SUCCEEDED")
        json.key("cancelable")
        json.bool(false)
        json.key("start_time")
        json.timestamp(milliseconds: start)
        json.key("end_time")
        json.timestamp(milliseconds: end)
        json.key("user")
        json.string("Administrator@VSPHERE.LOCAL")
        json.key("last_update_time")
        json.timestamp(milliseconds: end - 11)
        json.key("progress")
        progress(100)
        json.key("result")
        json.beginObject()
        let compliant = plan.hosts.filter { $0.state == .ok || $0.state == .skipped }
        let others = plan.hosts.filter { $0.state != .ok && $0.state != .skipped }
        json.key("status")
        json.string(others.isEmpty ? "COMPLIANT" : "NON_COMPLIANT")
        if operation == .scan {
            json.key("scan_time")
            json.timestamp(milliseconds: end - 250)
            json.key("commit")
            json.decimalString(plan.commit)
        } else {
            json.key("commit")
            json.string("config-commit-\(plan.commit)")
        }
        for (name, hosts) in [("compliant_hosts", compliant), ("non_compliant_hosts", others)] {
            json.key(name)
            json.beginArray()
            for run in hosts { json.string(plan.cluster.hosts[run.host].id) }
            json.endArray()
        }
        json.key("notifications")
        json.beginObject()
        json.endObject()
        json.endObject()
    }
}
