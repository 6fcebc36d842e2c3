import Files
import StageAggregation
import StageModel
import Workers

/// How the JUnit output is laid out on disk.
public enum JUnitSplit: String, Sendable, CaseIterable {
    /// One file, `DIR/junit.xml`.
    case none
    /// One file per cluster, `DIR/junit/TEST-<safe name>.xml` (see `JUnitFileNames`).
    case cluster
}

public struct JUnitOptions: Sendable {
    public var split: JUnitSplit = .none
    /// The suites' `hostname`: the machine that produced the report. Blank becomes `localhost`.
    public var hostname: String = "localhost"
    /// Threads that render suites; the calling thread writes them to the file in order. The
    /// output is the same for any number; 1 renders on the calling thread. Default: the number
    /// of active processors.
    public var workers: Int = OrderedParallelMap.defaultWorkers
    /// Suites rendered together as one piece of work. Memory holds at most about two pieces per
    /// worker, whatever the size of the file; the output does not depend on it.
    public var suitesPerChunk: Int = 128

    public init(
        split: JUnitSplit = .none, hostname: String = "localhost",
        workers: Int = OrderedParallelMap.defaultWorkers, suitesPerChunk: Int = 128
    ) {
        self.split = split
        self.hostname = hostname
        self.workers = workers
        self.suitesPerChunk = suitesPerChunk
    }
}

/// Writes stage runs as JUnit XML that validates against both the Jenkins xUnit `junit-10.xsd`
/// and the Ant `JUnit.xsd` (the intersection profile of junit-conventions §1.7 and §5).
///
/// Mapping (issue 3): one `<testsuite>` per run and one `<testcase>` per host outcome.
/// - Suite `name` is the cluster's display name from the summary, `package` the vCenter;
///   case `classname` is `<vcenter>.<cluster id>` with dots in the cluster id turned into `_`
///   (see `JUnitIdentity`), and case `name` the host's display name. No time or commit is in
///   a name; they are in the suite's properties.
/// - `failed` → `<failure>`, `timed_out` and `unknown` → `<error>`, `skipped` and
///   `in_progress` → `<skipped>`; see `JUnitCase`.
/// - Suite `timestamp` is the run start in UTC without a zone; a run without a start gets the
///   epoch, `1970-01-01T00:00:00` (see `JUnitTime`). Suite `time` is the run's wall-clock
///   duration, case `time` the host's; both with exactly three decimals.
/// - Properties: `vcenter`, `cluster.id`, `cluster.name`, `commit`, `task.status`,
///   `run.start`, `run.end` (empty when unknown), then `gate.<name>` per quality gate.
///
/// Order: clusters by (vCenter, cluster id) in byte order, and each cluster's suites **latest
/// run first** (the reverse of canonical order). One file holds several nightly runs of a
/// cluster with the same (suite, classname, name) identities; GitLab keeps only the first of
/// duplicate identities, so the one it keeps is the latest outcome. Suite `id`s count 0, 1, …
/// in file order.
///
/// Suites are rendered a chunk at a time on `workers` threads, each chunk by its own libxml2
/// `xmlTextWriter` into memory, and the calling thread writes the chunks in file order into a
/// temporary file that is renamed into place when complete (see `JUnitFilePlan`). Only a few
/// chunks exist at a time, so memory does not grow with the number of cases, and a failed
/// write never leaves a partial file behind.
///
/// A suite with no cases is still written (`tests="0"`, valid everywhere), but Jenkins drops
/// such suites, and its `junit` step fails on a file without any case unless
/// `allowEmptyResults` is set. With no runs at all, `junit.xml` is an empty `<testsuites/>`
/// and the split layout writes no file.
public struct JUnitRenderer: Sendable {
    public static let fileName = "junit.xml"
    public static let splitDirectoryName = "junit"

    public var options: JUnitOptions
    /// With a waiver file: a waived failure is written as a skipped case naming its waiver
    /// (docs/waivers.md); the runs are judged again as they are read.
    public var waivers: WaiverJudge?

    public init(options: JUnitOptions = JUnitOptions(), waivers: WaiverJudge? = nil) {
        self.options = options
        self.waivers = waivers
    }

