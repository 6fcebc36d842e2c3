import Files
import JSONOutput
import ReportText
import StageAggregation
import StageModel
import Waivers

/// Writes the Common Test Report Format (`ctrf-report.json`): one test per host outcome of the
/// kept runs, the summary's counts, the window's start and stop (docs/outputs.md, CTRF).
///
/// Only members of the published CTRF schema are written (every object of it forbids others);
/// what vSphere says beyond them goes in the `extra` objects the schema provides for that.
/// Tests come in JUnit's order: clusters by (vCenter, cluster id) in byte order, each
/// cluster's runs latest first, hosts by id. They are streamed to the file as the runs are
/// decoded, one run at a time, so memory does not grow with the number of host outcomes.
///
/// With waivers, a waived failure is a `skipped` test naming its waiver, as in JUnit, so that
/// CI reporters stay green on accepted exceptions; `extra` keeps its vSphere outcome.
public struct CTRFRenderer: Sendable {
    public static let fileName = "ctrf-report.json"
    /// The specification version the document follows (CTRF's root object says "currently 0.0.0").
    public static let specVersion = "0.0.0"
    public static let toolName = "stage-report"

    /// The waivers the summary was made with (`ReportPipeline.Output.waivers`); `nil`: none.
    public var waivers: WaiverJudge?

    public init(waivers: WaiverJudge? = nil) { self.waivers = waivers }

    /// The document in memory (for tests and small fleets).
    public func render<Runs: RunCollection>(summary: Summary, runs: Runs) throws -> [UInt8] {
        var w = JSONWriter(style: .report)
        try encode(summary, runs, into: &w, path: CTRFRenderer.fileName)
        return try w.finish()
    }

    /// Writes DIR/ctrf-report.json atomically, streaming; returns the path. `runs` must be the
    /// kept runs the summary was made from, in canonical order. Throws `FileError` naming the
    /// file, and the error of a stored run that cannot be read back.
    public func write<Runs: RunCollection>(summary: Summary, runs: Runs, to directory: String) throws -> String {
        let path =
            directory.hasSuffix("/") ? directory + CTRFRenderer.fileName : directory + "/" + CTRFRenderer.fileName
        let file = try AtomicFile(path: path)
        var w = JSONWriter(style: .report, streamingTo: file)
        try encode(summary, runs, into: &w, path: path)
        _ = try w.finish()
        try file.commit()
        return path
    }

    private func encode<Runs: RunCollection>(_ s: Summary, _ runs: Runs, into w: inout JSONWriter, path: String)
        throws
    {
        // A run without host outcomes is one test of its own, by its run status (issue 17).
        var planned = CTRFCounts(HostOutcome.allCases.map { ($0, s.outcomes[$0]) })
        for run in s.runsWithoutHosts { planned[CTRFStatus(run.status.countedAs)] += 1 }
        if s.waivers != nil {
            // Waived failures, and waived failed runs without hosts, are skipped tests.
            let waived = s.totals.waived.hostOutcomes + s.totals.waived.runsWithoutHosts
            planned[.failed] -= waived
            planned[.skipped] += waived
        }
        w.beginObject()
        w.key("reportFormat"); w.string("CTRF")
        w.key("specVersion"); w.string(CTRFRenderer.specVersion)
        w.key("timestamp"); w.string(s.generatedAt.iso8601)
        w.key("generatedBy"); w.string(CTRFRenderer.toolName)
        w.key("results"); w.beginObject()
        w.key("tool"); w.beginObject()
        w.key("name"); w.string(CTRFRenderer.toolName)
        w.endObject()
        w.key("summary"); summary(s, planned, &w)
        w.key("tests"); w.beginArray()
        let written = try tests(s, runs, &w)
        w.endArray()
        w.key("environment"); w.beginObject()
        w.key("reportName"); w.string(CTRFMessage.nonBlank(TextSanitizer.clean(s.title)) ?? "Stage report")
        w.endObject()
        w.key("extra"); gates(s.gates, &w)
        w.endObject()
        w.endObject()
        // The counts are written before the tests; check them against what was written, so the
        // two cannot drift apart (the summary and the runs must be of the same report).
        guard written == planned else {
            throw FileError(
                path: path,
                reason: "internal error: the summary counts \(planned.counts) tests but the runs gave \(written.counts)"
            )
        }
    }

