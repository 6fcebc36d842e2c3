import StageModel

extension ReportFormatting {
    /// `failed (stage ERROR, task FAILED)`: a run status and the raw statuses it came from, as
    /// HTML and Markdown show it. `data` makes a raw status (text from the payload) safe for the
    /// output at hand.
    public static func runStatus(
        _ status: RunStatus, stage: String?, task: String?, data: (String) -> String
    ) -> String {
        let label = String(status.rawValue.map { $0 == "_" ? " " : $0 })
        let raw = [stage.map { "stage " + data($0) }, task.map { "task " + data($0) }].compactMap { $0 }
        return raw.isEmpty ? label : label + " (" + raw.joined(separator: ", ") + ")"
    }
}
