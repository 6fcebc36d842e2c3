import ReportCore
import StageIngest
import Synchronization

/// Renders the requested formats, JUnit side by side with the others.
///
/// JUnit lists every host outcome and costs more than the other three together; they read only
/// the summary. Rendering them on a second thread while JUnit runs fills the time JUnit's
/// writer spends waiting for its workers. Each format is written exactly as it would be alone;
/// only the order in which the files complete changes, and `OutputBatch` renames them together.
enum RenderPlan {
    /// Returns the paths written, in the order of `formats`. The first format that fails (in
    /// that order) decides the error.
    static func render(_ formats: [OutputFormat], with renderers: RendererOptions, output: ReportPipeline.Output,
                       to directory: String, batch: OutputBatch) throws -> [String] {
        let groups = [formats.filter { $0 == .junit }, formats.filter { $0 != .junit }].filter { !$0.isEmpty }
        let results = Mutex<[OutputFormat: Result<[String], any Error>]>([:])
        let next = Atomic<Int>(0)
        let work: @Sendable () -> Void = {
            let group = groups[next.wrappingAdd(1, ordering: .relaxed).oldValue]
            // Task-local values do not cross into a new thread: bind the batch again here.
            AtomicFile.$batch.withValue(batch) {
                for format in group {
                    let r = Result { try renderers.render(format, output: output, to: directory) }
                    results.withLock { $0[format] = r }
                }
            }
        }
        if groups.count == 1 { work() } else { WorkerThreads.run(count: groups.count, work) }
        let done = results.withLock { $0 }
        var written: [String] = []
        for format in formats {
            guard let r = done[format] else { throw CLIError("internal error: \(format.rawValue) was not rendered") }
            written += try r.get()
        }
        return written
    }
}
