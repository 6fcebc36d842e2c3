import StageModel

/// Turns one validated StageResult (plus its task info and annotations) into a `StageRun`:
/// identity, times, host outcomes, reasons and data-quality notes (report-semantics §1, §2, §5).
struct RunBuilder {
    let tape: JSONTape
    let defaults: DocumentDefaults
    let source: DocumentSource

    /// `result` is `nil` for a stage task saved without one: a run with no commit and no hosts.
    func build(
        commit: String?, result: Int?, task: Int?, annotations: Annotations,
        hostInfo: StageMap?, hostStatus: StageMap?, lists: HostLists, flattened: [String] = []
    ) -> StageRun {
        var notes: [DataQualityNote] = []
        var flattened = flattened
        let vcenter = annotation(annotations, "vcenter") ?? defaults.vcenter ?? ""
        if vcenter.isEmpty {
            notes.append(
                DataQualityNote(kind: .vcenterMissing, detail: "no vcenter annotation, input label or --vcenter"))
        }
        var clusterID =
            task.flatMap { t in tape.member(t, "target").flatMap { tape.member($0, "id") }.flatMap(tape.string) }
            .flatMap { $0.isEmpty ? nil : $0 }
            ?? annotation(annotations, "cluster") ?? defaults.clusterID
        if clusterID == nil {
            notes.append(
                DataQualityNote(kind: .unknownCluster, detail: "no target.id, cluster annotation or --cluster"))
            clusterID = "unknown"
        }
        let aggregate = result.flatMap { r in tape.member(r, "status").flatMap { tape.kind($0) == .object ? $0 : nil } }
        if let result, let status = tape.member(result, "status"), SerializerFlattening.isFlattened(tape, status) {
            flattened.append("status")
        }
        let stageStatus = aggregate.flatMap { tape.member($0, "status") }.flatMap(tape.string)
        let taskStatus = task.flatMap { tape.member($0, "status") }.flatMap(tape.string)
        let notifications = runNotifications(result: result, aggregate: aggregate, task: task, flattened: &flattened)
        let runStatus = RunStatus(stageStatus: stageStatus, taskStatus: taskStatus)
        // Only a failed or timed-out run has a reason to lend its hosts (report-semantics §3, §6).
        let context = HostContext(
            runStatus: runStatus,
            runError: runStatus.isFailure ? notifications.first { $0.kind == .error }?.reason : nil)

        var hosts: [HostResult] = []
        // Every part is sorted already (maps and lists keep sorted keys): merge them.
        let infoKeys = hostInfo?.entries.map(\.key) ?? [], statusKeys = hostStatus?.entries.map(\.key) ?? []
        var union = SortedIDs(sortedUnique: infoKeys).union(SortedIDs(sortedUnique: statusKeys))
        for list in HostList.allCases { union = union.union(lists[list]) }
        let sortedIDs = union.ids
        hosts.reserveCapacity(sortedIDs.count)
        // The union holds every key of every part, so walking it in order meets each part's keys
        // in order too: one cursor per part replaces a binary search per host and part.
        var info = Cursor(keys: infoKeys, values: hostInfo?.entries.map(\.value))
        var status = Cursor(keys: statusKeys, values: hostStatus?.entries.map(\.value))
        var inList = HostList.allCases.map { Cursor(keys: lists[$0].ids, values: nil) }
        for id in sortedIDs {
            var membership = HostListSet()
            for (n, list) in HostList.allCases.enumerated() where inList[n].take(id) != nil { membership.insert(list) }
            hosts.append(
                host(
                    id, info: info.take(id) ?? nil, status: status.take(id) ?? nil, membership: membership,
                    context: context, notes: &notes, flattened: &flattened))
        }
        if let first = flattened.first {
            let more = flattened.count > 1 ? " (and \(flattened.count - 1) more)" : ""
            notes.append(
                DataQualityNote(
                    kind: .flattenedBySerializer,
                    detail: "\(first)\(more) is a string a serializer wrote; \(SerializerFlattening.advice)"))
        }

        let taskStart = task.flatMap { time(tape.member($0, "start_time")) }
        let taskEnd = task.flatMap { time(tape.member($0, "end_time")) }
        let start =
            taskStart ?? aggregate.flatMap { time(tape.member($0, "start_time")) }
            ?? hosts.compactMap(\.start).min()
        let end =
            taskEnd ?? aggregate.flatMap { time(tape.member($0, "end_time")) }
            ?? hosts.compactMap(\.end).max()
        return StageRun(
            source: source, vcenter: vcenter, clusterID: clusterID ?? "unknown",
            clusterName: annotation(annotations, "cluster_name"), commit: commit, stageStatus: stageStatus,
            taskStatus: taskStatus, start: start, end: end,
            lastUpdate: task.flatMap { time(tape.member($0, "last_update_time")) },
            hosts: hosts, notifications: notifications, notes: notes)
    }

