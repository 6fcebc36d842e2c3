import ArgumentParser
import Foundation
import ReportCore
import StageAggregation
import StageIngest
import StageModel

/// What `report` and `merge` share: where the reports go, which, and how they are judged.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output directory (report with no INPUT: Reports).")
    var out: String?

    @Option(name: .long, help: "Comma-separated outputs: json,html,junit,markdown.")
    var format: String = OutputFormat.allCases.map(\.rawValue).joined(separator: ",")

    @Option(name: .long, help: "Report title.")
    var title: String = "Stage report"

    @Option(name: .long, help: "generated_at, ISO 8601 (default: SOURCE_DATE_EPOCH, else the clock).")
    var now: String?

    @Option(name: .long, help: "Cluster inventory for display names: the JSON list GET /api/vcenter/cluster returns.")
    var clusters: String?

    @Flag(name: .long, help: "Exit 2 when any document was rejected (after writing the reports).")
    var strict = false

    @OptionGroup var renderers: RendererOptions
    @OptionGroup var gates: GateOptions

    func validate() throws {
        _ = try OutputFormat.parseList(format)
        try renderers.validate()
    }

    func inventory() throws -> ClusterInventory {
        guard let clusters else { return ClusterInventory() }
        do { return try ClusterInventoryReader.read(path: clusters) } catch {
            throw ValidationError("--clusters: \(error)")
        }
    }

    /// Evaluates the gates, writes every requested output, reports on stderr and decides the exit code.
    func finish(_ output: ReportPipeline.Output, outDir: String) throws -> Never {
        var output = output
        output.summary.gates = GateEvaluator.evaluate(gates.qualityGates, on: output.summary)
        try OutputDirectory.prepare(outDir)
        var written: [String] = []
        for f in try OutputFormat.parseList(format) {
            written += try renderers.render(f, output: output, to: outDir)
        }
        Diagnostics.report(output, written: written)
        terminate(Diagnostics.exitCode(output, strict: strict))
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
