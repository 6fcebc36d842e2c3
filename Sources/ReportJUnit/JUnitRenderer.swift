import ReportCore
import StageAggregation
import StageModel

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

    public init(split: JUnitSplit = .none, hostname: String = "localhost") {
        self.split = split
        self.hostname = hostname
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
/// Files are streamed suite by suite through libxml2's `xmlTextWriter` into a temporary file
/// that is renamed into place when complete, so memory does not grow with the number of cases
/// and a failed write never leaves a partial file behind.
///
/// A suite with no cases is still written (`tests="0"`, valid everywhere), but Jenkins drops
/// such suites, and its `junit` step fails on a file without any case unless
/// `allowEmptyResults` is set. With no runs at all, `junit.xml` is an empty `<testsuites/>`
/// and the split layout writes no file.
public struct JUnitRenderer: Sendable {
    public static let fileName = "junit.xml"
    public static let splitDirectoryName = "junit"

    public var options: JUnitOptions

    public init(options: JUnitOptions = JUnitOptions()) {
        self.options = options
    }

    /// Writes DIR/junit.xml (split none) or DIR/junit/TEST-<safe name>.xml per cluster; returns
    /// the paths written. Creates DIR (and DIR/junit) when missing.
    ///
    /// `runs` must be in canonical order without duplicates, as `ReportPipeline` returns them:
    /// an array, or any random-access collection that decodes runs on access (the pipeline's
    /// spooled runs). Grouping by cluster reads only the runs' identities; each run is decoded
    /// once, to write it, and never kept, so memory holds one run at a time.
    /// Throws `OutputError` naming the file or directory that could not be written.
    public func write<Runs: RunCollection>(summary: Summary, runs: Runs, to directory: String) throws -> [String] {
        let groups = JUnitClusterGroup.groups(summary: summary, runs: runs)
        let extra = JUnitRenderer.gateProperties(summary.gates)
        let hostname = JUnitText.nonBlankToken(options.hostname) ?? "localhost"
        try JUnitOutputDirectory.create(directory)
        switch options.split {
        case .none:
            let path = JUnitOutputDirectory.join(directory, JUnitRenderer.fileName)
            try writeFile(path, groups: groups, runs: runs, hostname: hostname, extra: extra)
            return [path]
        case .cluster:
            let junitDirectory = JUnitOutputDirectory.join(directory, JUnitRenderer.splitDirectoryName)
            try JUnitOutputDirectory.createOwned(junitDirectory)
            let names = JUnitFileNames.names(for: groups.map { ($0.vcenter, $0.clusterID) })
            var written: [String] = []
            for (group, name) in zip(groups, names) {
                let path = JUnitOutputDirectory.join(junitDirectory, name)
                try writeFile(path, groups: [group], runs: runs, hostname: hostname, extra: extra)
                written.append(path)
            }
            return written
        }
    }

    private func writeFile<Runs: RunCollection>(
        _ path: String, groups: [JUnitClusterGroup], runs: Runs, hostname: String, extra: [(name: String, value: String)]
    ) throws(OutputError) {
        let file = try AtomicFile(path: path)
        let xml = try XMLStreamWriter(file: file)
        try xml.startDocument()
        // The Ant schema allows no attribute at all on <testsuites>.
        try xml.startElement("testsuites")
        var id = 0
        for group in groups {
            for index in group.runIndices {
                let suite = JUnitSuiteWriter(run: runs[index], displayName: group.displayName, id: id,
                                             hostname: hostname, extraProperties: extra)
                try suite.write(to: xml)
                id += 1
            }
        }
        try xml.endElement()
        try xml.finish()
        try file.commit()
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
