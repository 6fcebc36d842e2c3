import StageModel

/// Recognises the three document kinds and normalises each into a `StageRun`.
///
/// | kind | recognised by | StageResult |
/// |---|---|---|
/// | `/api` task info | object `result`/`target`, string `service`/`operation`, or `status` + `cancelable` | `result` |
/// | `/rest` task info | `{"value": {task info}}` | `value.result` |
/// | bare StageResult | `commit` and `host_status` | the object |
struct DocumentClassifier {
    var defaults: DocumentDefaults

    func classify(_ tape: JSONTape, root: Int, source: DocumentSource) -> DocumentOutcome {
        guard tape.kind(root) == .object else {
            return .rejected("expected a JSON object, found \(tape.typeName(root))")
        }
        if let task = taskInfo(tape, root) {
            return classifyTask(
                tape, task: task.index, annotations: Annotations(own: root), prefix: task.prefix,
                source: source)
        }
        if tape.member(root, "commit") != nil, tape.member(root, "host_status") != nil {
            return classifyResult(
                tape, result: root, task: nil, annotations: Annotations(own: root), prefix: "",
                source: source)
        }
        if let tasks = taskList(tape, root) { return .taskList(tasks) }
        return .rejected(
            "not a stage document: no result, service, operation or target member, no task info in value, "
                + "and no commit with host_status"
        )
    }

    /// The task info object, directly or inside `value`, with the field-path prefix to report.
    func taskInfo(_ tape: JSONTape, _ root: Int) -> (index: Int, prefix: String)? {
        if isTaskInfo(tape, root) { return (root, "") }
        if let value = tape.member(root, "value"), isTaskInfo(tape, value) { return (value, "value.") }
        return nil
    }

    /// A member identifies a task info only with its model's type (report-semantics §1): a
    /// `package.json` with a `target` string is not a task. A `result` a serializer flattened
    /// into a string still identifies one.
    func isTaskInfo(_ tape: JSONTape, _ i: Int) -> Bool {
        guard tape.kind(i) == .object else { return false }
        if let r = tape.member(i, "result"), tape.kind(r) == .object || SerializerFlattening.isFlattened(tape, r) {
            return true
        }
        if let s = tape.member(i, "service"), tape.kind(s) == .string { return true }
        if let o = tape.member(i, "operation"), tape.kind(o) == .string { return true }
        if let t = tape.member(i, "target"), tape.kind(t) == .object { return true }
        return tape.member(i, "status") != nil && tape.member(i, "cancelable") != nil
    }

    /// One task of a task list; the task's own annotations win over the list's.
    func classifyListedTask(_ tape: JSONTape, _ task: ListedTask, list: Int, source: DocumentSource) -> DocumentOutcome
    {
        classifyTask(
            tape, task: task.task, annotations: Annotations(own: task.annotations, list: list), prefix: "",
            source: source)
    }

    /// `stage$task` (what vCenter writes) or `stage`, in any letter case.
    static func isStageOperation(_ tape: JSONTape, _ op: Int) -> Bool {
        if let raw = tape.rawStringBytes(op), raw.elementsEqual("stage$task".utf8) { return true }
        guard let name = tape.string(op)?.lowercased() else { return false }
        return name == "stage$task" || name == "stage"
    }

    private func classifyTask(
        _ tape: JSONTape, task: Int, annotations: Annotations, prefix: String,
        source: DocumentSource
    ) -> DocumentOutcome {
        if let op = tape.member(task, "operation"), !tape.isNull(op) {
            guard DocumentClassifier.isStageOperation(tape, op) else { return .otherOperation }
        }
        guard let result = tape.member(task, "result"), !tape.isNull(result),
            !SerializerFlattening.isFlattened(tape, result)
        else {
            // A stage task without a result is still a run: one that failed before any host
            // result was saved, or has not finished (report-semantics §3).
            let flattened = tape.member(task, "result").map { SerializerFlattening.isFlattened(tape, $0) } ?? false
            let builder = RunBuilder(tape: tape, defaults: defaults, source: source)
            return .run(
                builder.build(
                    commit: nil, result: nil, task: task, annotations: annotations, hostInfo: nil, hostStatus: nil,
                    lists: HostLists(), flattened: flattened ? [prefix + "result"] : []))
        }
        guard tape.kind(result) == .object else {
            return .rejected("\(prefix)result: expected an object, found \(tape.typeName(result))")
        }
        return classifyResult(
            tape, result: result, task: task, annotations: annotations,
            prefix: prefix + "result.", source: source)
    }

