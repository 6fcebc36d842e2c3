import ArgumentParser
import StageIngest
import StageModel
import StagePipeline

/// `stage-report merge`: render reports from partial files written by `report --partial`,
/// as if one run had read all of their inputs.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Render the reports from partial files (report --partial), as one run over all their inputs.",
        discussion: """
            With --history FILE, the partial files' runs are recorded in FILE, as `report --history` does, \
            and the reports are of the window read back from it; without --out, the runs are only recorded.
            """
    )

    @Argument(help: "Partial files written by `stage-report report --partial FILE`.")
    var partials: [String]

    @OptionGroup var output: OutputOptions
    @OptionGroup var history: HistoryOptions

    func validate() throws {
        if partials.isEmpty { throw ValidationError("give at least one partial file") }
        if output.out == nil, history.history == nil {
            throw ValidationError("--out DIR (or --history FILE) is required")
        }
    }

    func run() throws {
        let pipeline = try output.pipeline()
        let generatedAt = try GeneratedAt.resolve(now: output.now)
        let read = try PartialFile.read(partials)
        if output.out == nil { throw ExitCode(try history.recordOnly(read, strict: output.strict)) }
        let result = try history.summarize(read, pipeline: pipeline, generatedAt: generatedAt, hasInput: true)
        MemoryPolicy.releaseFreePages()
        try output.finish(result, outDir: output.out ?? "Reports", workers: IngestOptions.defaultWorkers)
    }
}
