/// Decides every run of the fleet. Each (cluster, night) draws from its own random stream, so
/// runs can be planned in any order and on any thread and still come out the same.
struct SampleRunPlanner: Sendable {
    let inventory: SampleInventory

    /// The documents of one cluster on one night, in the order a collector would save them.
    func documents(vcenter: Int, cluster clusterIndex: Int, night: Int) -> [SampleDocument] {
        let vcenter = inventory.vcenters[vcenter]
        let cluster = vcenter.clusters[clusterIndex]
        let stream = UInt64(vcenter.index) << 20 | UInt64(clusterIndex)
        var rng = SampleRandom(seed: SampleRandom.derive(inventory.seed, 3, stream, UInt64(night)))
        let showcase = SampleShowcase(
            vcenter: vcenter.index, cluster: clusterIndex, night: night,
            clusters: vcenter.clusters.count, nights: inventory.nights)
        var plan = finishedRun(
            cluster: cluster, vcenterName: vcenter.name, night: night,
            showcase: showcase, rng: &rng)

        if showcase.contains(.pending) || rng.chance(SampleRates.pendingTask) {
            plan.task = .pending
            plan.lastUpdateMilliseconds = plan.startMilliseconds - rng.int64(2_000...40_000)
            if plan.form == .bare { plan.form = .api }
            return [SampleDocument(role: .pending, operation: .stage, plan: plan)]
        }
        let failedEarly = cluster.isTroubled ? SampleRates.troubledFailedWithoutResult : SampleRates.failedWithoutResult
        if showcase.contains(.failedWithoutResult) || rng.chance(failedEarly) {
            plan.task = .failed(pluginError: false)
            plan.taskEndMilliseconds = plan.startMilliseconds + rng.int64(2_000...20_000)
            plan.lastUpdateMilliseconds = plan.taskEndMilliseconds
            if plan.form == .bare { plan.form = .api }
            return [SampleDocument(role: .failedWithoutResult, operation: .stage, plan: plan)]
        }
        let lastNight = night == inventory.nights - 1
        let running =
            showcase.contains(.running)
            || rng.chance(lastNight ? SampleRates.runningOnLastNight : SampleRates.runningOtherNight)
        if running {
            plan = plan.snapshot(at: instant(in: plan, rng: &rng), rng: &rng)
        }
        var documents = [SampleDocument(role: .run, operation: .stage, plan: plan)]

        // Duplicates only for task forms: both copies then carry `last_update_time`, which
        // decides which one is kept.
        if !running, plan.form != .bare,
            showcase.contains(.duplicate) || rng.chance(SampleRates.duplicateRun)
        {
            var poll: SampleRunPlan
            if rng.chance(0.7) {
                poll = plan.snapshot(at: instant(in: plan, rng: &rng), rng: &rng)
                poll.form = rng.chance(0.6) ? .api : .rest
            } else {
                poll = plan
                poll.form = plan.form == .api ? .rest : .api
            }
            documents.append(SampleDocument(role: .duplicate, operation: .stage, plan: poll))
        }
        if showcase.contains(.otherOperation) || rng.chance(SampleRates.otherOperation) {
            var other = plan
            other.form = rng.chance(0.7) ? .api : .rest
            other.task = .succeeded
            let operation: SampleDocument.Operation = rng.chance(0.6) ? .scan : .checkCompliance
            documents.append(SampleDocument(role: .otherOperation, operation: operation, plan: other))
        }
        return documents
    }

    /// A moment while the run was still going.
    private func instant(in plan: SampleRunPlan, rng: inout SampleRandom) -> Int64 {
        let span = max(1_000, plan.resultEndMilliseconds - plan.startMilliseconds)
        return plan.startMilliseconds + span / 4 + Int64(rng.unit() * Double(span) * 0.6)
    }