    /// What a host's outcome and reason may depend on beyond its own entry.
    struct HostContext {
        var runStatus: RunStatus
        /// The first error notification of a failed or timed-out run: the reason of a failed host
        /// that has none of its own.
        var runError: Reason?

        /// The reason of a failed or timed-out host without an error or warning of its own.
        func fallbackReason(_ outcome: HostOutcome) -> Reason {
            runError ?? Reason(id: outcome == .timedOut ? Reason.timedOut : Reason.unspecified)
        }
    }

    private func host(
        _ id: String, info: Int?, status statusIndex: Int?, membership: HostListSet, context: HostContext,
        notes: inout [DataQualityNote], flattened: inout [String]
    ) -> HostResult {
        if let info, SerializerFlattening.isFlattened(tape, info) { flattened.append("host_info.\(id)") }
        if let statusIndex, SerializerFlattening.isFlattened(tape, statusIndex) {
            flattened.append("host_status.\(id)")
        }
        let name = info.flatMap { tape.member($0, "name") }.flatMap(tape.string).flatMap { $0.isEmpty ? nil : $0 } ?? id
        let entry = statusIndex.flatMap { tape.kind($0) == .object ? $0 : nil }
        if membership.count > 1 {
            notes.append(
                DataQualityNote(
                    kind: .hostInSeveralLists,
                    detail: "\(id) in \(membership.names)"))
        }
        if statusIndex != nil, info == nil {
            notes.append(DataQualityNote(kind: .statusWithoutHostInfo, detail: "\(id) has a status but no host_info"))
        }
        guard let entry else {
            return listedHost(id, name: name, membership: membership, context: context, notes: &notes)
        }
        let status = tape.member(entry, "status").flatMap(tape.string)
        let outcome = HostOutcome(stageStatus: status)
        if membership.count > 0, let expected = HostList.expected(for: outcome), !membership.contains(expected) {
            notes.append(
                DataQualityNote(
                    kind: .listDisagreesWithStatus,
                    detail: "\(id) is \(status ?? "?") but in \(membership.names)"))
        }
        let start = hostTime(entry, "start_time", id, &notes)
        let end = hostTime(entry, "end_time", id, &notes)
        let read = hostNotifications(outcome: outcome, entry: entry, host: id, flattened: &flattened)
        return HostResult(
            id: id, name: name, outcome: outcome, status: status, start: start, end: end,
            reason: read.reason ?? reasonWithoutNotification(outcome, context), warnings: read.warnings)
    }