    /// Counts by CTRF status; `start` is the first run's start, `stop` the latest start or end
    /// the summary knows (the last run's start, or a cluster's latest run's end when later),
    /// both `generated_at` when there is no run. vSphere's own counts go in `extra`.
    private func summary(_ s: Summary, _ counts: CTRFCounts, _ w: inout JSONWriter) {
        let start = s.window.firstRunStart ?? s.generatedAt
        let ends = s.clusters.compactMap(\.latestRun.end) + [s.window.lastRunStart ?? start]
        let stop = max(ends.max() ?? start, start)
        w.beginObject()
        w.key("tests"); w.int(counts.tests)
        for status in CTRFStatus.allCases {
            w.key(status.rawValue); w.int(counts[status])
        }
        w.key("suites"); w.int(s.clusters.count)
        w.key("start"); w.int(start.milliseconds)
        w.key("stop"); w.int(stop.milliseconds)
        w.key("duration"); w.int(stop.milliseconds - start.milliseconds)
        w.key("extra"); w.beginObject()
        w.key("vcenters"); w.int(s.totals.vcenters)
        w.key("clusters"); w.int(s.totals.clusters)
        w.key("hosts"); w.int(s.totals.hosts)
        w.key("runs"); w.int(s.totals.runs)
        w.key("runStatuses"); w.beginObject()
        for status in RunStatus.allCases {
            w.key(status.rawValue); w.int(s.totals.runStatuses[run: status])
        }
        w.endObject()
        w.key("runsWithoutHosts"); w.int(s.runsWithoutHosts.count)
        w.key("successRate"); w.decimal(s.totals.successRate, decimals: 6)
        w.key("outcomes"); w.beginObject()
        for outcome in HostOutcome.allCases {
            w.key(outcome.rawValue); w.int(s.outcomes[outcome])
        }
        w.endObject()
        w.key("flakyHosts"); w.int(s.flakyHosts.count)
        w.key("failingHosts"); w.int(s.failingHosts.count)
        if s.waivers != nil {
            w.key("waived"); w.beginObject()
            w.key("failed"); w.int(s.totals.waived.failed)
            w.key("timedOut"); w.int(s.totals.waived.timedOut)
            w.key("runsWithoutHosts"); w.int(s.totals.waived.runsWithoutHosts)
            w.endObject()
        }
        w.endObject()
        w.endObject()
    }

    /// Every host outcome of every run, cluster by cluster; returns the counts written.
    private func tests<Runs: RunCollection>(_ s: Summary, _ runs: Runs, _ w: inout JSONWriter) throws -> CTRFCounts {
        var names: [String: String] = [:]
        for c in s.clusters { names[c.vcenter + "\u{0}" + c.id] = c.name }
        var written = CTRFCounts()
        var judged = waivers.map(RunWaiverVerdicts.init)
        let order = try runs.clusterOrder()
        for cluster in order.clusters {
            let name = names[cluster.vcenter + "\u{0}" + cluster.clusterID]
            let suite = CTRFSuite(vcenter: cluster.vcenter, clusterID: cluster.clusterID, clusterName: name)
            try order.forEachRun(in: cluster.positions) { run in
                let verdicts = judged?.verdicts(for: run)
                let waiver = { (position: Int?) in position.map { judged!.set.waivers[$0] } }
                if run.hosts.isEmpty {
                    let by = waiver(verdicts?.run)
                    let status = by == nil ? CTRFStatus(run.runStatus.countedAs) : .skipped
                    written[status] += 1
                    runTest(run, status: status, waivedBy: by, suite: suite, &w)
                }
                for (i, host) in run.hosts.enumerated() {
                    let by = waiver(verdicts?.hosts[i])
                    let status = by == nil ? CTRFStatus(host.outcome) : .skipped
                    written[status] += 1
                    test(host, status: status, waivedBy: by, run: run, suite: suite, &w)
                }
            }
        }
        return written
    }

    private func test(
        _ h: HostResult, status: CTRFStatus, waivedBy waiver: Waiver?, run: StageRun, suite: CTRFSuite,
        _ w: inout JSONWriter
    ) {
        w.beginObject()
        w.key("name"); w.string(CTRFSuite.label(h.name, else: CTRFSuite.label(h.id, else: "(unnamed host)")))
        w.key("status"); w.string(status.rawValue)
        w.key("duration"); w.int(h.durationMilliseconds ?? 0)
        if let start = h.start { w.key("start"); w.int(start.milliseconds) }
        if let end = h.end { w.key("stop"); w.int(end.milliseconds) }
        w.key("suite"); w.beginArray()
        w.string(suite.vcenterLabel)
        w.string(suite.clusterLabel)
        w.endArray()
        if let message = CTRFMessage.message(for: h) {
            w.key("message"); w.string(CTRFMessage.waived(message, by: waiver))
        }
        if let raw = h.status { w.key("rawStatus"); w.string(raw) }
        // As vSphere sent them (JSON-escaped only), for programs.
        w.key("extra"); w.beginObject()
        w.key("vcenter"); w.string(run.vcenter)
        w.key("clusterId"); w.string(run.clusterID)
        w.key("clusterName"); w.string(suite.clusterName)
        w.key("hostId"); w.string(h.id)
        w.key("outcome"); w.string(h.outcome.rawValue)
        w.key("commit"); w.string(run.commit)
        w.key("runStatus"); w.string(run.runStatus.rawValue)
        w.key("taskStatus"); w.string(run.taskStatus)
        w.key("runStart"); w.string(run.start?.iso8601)
        w.key("runEnd"); w.string(run.end?.iso8601)
        if let reason = h.reason {
            w.key("reasonId"); w.string(reason.id)
            if let resolution = reason.resolution { w.key("resolution"); w.string(resolution) }
        }
        waiverExtra(waiver, &w)
        w.endObject()
        w.endObject()
    }

