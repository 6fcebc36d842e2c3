import ReportCore

/// The suites of one JUnit file in file order, cut into chunks of `suitesPerChunk` that any
/// thread can render (`render(chunk:)`); `JUnitRenderer` writes the chunks in order.
///
/// A suite's `id` is its position in the file, so a chunk's first id is known up front
/// (`chunk × suitesPerChunk`) and chunks need nothing from each other.
struct JUnitFilePlan<Runs: RunCollection & Sendable>: Sendable {
    /// A suite: the run it shows and the cluster group it belongs to.
    private struct Suite {
        var run: Int
        var group: Int
    }

    let path: String
    let runs: Runs
    let hostname: String
    let extraProperties: [(name: String, value: String)]
    let suitesPerChunk: Int
    private let displayNames: [String?]
    private let suites: [Suite]

    init(path: String, groups: [JUnitClusterGroup], runs: Runs, hostname: String,
         extraProperties: [(name: String, value: String)], suitesPerChunk: Int) {
        self.path = path
        self.runs = runs
        self.hostname = hostname
        self.extraProperties = extraProperties
        self.suitesPerChunk = max(1, suitesPerChunk)
        displayNames = groups.map(\.displayName)
        var suites: [Suite] = []
        suites.reserveCapacity(groups.reduce(0) { $0 + $1.runIndices.count })
        for (g, group) in groups.enumerated() {
            for run in group.runIndices { suites.append(Suite(run: run, group: g)) }
        }
        self.suites = suites
    }

    /// At least one: a file without suites is one chunk that writes `<testsuites/>`.
    var chunkCount: Int { max(1, (suites.count + suitesPerChunk - 1) / suitesPerChunk) }

    /// Renders chunk `index`; safe to call from any thread (each call has its own writer, and
    /// `runs` is `Sendable`). The error is returned, to be thrown on the calling thread.
    func render(chunk index: Int, reusing buffer: consuming [UInt8] = []) -> Result<JUnitChunk, OutputError> {
        let first = index * suitesPerChunk
        let range = first..<min(first + suitesPerChunk, suites.count)
        do throws(OutputError) {
            // A suite of the benchmark fleets is about 4 KB.
            return .success(try JUnitChunk.render(path: path, count: range.count, capacity: range.count * 4_096,
                                                      reusing: consume buffer) {
                (offset, xml) throws(OutputError) in
                let suite = suites[range.lowerBound + offset]
                try JUnitSuiteWriter(run: runs[suite.run], displayName: displayNames[suite.group],
                                     id: range.lowerBound + offset, hostname: hostname, extraProperties: extraProperties)
                    .write(to: xml)
            })
        } catch {
            return .failure(error)
        }
    }
}
