import ArgumentParser
import ReportCore

/// Options of the individual renderers, and the one place that calls them.
struct RendererOptions: ParsableArguments {
    func validate() throws {}

    /// Writes one format; returns the paths written.
    func render(_ format: OutputFormat, output: ReportPipeline.Output, to directory: String) throws -> [String] {
        switch format {
        case .json:
            let path = directory + "/" + SummaryJSONRenderer.fileName
            try AtomicFile.write(SummaryJSONRenderer.render(output.summary), to: path)
            return [path]
        case .html, .junit, .markdown:
            throw ValidationError("the \(format.rawValue) renderer is not available yet; use --format json")
        }
    }
}
