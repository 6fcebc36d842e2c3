import ArgumentParser
import Foundation
import ReportCore
import StageAggregation
import StageIngest
import StageModel
import StageSample

/// `stage-report report`: read stage results, write the summary and the reports.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Read stage results and write the reports.",
        discussion: """
        INPUT is a file (one JSON object, an array of objects, or JSON Lines in .jsonl/.ndjson),
        a directory (searched recursively for .json, .jsonl and .ndjson, in sorted order) or -
        for standard input. With no INPUT, the built-in sample fleet is used and the reports go
        to Reports/.

        Exit codes: 0 success; 1 a quality gate failed (reports are still written); 2 usage
        error, unreadable input or output, or rejected documents under --strict.
        """
    )

    @Argument(help: "Files, directories or - (standard input). None: the built-in sample fleet.")
    var inputs: [String] = []

    @Option(name: .long, help: "Output directory (default with no INPUT: Reports).")
    var out: String?

    @Option(name: .long, help: "Comma-separated outputs: json,html,junit,markdown.")
    var format: String = OutputFormat.allCases.map(\.rawValue).joined(separator: ",")

    @Option(name: .long, help: "Report title.")
    var title: String = "Stage report"

    @Option(name: .long, help: "generated_at, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock).")
    var now: String?

    @Option(name: .long, help: "vCenter for documents without a vcenter annotation.")
    var vcenter: String?

    @Option(name: .long, help: "Cluster id for documents without a target or cluster annotation.")
    var cluster: String?

    @Option(name: .long, help: "Cluster inventory: the JSON list GET /api/vcenter/cluster returns.")
    var clusters: String?

    @Flag(name: .long, help: "Exit 2 when any document was rejected (after writing the reports).")
    var strict = false

    @Option(name: .long, help: "Worker threads (default: all cores). The output does not depend on it.")
    var jobs: Int?

    @OptionGroup var renderers: RendererOptions
    @OptionGroup var gates: GateOptions

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if !inputs.isEmpty, out == nil { throw ValidationError("--out DIR is required when inputs are given") }
        _ = try OutputFormat.parseList(format)
        try renderers.validate()
    }

    func run() throws {
        let formats = try OutputFormat.parseList(format)
        let outDir = out ?? "Reports"
        var pipeline = ReportPipeline(title: title)
        pipeline.ingest = IngestOptions(
            defaults: DocumentDefaults(vcenter: vcenter.flatMap { $0.isEmpty ? nil : $0 },
                                       clusterID: cluster.flatMap { $0.isEmpty ? nil : $0 }),
            workers: jobs ?? IngestOptions.defaultWorkers,
            progress: ProgressLine.makeIfTerminal())
        if let clusters {
            do { pipeline.inventory = try ClusterInventoryReader.read(path: clusters) } catch {
                throw ValidationError("--clusters: \(error)")
            }
        }

        var sampleDirectory: URL?
        var inputPaths = inputs
        var fallbackNow: Timestamp?
        if inputs.isEmpty {
            let sample = try BuiltInSample.generate()
            sampleDirectory = sample.directory
            inputPaths = [sample.directory.path]
            pipeline.ingest.displayRoots = [sample.directory.path: BuiltInSample.displayName]
            fallbackNow = sample.reportTime
        }
        defer { if let sampleDirectory { try? FileManager.default.removeItem(at: sampleDirectory) } }

        let generatedAt = try GeneratedAt.resolve(now: now, fallback: fallbackNow)
        var output = try pipeline.run(inputPaths, generatedAt: generatedAt)
        ProgressLine.finish()
        output.summary.gates = GateEvaluator.evaluate(gates.qualityGates, on: output.summary)

        try OutputDirectory.prepare(outDir)
        var written: [String] = []
        for f in formats {
            written += try renderers.render(f, output: output, to: outDir)
        }
        Diagnostics.report(output, written: written)
        throw ExitCode(Diagnostics.exitCode(output, strict: strict))
    }
}

/// Creates the output directory, or fails with exit code 2 and a clear message.
enum OutputDirectory {
    static func prepare(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw ValidationError("cannot create output directory \(path): \((error as NSError).localizedDescription)")
        }
        guard FileManager.default.isWritableFile(atPath: path) else {
            throw ValidationError("output directory \(path) is not writable")
        }
    }
}
