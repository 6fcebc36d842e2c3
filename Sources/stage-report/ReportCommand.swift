import ArgumentParser
import Foundation
import StageAggregation
import StageIngest
import StageModel
import StagePipeline

/// `stage-report report`: read stage results, write the summary and the reports.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Read stage results and write the reports.",
        // One line per paragraph: ArgumentParser wraps the text to the terminal itself.
        discussion: """
            INPUT is a file (one JSON object, an array of objects, or JSON Lines in .jsonl/.ndjson), \
            a directory (searched recursively for .json, .jsonl and .ndjson, in sorted order) \
            or - for standard input. With no INPUT, the built-in sample fleet is used and the reports go to Reports/; \
            with no INPUT and --history FILE, the reports are of the history's window.

            With --history FILE, the runs read are recorded in FILE (an SQLite database, created on first use; \
            see docs/history.md) and the reports are of the window read back from it; \
            without --out, the runs are only recorded.

            Exit codes: 0 success; 1 a quality gate failed (the reports are still written); \
            2 usage error, unreadable input or output, or rejected documents under --strict.
            """
    )

    @Argument(
        help: """
            Files, directories or - (standard input), each optionally labelled with its vCenter (vc01=PATH). \
            None: the built-in sample fleet.
            """
    )
    var inputs: [String] = []

    @Option(name: .long, help: "vCenter for documents without a vcenter annotation or a labelled input.")
    var vcenter: String?

    @Option(name: .long, help: "Cluster id for documents without a target or cluster annotation.")
    var cluster: String?

    @Option(name: .long, help: "Worker threads (default: all cores). The output does not depend on it.")
    var jobs: Int?

    @Option(name: .long, help: "Also write the mergeable state of this run to FILE (see `merge`).")
    var partial: String?

    @Option(name: .long, help: "Reject larger documents (a whole .json file or one JSON Lines line) unread.")
    var maxDocumentBytes: Int = IngestOptions.defaultMaxDocumentBytes

    @OptionGroup var output: OutputOptions
    @OptionGroup var history: HistoryOptions

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if inputs.isEmpty, history.history != nil, output.out == nil {
            throw ValidationError("--out DIR is required to report from --history FILE with no INPUT")
        }
        if inputs.isEmpty, history.history == nil, !output.gates.qualityGates.isEmpty {
            // An unset $INPUT_DIR in CI must not pass or fail on synthetic numbers.
            throw ValidationError(
                "quality gates need INPUT: with none, the report is of the built-in sample fleet, which is synthetic")
        }
        if maxDocumentBytes < 1 { throw ValidationError("--max-document-bytes must be at least 1") }
        if !inputs.isEmpty, output.out == nil, partial == nil, history.history == nil {
            throw ValidationError("--out DIR (or --partial FILE, or --history FILE) is required when inputs are given")
        }
    }

    func run() throws {
        var pipeline = try output.pipeline()
        pipeline.ingest = IngestOptions(
            defaults: DocumentDefaults(
                vcenter: vcenter.flatMap { $0.isEmpty ? nil : $0 },
                clusterID: cluster.flatMap { $0.isEmpty ? nil : $0 }),
            workers: jobs ?? IngestOptions.defaultWorkers,
            maxDocumentBytes: maxDocumentBytes,
            progress: ProgressLine.makeIfTerminal())
        let labelled = LabelledInputs.resolve(inputs)
        pipeline.ingest.labels = labelled.labels

        var sampleDirectory: URL?
        var inputPaths = labelled.paths
        var fallbackNow: Timestamp?
        if inputs.isEmpty, history.history == nil {
            FileHandleOutput.standardError(
                "stage-report: no INPUT given: reporting the built-in sample fleet (synthetic data) "
                    + "into \(output.out ?? "Reports")/"
            )
            let sample = try BuiltInSample.generate()
            sampleDirectory = sample.directory
            inputPaths = [sample.directory.path]
            pipeline.ingest.displayRoots = [sample.directory.path: BuiltInSample.displayName]
            fallbackNow = sample.reportTime
        }
        defer { if let sampleDirectory { try? FileManager.default.removeItem(at: sampleDirectory) } }

        let generatedAt = try GeneratedAt.resolve(now: output.now, fallback: fallbackNow)
        // No INPUT with --history: nothing is read, the window is re-rendered from the history.
        let read = inputPaths.isEmpty ? IngestResult() : try pipeline.read(inputPaths)
        ProgressLine.finish()
        if let partial { try PartialFile.write(read, inventory: pipeline.inventory, to: partial) }
        if output.out == nil, history.history != nil {
            throw ExitCode(try history.recordOnly(read, strict: output.strict))
        }
        let result = try history.summarize(
            read, pipeline: pipeline, generatedAt: generatedAt, hasInput: !inputPaths.isEmpty)
        MemoryPolicy.releaseFreePages()
        if !inputs.isEmpty { Diagnostics.warnIfNothingFound(result, inputs: labelled.paths) }
        guard let outDir = output.out ?? (inputs.isEmpty ? "Reports" : nil) else {
            // Only the partial file was asked for.
            try result.pendingHistory?.finish()
            Diagnostics.report(result, written: [partial].compactMap { $0 })
            throw ExitCode(Diagnostics.exitCode(result, strict: output.strict))
        }
        try output.finish(result, outDir: outDir, workers: jobs ?? IngestOptions.defaultWorkers)
    }
}
