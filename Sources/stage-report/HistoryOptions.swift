import ArgumentParser
import ReportText
import RunHistory
import StageIngest
import StageModel
import StagePipeline

/// `--history FILE` and its window and retention, shared by `report` and `merge` (issue 18).
struct HistoryOptions: ParsableArguments {
    @Option(name: .long, help: "Record this run's stage runs in the SQLite history FILE, then report on its window.")
    var history: String?

    @Option(name: .long, help: "With --history: report on the DAYS nights up to the latest run (default: 30).")
    var window: Int?

    @Option(
        name: .long, help: "With --history: keep DAYS nights up to the latest run, prune older ones (default: 400).")
    var historyKeep: Int?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "With --history: the runs the JUnit files describe, tonight (this invocation's) or all (the window's).",
            discussion: "Default: tonight when INPUT is given, all when the history alone is re-rendered."))
    var junitRuns: JUnitRuns?

    enum JUnitRuns: String, ExpressibleByArgument {
        case tonight, all
    }

    func validate() throws {
        if history == nil, window != nil || historyKeep != nil || junitRuns != nil {
            throw ValidationError("--window, --history-keep and --junit-runs need --history FILE")
        }
        if let window, window < 1 { throw ValidationError("--window must be at least 1") }
        if let historyKeep, historyKeep < 1 { throw ValidationError("--history-keep must be at least 1") }
        let nights = window ?? HistoryWindow.defaultNights
        if let historyKeep, historyKeep < nights {
            throw ValidationError("--history-keep (\(historyKeep)) must be at least the --window (\(nights) nights)")
        }
    }

    /// The history step, or nil without --history. A file that is not a history, or is from a
    /// newer stage-report, is a one-line error naming it (exit 2).
    func step() throws -> HistoryStep? {
        guard let history else { return nil }
        let store: RunHistory
        do { store = try RunHistory(path: history) } catch { throw CLIError(error.description) }
        let window = HistoryWindow(nights: window ?? HistoryWindow.defaultNights)
        let keep = HistoryWindow(nights: max(historyKeep ?? HistoryWindow.defaultKeepNights, window.nights))
        return HistoryStep(history: store, window: window, keep: keep)
    }

    /// Records `read` and summarises the window, or summarises `read` alone without --history.
    /// `hasInput`: INPUT (or partial files) was given, so JUnit describes its runs by default.
    func summarize(_ read: IngestResult, pipeline: ReportPipeline, generatedAt: Timestamp, hasInput: Bool) throws
        -> ReportPipeline.Output
    {
        guard let step = try step() else { return try pipeline.summarize(read, generatedAt: generatedAt) }
        // A history is kept to tell what changed, so its reports always say it.
        var pipeline = pipeline
        pipeline.tracksChanges = true
        var output = try pipeline.summarize(read, history: step, generatedAt: generatedAt)
        if (junitRuns ?? (hasInput ? .tonight : .all)) == .tonight {
            output.junitRuns = output.invocationRuns
        }
        return output
    }

    /// Records `read` only (--history without --out) and returns the exit code: 2 for unreadable
    /// inputs or (with --strict) rejections, as with reports, else 0 (no report, so no gate).
    func recordOnly(_ read: IngestResult, strict: Bool) throws -> Int32 {
        guard let step = try step() else { return 0 }
        let (stats, _) = try step.record(read)
        for e in read.inputErrors { FileHandleOutput.standardError("stage-report: cannot read \(e.path): \(e.reason)") }
        let c = { (n: Int, noun: String) in ReportFormatting.count(n, noun) }
        FileHandleOutput.standardError(
            "stage-report: history \(step.history.path): \(c(stats.inserted, "run")) added, "
                + "\(stats.replaced) replaced, \(stats.unchanged) already stored, \(stats.pruned) pruned; "
                + "\(ReportFormatting.count(read.rejections.count)) rejected")
        if !read.inputErrors.isEmpty || (strict && !read.rejections.isEmpty) { return 2 }
        return 0
    }
}