    private func classifyResult(
        _ tape: JSONTape, result: Int, task: Int?, annotations: Annotations,
        prefix: String, source: DocumentSource
    ) -> DocumentOutcome {
        guard let commitIndex = tape.member(result, "commit") else { return .rejected("\(prefix)commit: missing") }
        guard let commit = tape.string(commitIndex) else {
            return .rejected("\(prefix)commit: expected a string, found \(tape.typeName(commitIndex))")
        }
        var maps: [String: StageMap] = [:]
        var flattened: [String] = []
        for name in ["host_info", "host_status"] {
            guard let i = memberNamed(tape, result, name), !tape.isNull(i) else { continue }
            if SerializerFlattening.isFlattened(tape, i) {
                flattened.append(prefix + name)
                continue
            }
            guard let map = StageMap(tape, i) else {
                return .rejected("\(prefix)\(name): expected an object or a key/value list, found \(tape.typeName(i))")
            }
            maps[name] = map
        }
        var lists = HostLists()
        for list in HostList.allCases {
            guard let i = memberNamed(tape, result, list.rawValue), !tape.isNull(i) else { continue }
            if SerializerFlattening.isFlattened(tape, i) {
                flattened.append(prefix + list.rawValue)
                continue
            }
            guard tape.kind(i) == .array else {
                return .rejected("\(prefix)\(list.rawValue): expected an array, found \(tape.typeName(i))")
            }
            var members: [String] = []
            // Sized first: grown one append at a time, a list of 20 hosts was reallocated five times.
            members.reserveCapacity(tape.childCount(i))
            for e in tape.elements(i) { if let id = tape.string(e) { members.append(id) } }
            lists[list] = SortedIDs(members)
        }
        let builder = RunBuilder(tape: tape, defaults: defaults, source: source)
        return .run(
            builder.build(
                commit: commit, result: result, task: task, annotations: annotations,
                hostInfo: maps["host_info"], hostStatus: maps["host_status"], lists: lists,
                flattened: flattened))
    }

    /// `tape.member` takes a StaticString for speed; this covers the few names chosen at run time.
    private func memberNamed(_ tape: JSONTape, _ object: Int, _ name: String) -> Int? {
        switch name {
        case "host_info": return tape.member(object, "host_info")
        case "host_status": return tape.member(object, "host_status")
        case "successful_hosts": return tape.member(object, "successful_hosts")
        case "failed_hosts": return tape.member(object, "failed_hosts")
        case "skipped_hosts": return tape.member(object, "skipped_hosts")
        default: return nil
        }
    }
}

/// The three host lists of a StageResult.
enum HostList: String, CaseIterable {
    case successful = "successful_hosts"
    case failed = "failed_hosts"
    case skipped = "skipped_hosts"

    /// The list an outcome belongs in; `timed_out` belongs in `failed_hosts`.
    static func expected(for outcome: HostOutcome) -> HostList? {
        switch outcome {
        case .succeeded: return .successful
        case .failed, .timedOut: return .failed
        case .skipped: return .skipped
        case .inProgress, .unknown: return nil
        }
    }
}

/// The three lists as sorted sets; a missing list is empty.
struct HostLists {
    var successful = SortedIDs([])
    var failed = SortedIDs([])
    var skipped = SortedIDs([])

    subscript(_ list: HostList) -> SortedIDs {
        get {
            switch list {
            case .successful: return successful
            case .failed: return failed
            case .skipped: return skipped
            }
        }
        set {
            switch list {
            case .successful: successful = newValue
            case .failed: failed = newValue
            case .skipped: skipped = newValue
            }
        }
    }
}
