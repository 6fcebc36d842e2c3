import ReportText
import StageIngest
import StageAggregation
import StagePipeline

/// What the run tells people on standard error, and the exit code it decides at the end.
enum Diagnostics {
    /// Rejections beyond this many are counted, not listed: summary.json has them all.
    static let listedRejections = 20

    static func report(_ output: ReportPipeline.Output, written: [String]) {
        let s = output.summary
        for e in output.inputErrors {
            FileHandleOutput.standardError("stage-report: cannot read \(e.path): \(e.reason)")
        }
        // Unreadable inputs are listed in `rejected` too (each as one document); they were
        // reported just above, by path.
        let unreadable = Set(output.inputErrors.map(\.path))
        let documentRejections = s.rejected.filter { !unreadable.contains($0.source.path) }
        for r in documentRejections.prefix(listedRejections) {
            FileHandleOutput.standardError(
                "stage-report: rejected \(r.source): "
                    + "\(TextSanitizer.firstLine(TextSanitizer.clean(r.reason), maxCharacters: 300))"
            )
        }
        if documentRejections.count > listedRejections {
            FileHandleOutput.standardError(
                "stage-report: … \(documentRejections.count - listedRejections) more rejected documents, "
                    + "all listed in summary.json"
            )
        }
        for g in s.gates where !g.passed {
            FileHandleOutput.standardError(
                "stage-report: gate \(g.name) failed: measured \(g.measured), threshold \(g.threshold)"
                    + "\(g.detail.map { " (\($0))" } ?? "")"
            )
        }
        let i = s.inputs
        let c = { (n: Int, noun: String) in ReportFormatting.count(n, noun) }
        FileHandleOutput.standardError(
            "stage-report: \(c(i.files, "file")), \(c(i.documents, "document")), \(c(s.totals.runs, "run")), "
                + "\(c(i.duplicates, "duplicate")), \(ReportFormatting.count(i.rejected)) rejected; "
                + "\(c(s.totals.outcomes, "host outcome")), "
                + "success rate \(ReportFormatting.percent(s.totals.successRate))"
        )
        for path in written { print(path) }
    }

    /// Inputs that held no document at all: most often a wrong path or a folder of other files.
    static func warnIfNothingFound(_ output: ReportPipeline.Output, inputs: [String]) {
        guard output.summary.inputs.documents == 0, output.inputErrors.isEmpty else { return }
        let searched = inputs.map { $0 == "-" ? "standard input" : $0 }.joined(separator: ", ")
        FileHandleOutput.standardError(
            "stage-report: warning: no document found in \(searched); a directory is searched for files ending in "
                + "\(InputExtensions.described) (any letter case, hidden entries skipped)")
    }

    /// 2 for unreadable inputs or (with --strict) rejections; else 1 for a failed gate; else 0.
    static func exitCode(_ output: ReportPipeline.Output, strict: Bool) -> Int32 {
        if !output.inputErrors.isEmpty { return 2 }
        if strict, !output.summary.rejected.isEmpty { return 2 }
        if output.summary.gates.contains(where: { !$0.passed }) { return 1 }
        return 0
    }
}
