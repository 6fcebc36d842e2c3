import Files
import StagePipeline
import Workers

/// Renders the requested formats side by side, each on its own thread.
///
/// JUnit lists every host outcome and costs more than the other three together (it renders
/// its suites on all workers itself); CTRF lists them too, on its own thread; the others read
/// only the summary. Running them at the
/// same time fills the moments JUnit's writer waits for its workers. Each format is written
/// exactly as it would be alone; only the order in which the files complete changes, and
/// `OutputBatch` renames them together.
enum RenderPlan {
    /// Returns the paths written, in the order of `formats`. The first format that fails (in
    /// that order) decides the error.
    static func render(
        _ formats: [OutputFormat], with renderers: RendererOptions, output: ReportPipeline.Output,
        to directory: String, workers: Int, batch: OutputBatch
    ) throws -> [String] {
        var written: [String] = []
        // `--jobs 1` means one thread throughout; otherwise one thread per format.
        try OrderedParallelMap.forEach(count: formats.count, workers: workers <= 1 ? 1 : formats.count) { i in
            // Task-local values do not cross into a new thread: bind the batch again here.
            AtomicFile.$batch.withValue(batch) {
                Result { try renderers.render(formats[i], output: output, to: directory, workers: workers) }
            }
        } consume: { (_, paths: Result<[String], any Error>) in
            written += try paths.get()
        }
        return written
    }
}
