import ArgumentParser
import Files
import Foundation
import StageAggregation
import StageIngest
import StageModel
import StagePipeline
import Waivers

/// What `report` and `merge` share: where the reports go, which, and how they are judged.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output directory (report with no INPUT: Reports).")
    var out: String?

    @Option(
        name: .long,
        help: "Comma-separated outputs: json,html,junit,markdown (the default), ctrf, slack, teams, csv, prometheus.")
    var format: OutputFormatList = .all

    @Option(name: .long, help: "Report title.")
    var title: String = "Stage report"

    @Option(name: .long, help: "generated_at, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock).")
    var now: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Cluster inventory for display names: the JSON list GET /api/vcenter/cluster returns (/api or /rest form).",
            discussion:
                "Repeat it once per vCenter as vc01=FILE; a FILE without a label names clusters in every vCenter."
        ))
    var clusters: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Waiver file (YAML or JSON): accepted failures with an owner and an expiry (docs/waivers.md).",
            discussion: "Waived failures still count as failed; the quality gates read the figures after waivers."
        ))
    var waivers: String?

    @Flag(
        name: .long,
        help: "Say what changed on the latest night against the nights before (always with --history; docs/changes.md)."
    )
    var changes = false

    @Flag(name: .long, help: "Exit 2 when any document was rejected (after writing the reports).")
    var strict = false

    @OptionGroup var renderers: RendererOptions
    @OptionGroup var gates: GateOptions

    func validate() throws {
        try renderers.validate()
    }

    /// Every `--clusters` inventory, merged: a labelled one names its vCenter's clusters only.
    func inventory() throws -> ClusterInventory {
        var inventory = ClusterInventory()
        for argument in clusters {
            let (vcenter, path) = LabelledInputs.split(argument)
            do { inventory.merge(try ClusterInventoryReader.read(path: path, vcenter: vcenter)) } catch {
                throw ValidationError("--clusters: \(error)")
            }
        }
        return inventory
    }

    /// The pipeline as `report` and `merge` both start it: the title, the inventories, the
    /// waivers, the list of every host when CSV is asked for (only hosts.csv reads it), and what
    /// changed when asked for or read by a gate (`HistoryOptions` turns it on with a history).
    func pipeline() throws -> ReportPipeline {
        var pipeline = ReportPipeline(title: title)
        pipeline.releaseFreePages = { MemoryPolicy.releaseFreePages() }
        pipeline.inventory = try inventory()
        pipeline.waivers = try waiverSet()
        pipeline.listsEveryHost = format.formats.contains(.csv)
        pipeline.tracksChanges = changes || gates.readsChanges
        return pipeline
    }

    /// The waiver file, read and checked before any input is: a file with problems is a usage
    /// error (exit 2), one line per problem, and no report is written.
    func waiverSet() throws -> WaiverSet? {
        guard let waivers else { return nil }
        do { return try WaiverSet.load(path: waivers) } catch {
            for problem in error.problems { FileHandleOutput.standardError("stage-report: \(problem)") }
            throw ExitCode(2)
        }
    }

    /// Evaluates the gates, writes every requested output and reports on stderr; ends by
    /// throwing the exit code (`ExitCode`), which `StageReport.main` turns into the process's.
    ///
    /// All outputs are completed first and then renamed into place together (`OutputBatch`), so
    /// that a run killed or failing half-way leaves the previous reports whole.
    func finish(_ output: ReportPipeline.Output, outDir: String, workers: Int) throws -> Never {
        var output = output
        output.summary.gates = GateEvaluator.evaluate(gates.qualityGates, on: output.summary)
        try OutputDirectory.prepare(outDir)
        let batch = OutputBatch()
        var written: [String] = []
        do {
            written = try RenderPlan.render(
                format.formats, with: renderers, output: output,
                to: outDir, workers: workers, batch: batch)
            // The history's transaction wrote while the report was rendered; no report without it.
            try output.pendingHistory?.finish()
            try batch.commit()
        } catch let error as FileError {
            batch.discard()
            throw CLIError(error.writeFailure)
        } catch {
            batch.discard()
            throw error
        }
        renderers.removeStaleFiles(in: outDir, keeping: written)
        Diagnostics.report(output, written: written)
        throw ExitCode(Diagnostics.exitCode(output, strict: strict))
    }
}

/// Creates the output directory (like `mkdir -p`), or fails with a one-line reason and exit
/// code 2; removes temporary files that a killed run left in it.
enum OutputDirectory {
    static func prepare(_ path: String) throws {
        do { try Directories.create(path) } catch {
            switch error.problem {
            case .notADirectory:
                throw CLIError("cannot use output directory \(path): \(error.path) is not a directory")
            case .system:
                throw CLIError("cannot create output directory \(path): \(error.reason)")
            }
        }
        guard access(path, W_OK | X_OK) == 0 else {
            throw CLIError("cannot write to output directory \(path): \(SystemError.describe(errno))")
        }
        OutputBatch.removeLeftovers(in: path)
        OutputBatch.removeLeftovers(in: path + "/junit")
    }
}

/// A run-time failure with a one-line message; exit code 2, no usage text.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}
