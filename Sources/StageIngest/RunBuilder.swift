import StageModel

/// Turns one validated StageResult (plus its task info and annotations) into a `StageRun`:
/// identity, times, host outcomes, reasons and data-quality notes (report-semantics §1, §2, §5).
struct RunBuilder {
    let tape: JSONTape
    let defaults: DocumentDefaults
    let source: DocumentSource

    func build(commit: String, result: Int, task: Int?, annotations: Int,
               hostInfo: StageMap?, hostStatus: StageMap?, lists: HostLists) -> StageRun {
        var notes: [DataQualityNote] = []
        let vcenter = annotation(annotations, "vcenter") ?? defaults.vcenter ?? ""
        var clusterID = task.flatMap { t in tape.member(t, "target").flatMap { tape.member($0, "id") }.flatMap(tape.string) }
            .flatMap { $0.isEmpty ? nil : $0 }
            ?? annotation(annotations, "cluster") ?? defaults.clusterID
        if clusterID == nil {
            notes.append(DataQualityNote(kind: .unknownCluster, detail: "no target.id, cluster annotation or --cluster"))
            clusterID = "unknown"
        }
        let aggregate = tape.member(result, "status").flatMap { tape.kind($0) == .object ? $0 : nil }

        var hosts: [HostResult] = []
        // Every part is sorted already (maps and lists keep sorted keys): merge them.
        var union = SortedIDs(sortedUnique: hostInfo.map { Array($0.keys) } ?? [])
        union = union.union(SortedIDs(sortedUnique: hostStatus.map { Array($0.keys) } ?? []))
        for list in HostList.allCases { union = union.union(lists[list]) }
        let sortedIDs = union.ids
        hosts.reserveCapacity(sortedIDs.count)
        for id in sortedIDs {
            hosts.append(host(id, hostInfo: hostInfo, hostStatus: hostStatus, lists: lists, notes: &notes))
        }

        let taskStart = task.flatMap { time(tape.member($0, "start_time")) }
        let taskEnd = task.flatMap { time(tape.member($0, "end_time")) }
        let start = taskStart ?? aggregate.flatMap { time(tape.member($0, "start_time")) }
            ?? hosts.compactMap(\.start).min()
        let end = taskEnd ?? aggregate.flatMap { time(tape.member($0, "end_time")) }
            ?? hosts.compactMap(\.end).max()
        let taskStatus = task.flatMap { tape.member($0, "status") }.flatMap(tape.string)
        let isFinished: Bool
        if let taskStatus {
            isFinished = taskStatus == "SUCCEEDED" || taskStatus == "FAILED"
        } else {
            let status = aggregate.flatMap { tape.member($0, "status") }.flatMap(tape.string)
            isFinished = aggregate != nil && status != "RUNNING" && status != "RETRY_PENDING"
        }
        return StageRun(
            source: source, vcenter: vcenter, clusterID: clusterID ?? "unknown",
            clusterName: annotation(annotations, "cluster_name"), commit: commit, taskStatus: taskStatus,
            start: start, end: end, lastUpdate: task.flatMap { time(tape.member($0, "last_update_time")) },
            isFinished: isFinished, hosts: hosts, notes: notes)
    }

    private func host(_ id: String, hostInfo: StageMap?, hostStatus: StageMap?, lists: HostLists,
                      notes: inout [DataQualityNote]) -> HostResult {
        let info = hostInfo?[id]
        let name = info.flatMap { tape.member($0, "name") }.flatMap(tape.string).flatMap { $0.isEmpty ? nil : $0 } ?? id
        let entry = hostStatus?[id].flatMap { tape.kind($0) == .object ? $0 : nil }
        let inLists = HostList.allCases.filter { lists[$0].contains(id) }
        if inLists.count > 1 {
            notes.append(DataQualityNote(kind: .hostInSeveralLists,
                                         detail: "\(id) in \(inLists.map(\.rawValue).joined(separator: " and "))"))
        }
        if hostStatus?[id] != nil, info == nil {
            notes.append(DataQualityNote(kind: .statusWithoutHostInfo, detail: "\(id) has a status but no host_info"))
        }
        guard let entry else {
            let outcome: HostOutcome = inLists.contains(.failed) ? .failed
                : inLists.contains(.skipped) ? .skipped
                : inLists.contains(.successful) ? .succeeded : .inProgress
            let reason: Reason? = outcome == .failed ? Reason(id: Reason.unspecified)
                : outcome == .skipped ? Reason(id: Reason.unspecified) : nil
            return HostResult(id: id, name: name, outcome: outcome, reason: reason)
        }
        let status = tape.member(entry, "status").flatMap(tape.string)
        let outcome = HostOutcome(stageStatus: status)
        if !inLists.isEmpty, let expected = HostList.expected(for: outcome), !inLists.contains(expected) {
            notes.append(DataQualityNote(kind: .listDisagreesWithStatus,
                                         detail: "\(id) is \(status ?? "?") but in \(inLists.map(\.rawValue).joined(separator: " and "))"))
        }
        let start = hostTime(entry, "start_time", id, &notes)
        let end = hostTime(entry, "end_time", id, &notes)
        return HostResult(id: id, name: name, outcome: outcome, status: status, start: start, end: end,
                          reason: reason(for: outcome, entry: entry))
    }

    /// A host time; a string that does not parse is counted as `invalid-time` and treated as absent.
    private func hostTime(_ entry: Int, _ field: StaticString, _ id: String, _ notes: inout [DataQualityNote]) -> Timestamp? {
        guard let i = tape.member(entry, field), tape.kind(i) == .string else { return nil }
        // The epoch "unset" sentinel counts as absent, silently: it parses, it just means nothing.
        if let t = timestamp(i) { return t.isUnsetSentinel ? nil : t }
        let raw = tape.string(i) ?? ""
        notes.append(DataQualityNote(kind: .invalidTime, detail: "\(id) \(field) \"\(raw.prefix(40))\""))
        return nil
    }

    /// The skip or failure reason: the first notification in the lists that apply (§5).
    private func reason(for outcome: HostOutcome, entry: Int) -> Reason? {
        let order: [StaticString]
        switch outcome {
        case .skipped: order = ["errors", "warnings", "info"]
        case .failed, .timedOut: order = ["errors", "warnings"]
        default: return nil
        }
        let notifications = tape.member(entry, "notifications")
        for list in order {
            guard let n = notifications, let items = tape.member(n, list) else { continue }
            for item in tape.elements(items) {
                guard let idIndex = tape.member(item, "id"), let id = tape.string(idIndex) else { continue }
                return Reason(id: id, message: defaultMessage(tape.member(item, "message")),
                              resolution: defaultMessage(tape.member(item, "resolution")))
            }
        }
        return Reason(id: outcome == .timedOut ? Reason.timedOut : Reason.unspecified)
    }

    private func defaultMessage(_ i: Int?) -> String? {
        i.flatMap { tape.member($0, "default_message") }.flatMap(tape.string)
    }

    /// An annotation string; empty counts as absent, like a missing one.
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
