import ArgumentParser
import StageIngest
import StageModel
import StagePipeline

/// `stage-report merge`: render reports from partial files written by `report --partial`,
/// as if one run had read all of their inputs.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Render the reports from partial files (report --partial), as one run over all their inputs."
    )

    @Argument(help: "Partial files written by `stage-report report --partial FILE`.")
    var partials: [String]

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if partials.isEmpty { throw ValidationError("give at least one partial file") }
        if output.out == nil { throw ValidationError("--out DIR is required") }
    }

    func run() throws {
        var pipeline = ReportPipeline(title: output.title)
        pipeline.releaseFreePages = { MemoryPolicy.releaseFreePages() }
        pipeline.inventory = try output.inventory()
        pipeline.waivers = try output.waiverSet()
        let generatedAt = try GeneratedAt.resolve(now: output.now)
        let read = try PartialFile.read(partials)
        let result = try pipeline.summarize(read, generatedAt: generatedAt)
        MemoryPolicy.releaseFreePages()
        try output.finish(result, outDir: output.out ?? "Reports", workers: IngestOptions.defaultWorkers)
    }
}