    /// A host without a status entry: the lists decide, else the run status (report-semantics §2).
    private func listedHost(
        _ id: String, name: String, membership: HostListSet, context: HostContext, notes: inout [DataQualityNote]
    ) -> HostResult {
        if membership.contains(.failed) {
            return HostResult(id: id, name: name, outcome: .failed, reason: context.fallbackReason(.failed))
        }
        if membership.contains(.skipped) {
            return HostResult(id: id, name: name, outcome: .skipped, reason: Reason(id: Reason.unspecified))
        }
        if membership.contains(.successful) { return HostResult(id: id, name: name, outcome: .succeeded) }
        if context.runStatus == .inProgress { return HostResult(id: id, name: name, outcome: .inProgress) }
        notes.append(
            DataQualityNote(
                kind: .hostWithoutStatus, detail: "\(id) has no status in a \(context.runStatus.rawValue) run"))
        // A failed or timed-out run's reason, `(timed out)` included: the host failed because the run did.
        if let reason = context.runStatus.reason(firstError: context.runError) {
            return HostResult(id: id, name: name, outcome: .failed, reason: reason)
        }
        return HostResult(id: id, name: name, outcome: .unknown)
    }

    /// The reason of a skipped, failed or timed-out host that has no notification to give one.
    private func reasonWithoutNotification(_ outcome: HostOutcome, _ context: HostContext) -> Reason? {
        switch outcome {
        case .skipped: return Reason(id: Reason.unspecified)
        case .failed, .timedOut: return context.fallbackReason(outcome)
        default: return nil
        }
    }

    /// A host time; a string that does not parse is counted as `invalid-time` and treated as absent.
    private func hostTime(_ entry: Int, _ field: StaticString, _ id: String, _ notes: inout [DataQualityNote])
        -> Timestamp?
    {
        guard let i = tape.member(entry, field), tape.kind(i) == .string else { return nil }
        // The epoch "unset" sentinel counts as absent, silently: it parses, it just means nothing.
        if let t = timestamp(i) { return t.isUnsetSentinel ? nil : t }
        let raw = tape.string(i) ?? ""
        notes.append(DataQualityNote(kind: .invalidTime, detail: "\(id) \(field) \"\(raw.prefix(40))\""))
        return nil
    }

    /// An annotation string; empty counts as absent, like a missing one.
    private func annotation(_ scope: Annotations, _ name: StaticString) -> String? {
        if let own = annotation(scope.own, name) { return own }
        return scope.list.flatMap { annotation($0, name) }
    }

    private func annotation(_ object: Int, _ name: StaticString) -> String? {
        tape.member(object, name).flatMap(tape.string).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A task or aggregate time; the epoch "unset" sentinel counts as absent.
    private func time(_ i: Int?) -> Timestamp? {
        i.flatMap(timestamp).flatMap { $0.isUnsetSentinel ? nil : $0 }
    }

    /// Parses straight from the document's bytes: no String is made for the common case.
    private func timestamp(_ i: Int) -> Timestamp? {
        if let raw = tape.rawStringBytes(i) { return Timestamp(iso8601Bytes: raw) }
        return tape.string(i).flatMap { Timestamp(iso8601: $0) }
    }
}

/// A walk over one sorted part of a StageResult (a map's keys or a host list), in step with
/// the sorted union of all parts.
private struct Cursor {
    let keys: [String]
    let values: [Int]?
    private var next = 0

    init(keys: [String], values: [Int]?) {
        self.keys = keys
        self.values = values
    }

    /// When the part's next key is `id` (it is never smaller): consumes it and returns its
    /// value (`.some(nil)` for a list, which has none); otherwise `nil`.
    mutating func take(_ id: String) -> Int?? {
        guard next < keys.count, keys[next] == id else { return nil }
        defer { next += 1 }
        return .some(values?[next])
    }
}

/// The host lists a host is in.
private struct HostListSet {
    private var bits: UInt8 = 0

    mutating func insert(_ list: HostList) { bits |= 1 << Self.bit(list) }
    func contains(_ list: HostList) -> Bool { bits & 1 << Self.bit(list) != 0 }
    var count: Int { bits.nonzeroBitCount }
    /// `successful_hosts and failed_hosts`, in `HostList.allCases` order.
    var names: String { HostList.allCases.filter(contains).map(\.rawValue).joined(separator: " and ") }

    private static func bit(_ list: HostList) -> UInt8 {
        switch list {
        case .successful: 0
        case .failed: 1
        case .skipped: 2
        }
    }
}