    /// Writes DIR/junit.xml (split none) or DIR/junit/TEST-<safe name>.xml per cluster; returns
    /// the paths written. Creates DIR (and DIR/junit) when missing.
    ///
    /// `runs` must be in canonical order without duplicates, as `ReportPipeline` returns them:
    /// an array, or the pipeline's `StoredRuns`, which decode runs on access. Their cluster
    /// order (`RunCollection.clusterOrder`) gives the suites' order without decoding a run;
    /// each run is decoded once, on a worker thread, to write it, and never kept, so memory
    /// holds a few chunks' runs and bytes at a time. Throws `FileError` naming the file or
    /// directory that could not be written, and the error of a stored run that cannot be
    /// read back.
    public func write<Runs: RunCollection & Sendable>(summary: Summary, runs: Runs, to directory: String) throws
        -> [String]
    {
        let order = try runs.clusterOrder()
        let groups = try JUnitClusterGroup.groups(summary: summary, order: order)
        let extra =
            JUnitRenderer.gateProperties(summary.gates) + (summary.changes.map(JUnitChangeProperties.totals) ?? [])
        let hostname = JUnitText.nonBlankToken(options.hostname) ?? "localhost"
        let matchers = waivers.map(JUnitMatcherPool.init(judge:))
        func plan(_ path: String, _ groups: [JUnitClusterGroup]) -> JUnitFilePlan<Runs.ClusterOrder> {
            var plan = JUnitFilePlan(
                path: path, groups: groups, order: order, hostname: hostname, extraProperties: extra,
                suitesPerChunk: options.suitesPerChunk)
            plan.waivers = matchers
            return plan
        }
        try JUnitOutputDirectory.create(directory)
        switch options.split {
        case .none:
            return try write([plan(JUnitOutputDirectory.join(directory, JUnitRenderer.fileName), groups)])
        case .cluster:
            let junitDirectory = JUnitOutputDirectory.join(directory, JUnitRenderer.splitDirectoryName)
            try JUnitOutputDirectory.createOwned(junitDirectory)
            let names = JUnitFileNames.names(for: groups.map { ($0.vcenter, $0.clusterID) })
            return try write(
                zip(groups, names).map { group, name in
                    plan(JUnitOutputDirectory.join(junitDirectory, name), [group])
                })
        }
    }

    /// Renders the chunks of every file on the workers, one pool for all files (a split layout
    /// has many small files), and writes them here in order, file after file. Each `AtomicFile`
    /// is created and committed on the calling thread, which carries the output batch; the
    /// first error in file order is the one thrown.
    private func write<Order: ClusterOrderedRuns>(_ files: [JUnitFilePlan<Order>]) throws(FileError) -> [String] {
        var pieces: [(file: Int, chunk: Int)] = []
        for (f, plan) in files.enumerated() {
            for c in 0..<plan.chunkCount { pieces.append((f, c)) }
        }
        JUnitLibXML.initialize()
        var file: AtomicFile?
        let pool = JUnitBufferPool()
        try OrderedParallelMap.forEach(count: pieces.count, workers: options.workers) { [pieces] index in
            files[pieces[index].file].render(chunk: pieces[index].chunk, reusing: pool.take())
        } consume: { (index, result) throws(FileError) in
            let (f, c) = pieces[index]
            let plan = files[f]
            let last = c == plan.chunkCount - 1
            if c == 0 { file = try AtomicFile(path: plan.path) }
            guard let output = file else { preconditionFailure("chunks arrive in order, each file's first one first") }
            let chunk = try result.get()
            try output.write(chunk.bytes(first: c == 0, last: last))
            pool.give(chunk.document)
            if last {
                try output.commit()
                file = nil
            }
        }
        return files.map(\.path)
    }

    /// `gate.<name>` → `passed|failed; measured …; threshold …[; detail]`, in the order the
    /// gates were given. A name already taken gets `.2`, `.3`, … so names stay unique
    /// (xunitparser asserts that they are).
    static func gateProperties(_ gates: [GateResult]) -> [(name: String, value: String)] {
        var taken = Set<String>()
        return gates.map { gate in
            let base = "gate." + (JUnitText.nonBlankToken(gate.name) ?? "unnamed")
            var name = base
            var n = 2
            while !taken.insert(name).inserted {
                name = base + ".\(n)"
                n += 1
            }
            var value = (gate.passed ? "passed" : "failed") + "; measured \(gate.measured); threshold \(gate.threshold)"
            if let detail = JUnitText.nonBlank(gate.detail) { value += "; " + detail }
            return (name, value)
        }
    }
}
