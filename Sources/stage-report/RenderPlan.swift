import ReportCore
import StageIngest
import Synchronization

/// Renders the requested formats side by side, each on its own thread.
///
/// JUnit lists every host outcome and costs more than the other three together (it renders
/// its suites on all workers itself); the others read only the summary. Running them at the
/// same time fills the moments JUnit's writer waits for its workers. Each format is written
/// exactly as it would be alone; only the order in which the files complete changes, and
/// `OutputBatch` renames them together.
enum RenderPlan {
    /// Returns the paths written, in the order of `formats`. The first format that fails (in
    /// that order) decides the error.
    static func render(_ formats: [OutputFormat], with renderers: RendererOptions, output: ReportPipeline.Output,
                       to directory: String, workers: Int, batch: OutputBatch) throws -> [String] {
        let results = Mutex<[OutputFormat: Result<[String], any Error>]>([:])
        let next = Atomic<Int>(0)
        let work: @Sendable () -> Void = {
            // Task-local values do not cross into a new thread: bind the batch again here.
            AtomicFile.$batch.withValue(batch) {
                while true {
                    let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    guard i < formats.count else { return }
                    let r = Result { try renderers.render(formats[i], output: output, to: directory, workers: workers) }
                    results.withLock { $0[formats[i]] = r }
                }
            }
        }
        // `--jobs 1` means one thread throughout.
        if workers <= 1 || formats.count == 1 { work() } else { WorkerThreads.run(count: formats.count, work) }
        let done = results.withLock { $0 }
        var written: [String] = []
        for format in formats {
            guard let r = done[format] else { throw CLIError("internal error: \(format.rawValue) was not rendered") }
            written += try r.get()
        }
        return written
    }
}
