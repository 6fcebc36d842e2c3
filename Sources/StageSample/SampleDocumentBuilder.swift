import JSONOutput

/// Renders planned documents as JSON bytes in one of the three wire forms. Member order is
/// fixed (the same plan always gives the same bytes); pretty and compact output differ only
/// in whitespace.
struct SampleDocumentBuilder {
    var json: JSONWriter
    /// The form of the document being written: decides how maps are written.
    private(set) var form: SampleWireForm = .api

    init(pretty: Bool, capacity: Int = 1 << 16) {
        json = JSONWriter(style: pretty ? .collector : .collectorLine, capacity: capacity)
    }

    /// Appends one document (no trailing newline) to `json.bytes`.
    mutating func append(_ document: SampleDocument) {
        let plan = document.plan
        form = plan.form
        json.beginObject()
        switch plan.form {
        case .api:
            taskMembers(document)
        case .rest:
            json.key("value")
            json.beginObject()
            taskMembers(document)
            json.endObject()
        case .bare:
            resultMembers(plan)
        }
        // Collector annotations, next to `value` in the /rest form.
        json.key("vcenter")
        json.string(plan.vcenterName)
        if plan.form == .bare {
            json.key("cluster")
            json.string(plan.cluster.id)
        }
        if plan.annotateClusterName {
            json.key("cluster_name")
            json.string(plan.cluster.displayName)
        }
        json.endObject()
    }

    // MARK: Task info

    private mutating func taskMembers(_ document: SampleDocument) {
        let plan = document.plan
        json.key("description")
        message(SampleMessages.taskDescription)
        json.key("service")
        switch document.operation {
        case .stage, .scan: json.string("com.vmware.esx.settings.clusters.software")
        case .checkCompliance: json.string("com.vmware.esx.settings.clusters.configuration")
        }
        json.key("operation")
        switch document.operation {
        case .stage: json.string("stage$task")
        case .scan: json.string("scan$task")
        case .checkCompliance: json.string("check_compliance$task")
        }
        json.key("parent")
        json.string("")
        json.key("target")
        json.beginObject()
        json.key("type")
        json.string("ClusterComputeResource")
        json.key("id")
        json.string(plan.cluster.id)
        json.endObject()
        if document.operation != .stage {
            otherOperationMembers(plan, operation: document.operation)
            return
        }
        json.key("status")
        switch plan.task {
        case .succeeded: json.string("SUCCEEDED")
        case .failed: json.string("FAILED")
        case .running: json.string("RUNNING")
        case .pending: json.string("PENDING")
        }
        json.key("cancelable")
        json.bool(!plan.isFinished)
        if document.role == .failedWithoutResult {
            taskError(SampleMessages.depotUnreachable, type: "ERROR", restClass: "error")
        } else if case let .failed(pluginError) = plan.task {
            taskError(pluginError: pluginError)
        }
        if plan.task != .pending {
            json.key("start_time")
            json.timestamp(milliseconds: plan.startMilliseconds)
            if plan.isFinished {
                json.key("end_time")
                json.timestamp(milliseconds: plan.taskEndMilliseconds)
            }
        }
        json.key("user")
        json.string(
            plan.cluster.vcenterIndex % 3 == 2
                ? "svc-vlcm-stage@CORP.EXAMPLE.COM"
                : "Administrator@VSPHERE.LOCAL")
        json.key("last_update_time")
        json.timestamp(milliseconds: plan.lastUpdateMilliseconds)
        guard plan.task != .pending, document.role != .failedWithoutResult else { return }
        json.key("progress")
        progress(plan.taskProgress)
        taskNotifications(plan)
        json.key("result")
        json.beginObject()
        resultMembers(plan)
        json.endObject()
    }

    private mutating func taskError(pluginError: Bool) {
        taskError(
            pluginError ? SampleMessages.pluginFailed : SampleMessages.stageFailed,
            type: pluginError ? "INTERNAL_SERVER_ERROR" : "ERROR",
            restClass: pluginError ? "internal_server_error" : "error")
    }