    private func finishedRun(
        cluster: SampleCluster, vcenterName: String, night: Int,
        showcase: SampleShowcase, rng: inout SampleRandom
    ) -> SampleRunPlan {
        let day = inventory.firstDay + Int64(night)
        let start =
            day * SampleClock.millisecondsPerDay + Int64(cluster.startMinute) * 60_000
            + rng.int64(-120_000...300_000)
        var form: SampleWireForm = [.api, .rest, .bare][rng.weighted(SampleRates.wireForms)]
        let annotate = rng.chance(cluster.nameAnnotationRate)
        let eventRoll = rng.unit()
        let outage = cluster.isTroubled ? SampleRates.troubledOutage : SampleRates.outage
        let slow = cluster.isTroubled ? SampleRates.troubledSlowNight : SampleRates.slowNight
        let event: SampleOutcomeDraw.RunEvent =
            eventRoll < outage
            ? .outage
            : (eventRoll < outage + slow ? .slowNight : .none)
        let outcomes = SampleOutcomeDraw(cluster: cluster, night: night, event: event)

        var hosts: [SampleHostRun] = []
        hosts.reserveCapacity(cluster.hosts.count)
        for (index, host) in cluster.hosts.enumerated() where host.isActive(night: night) {
            hosts.append(
                outcomes.hostRun(
                    index: index, host: host, runStart: start,
                    forced: hosts.isEmpty ? showcase.forcedOutcome : nil, rng: &rng))
        }
        if hosts.isEmpty {
            hosts.append(
                outcomes.hostRun(
                    index: 0, host: cluster.hosts[0], runStart: start,
                    forced: showcase.forcedOutcome, rng: &rng))
        }

        let resultEnd = hosts.reduce(start + 1_000) { latest, host in
            host.state.hasEndTime ? max(latest, host.endMilliseconds) : latest
        }
        let lastUpdate = resultEnd + rng.int64(0...12)
        var plan = SampleRunPlan(
            cluster: cluster, vcenterName: vcenterName, night: night, form: form, task: .succeeded,
            startMilliseconds: start, resultEndMilliseconds: resultEnd,
            lastUpdateMilliseconds: lastUpdate, taskEndMilliseconds: lastUpdate + rng.int64(5...40),
            taskProgress: 100, commit: cluster.commit(night: night), hosts: hosts,
            annotateClusterName: annotate, taskNotes: .absent)

        if plan.failedHostCount > 0, rng.chance(SampleRates.failedTaskGivenFailures) {
            let pluginError = rng.chance(0.1)
            plan.task = .failed(pluginError: pluginError)
            if rng.chance(0.3) { plan.taskProgress = rng.int(30...95) }
        }
        switch rng.weighted([40, 30, 30]) {
        case 0: plan.taskNotes = .absent
        case 1: plan.taskNotes = .emptyLists
        default: plan.taskNotes = .plugins(sentinel: rng.chance(0.1))
        }
        if case .failed(pluginError: true) = plan.task { plan.taskNotes = .pluginFailure }
        if showcase.contains(.sentinelTime) {
            plan.taskNotes = .plugins(sentinel: true)
            if form == .bare { form = .api }
            plan.form = form
        }
        if showcase.contains(.duplicate), form == .bare { plan.form = .api }
        addQuirks(to: &plan, showcase: showcase, rng: &rng)
        return plan
    }

    private func addQuirks(
        to plan: inout SampleRunPlan, showcase: SampleShowcase,
        rng: inout SampleRandom
    ) {
        let finished = plan.hosts.indices.filter { plan.hosts[$0].state.isFinal }
        if !finished.isEmpty, showcase.contains(.hostInTwoLists) || rng.chance(SampleRates.hostInTwoLists) {
            let index = rng.pick(finished)
            // Real payloads: failing hosts also listed as skipped, skipped ones also as failed.
            let extra: SampleListSet = plan.hosts[index].state == .skipped ? .failed : .skipped
            plan.quirks.extraList = (index, extra)
        }
        if !finished.isEmpty, showcase.contains(.listDisagrees) || rng.chance(SampleRates.listDisagrees) {
            let index = rng.pick(finished)
            let wrong: SampleListSet
            switch plan.hosts[index].state {
            case .ok, .error, .timedOut: wrong = .skipped
            default: wrong = plan.hosts[index].note?.list == .errors ? .failed : .successful
            }
            plan.quirks.wrongList = (index, wrong)
        }
        if showcase.contains(.missingHostInfo) || rng.chance(SampleRates.missingHostInfo) {
            plan.quirks.missingHostInfo = rng.int(0...(plan.hosts.count - 1))
        }
    }
}
