import Files
import StageAggregation
import Waivers

/// The suites of one JUnit file in file order, cut into chunks of `suitesPerChunk` that any
/// thread can render (`render(chunk:)`); `JUnitRenderer` writes the chunks in order.
///
/// A file holds whole clusters, which are side by side in the cluster order, so its suites are
/// one range of that order. A suite's `id` is its position in the file, so a chunk's first id is
/// known up front (`chunk × suitesPerChunk`) and chunks need nothing from each other.
struct JUnitFilePlan<Order: ClusterOrderedRuns>: Sendable {
    let path: String
    let order: Order
    let hostname: String
    let extraProperties: [(name: String, value: String)]
    let suitesPerChunk: Int
    /// The matchers to judge each run's failures with; `nil` without a waiver file.
    var waivers: JUnitMatcherPool?
    private let groups: [JUnitClusterGroup]
    /// The file's suites in the cluster order.
    private let positions: Range<Int>

    /// - Parameter groups: consecutive groups of the cluster order.
    init(
        path: String, groups: [JUnitClusterGroup], order: Order, hostname: String,
        extraProperties: [(name: String, value: String)], suitesPerChunk: Int
    ) {
        self.path = path
        self.order = order
        self.hostname = hostname
        self.extraProperties = extraProperties
        self.suitesPerChunk = max(1, suitesPerChunk)
        self.groups = groups
        positions = (groups.first?.positions.lowerBound ?? 0)..<(groups.last?.positions.upperBound ?? 0)
    }

    /// At least one: a file without suites is one chunk that writes `<testsuites/>`.
    var chunkCount: Int { max(1, (positions.count + suitesPerChunk - 1) / suitesPerChunk) }

    /// Renders chunk `index`; safe to call from any thread (each call has its own writer, and
    /// `order` is `Sendable`). The error is returned, to be thrown on the calling thread.
    func render(chunk index: Int, reusing buffer: consuming [UInt8] = []) -> Result<JUnitChunk, FileError> {
        let first = positions.lowerBound + index * suitesPerChunk
        let range = first..<min(first + suitesPerChunk, positions.upperBound)
        let path = self.path
        do throws(FileError) {
            // Room for a typical suite each, so that a chunk's buffer seldom has to grow.
            return .success(
                try JUnitChunk.render(
                    path: path, count: range.count, capacity: range.count * 4_096,
                    reusing: consume buffer
                ) { xml throws(FileError) in
                    // The group of the chunk's first suite, then onwards as the suites cross into the next.
                    var group = groups.partitioningIndex { $0.positions.upperBound > range.lowerBound }
                    var position = range.lowerBound
                    // One per chunk at a time (a chunk is rendered on one thread), taken from the pool
                    // and given back, so that its cache serves the chunks after it.
                    var judged = waivers?.take()
                    defer { if let judged { waivers?.give(judged) } }
                    do {
                        try order.forEachRun(in: range) { run in
                            while position >= groups[group].positions.upperBound { group += 1 }
                            var writer = JUnitSuiteWriter(
                                run: run, displayName: groups[group].displayName, id: position - positions.lowerBound,
                                hostname: hostname,
                                // A cluster's change is its latest run's: only that suite (the first) says it.
                                extraProperties: groups[group].changeProperties.isEmpty
                                    || position != groups[group].positions.lowerBound
                                    ? extraProperties : extraProperties + groups[group].changeProperties
                            )
                            if judged != nil {
                                let verdicts = judged!.verdicts(for: run)
                                writer.waivers = (waivers!.texts, verdicts.hosts, verdicts.run)
                            }
                            try writer.write(to: xml)
                            position += 1
                        }
                    } catch let error as FileError {
                        throw error
                    } catch {
                        throw FileError(path: path, reason: "\(error)")
                    }
                })
        } catch {
            return .failure(error)
        }
    }
}

extension Array {
    /// The first index whose element satisfies `belongs`, for a predicate that is false and
    /// then true along the array; `endIndex` when none does.
    func partitioningIndex(where belongs: (Element) -> Bool) -> Int {
        var low = startIndex, high = endIndex
        while low < high {
            let mid = (low + high) / 2
            if belongs(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