    private mutating func taskError(_ text: SampleMessage, type: StaticString, restClass: StaticString) {
        json.key("error")
        json.beginObject()
        if form == .rest {
            json.key("@class")
            json.string("com.vmware.vapi.std.errors.\(restClass)")
        }
        json.key("error_type")
        json.string(type)
        json.key("messages")
        json.beginArray()
        message(text)
        json.endArray()
        json.endObject()
    }

    mutating func progress(_ completed: Int) {
        json.beginObject()
        json.key("total")
        json.int(100)
        json.key("completed")
        json.int(completed)
        json.key("message")
        message(SampleMessages.taskProgress)
        json.endObject()
    }

    // MARK: StageResult

    private mutating func resultMembers(_ plan: SampleRunPlan) {
        json.key("commit")
        json.decimalString(plan.commit)
        json.key("host_info")
        beginMap()
        for (index, run) in plan.hosts.enumerated() where plan.quirks.missingHostInfo != index {
            let host = plan.cluster.hosts[run.host]
            openEntry(host.id)
            json.beginObject()
            json.key("name")
            json.string(host.name)
            if host.isWitness {
                json.key("is_vsan_witness")
                json.bool(true)
            }
            json.endObject()
            closeEntry()
        }
        endMap()
        json.key("host_status")
        beginMap()
        for run in plan.hosts {
            guard let status = run.state.wireName else { continue }
            openEntry(plan.cluster.hosts[run.host].id)
            hostStatus(run, status: status, plan: plan)
            closeEntry()
        }
        endMap()
        hostList("successful_hosts", .successful, plan)
        hostList("failed_hosts", .failed, plan)
        hostList("skipped_hosts", .skipped, plan)
        if plan.isFinished { aggregateStatus(plan) }
    }

    private mutating func hostStatus(_ run: SampleHostRun, status: StaticString, plan: SampleRunPlan) {
        json.beginObject()
        json.key("status")
        json.string(status)
        if let completed = run.progress {
            json.key("progress")
            progress(completed)
        }
        json.key("start_time")
        json.timestamp(milliseconds: run.startMilliseconds)
        if run.state.hasEndTime {
            json.key("end_time")
            json.timestamp(milliseconds: run.endMilliseconds)
        }
        json.key("notifications")
        hostNotifications(run, plan: plan)
        json.endObject()
    }

    private mutating func hostList(_ name: StaticString, _ list: SampleListSet, _ plan: SampleRunPlan) {
        json.key(name)
        json.beginArray()
        for index in plan.hosts.indices where plan.lists(of: index).contains(list) {
            json.string(plan.cluster.hosts[plan.hosts[index].host].id)
        }
        json.endArray()
    }

    private mutating func aggregateStatus(_ plan: SampleRunPlan) {
        json.key("status")
        json.beginObject()
        json.key("status")
        json.string(plan.aggregateStatus)
        json.key("start_time")
        json.timestamp(milliseconds: plan.startMilliseconds)
        json.key("end_time")
        json.timestamp(milliseconds: plan.resultEndMilliseconds)
        json.key("notifications")
        json.beginObject()
        let failed = plan.failedHostCount
        if failed > 0 {
            var context = SampleNoteContext(
                hostName: "", vcenterName: plan.vcenterName,
                commit: plan.commit, variant: 0)
            context.failedHosts = failed
            context.totalHosts = plan.hosts.count
            json.key("errors")
            json.beginArray()
            notification(
                .summaryFailed, context: context, flags: [],
                time: plan.resultEndMilliseconds - 1)
            json.endArray()
        }
        json.endObject()
        json.endObject()
    }

    // MARK: Maps in both wire forms

    /// `/api` writes a map as an object; `/rest` as a list of `{"key": K, "value": V}`.
    mutating func beginMap() {
        if form == .rest { json.beginArray() } else { json.beginObject() }
    }

    mutating func endMap() {
        if form == .rest { json.endArray() } else { json.endObject() }
    }

    mutating func openEntry(_ key: String) {
        if form == .rest {
            json.beginObject()
            json.key("key")
            json.string(key)
            json.key("value")
        } else {
            json.key(key)
        }
    }

    mutating func closeEntry() {
        if form == .rest { json.endObject() }
    }
}