    /// `extra.waiver`: the waiver that waived the test, for programs.
    private func waiverExtra(_ waiver: Waiver?, _ w: inout JSONWriter) {
        guard let waiver else { return }
        w.key("waiver"); w.beginObject()
        w.key("position"); w.int(waiver.position)
        w.key("owner"); w.string(waiver.owner)
        w.key("ticket"); w.string(waiver.ticket)
        w.key("expires"); w.string(waiver.expires.description)
        w.key("justification"); w.string(waiver.justification)
        w.endObject()
    }

    /// A run without hosts: the whole cluster's stage is the test (a task that failed before
    /// reaching any host is a failed test, not a missing one).
    private func runTest(
        _ run: StageRun, status: CTRFStatus, waivedBy waiver: Waiver?, suite: CTRFSuite, _ w: inout JSONWriter
    ) {
        w.beginObject()
        w.key("name"); w.string("cluster stage")
        w.key("status"); w.string(status.rawValue)
        w.key("duration"); w.int(0)
        if let start = run.start { w.key("start"); w.int(start.milliseconds) }
        if let end = run.end { w.key("stop"); w.int(end.milliseconds) }
        w.key("suite"); w.beginArray()
        w.string(suite.vcenterLabel)
        w.string(suite.clusterLabel)
        w.endArray()
        if let reason = run.runReason {
            let text = CTRFMessage.nonBlank(reason.message).map(TextSanitizer.clean) ?? TextSanitizer.clean(reason.id)
            w.key("message"); w.string(CTRFMessage.waived(text, by: waiver))
        }
        if let raw = run.stageStatus ?? run.taskStatus { w.key("rawStatus"); w.string(raw) }
        w.key("extra"); w.beginObject()
        w.key("vcenter"); w.string(run.vcenter)
        w.key("clusterId"); w.string(run.clusterID)
        w.key("clusterName"); w.string(suite.clusterName)
        w.key("runStatus"); w.string(run.runStatus.rawValue)
        w.key("stageStatus"); w.string(run.stageStatus)
        w.key("commit"); w.string(run.commit)
        w.key("taskStatus"); w.string(run.taskStatus)
        w.key("runStart"); w.string(run.start?.iso8601)
        w.key("runEnd"); w.string(run.end?.iso8601)
        if let reason = run.runReason { w.key("reasonId"); w.string(reason.id) }
        waiverExtra(waiver, &w)
        w.endObject()
        w.endObject()
    }

    /// `results.extra.gates`: the quality-gate verdicts, in the order given.
    private func gates(_ gates: [GateResult], _ w: inout JSONWriter) {
        w.beginObject()
        w.key("gates"); w.beginArray()
        for g in gates {
            w.beginObject()
            w.key("name"); w.string(g.name)
            w.key("threshold"); w.string(g.threshold)
            w.key("measured"); w.string(g.measured)
            w.key("passed"); w.bool(g.passed)
            w.key("detail"); w.string(g.detail)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}

/// A cluster's suite path, `[vCenter, cluster]`, made once per cluster.
struct CTRFSuite {
    let vcenterLabel: String
    let clusterLabel: String
    /// The display name, as the summary has it (`nil` when the summary does not list the cluster).
    let clusterName: String?

    init(vcenter: String, clusterID: String, clusterName: String?) {
        vcenterLabel = CTRFSuite.label(vcenter, else: "(no vCenter)")
        let id = CTRFSuite.label(clusterID, else: "(no cluster id)")
        if let clusterName, clusterName != clusterID, let name = CTRFMessage.nonBlank(TextSanitizer.clean(clusterName))
        {
            clusterLabel = "\(name) (\(id))"
        } else {
            clusterLabel = id
        }
        self.clusterName = clusterName
    }

    /// Cleaned text for people, or `fallback` when nothing readable is left.
    static func label(_ s: String, else fallback: String) -> String {
        CTRFMessage.nonBlank(TextSanitizer.clean(s)) ?? fallback
    }
}
