/// Values a serializer wrote as strings because it stopped descending: PowerShell's
/// `ConvertTo-Json` below the `-Depth` a StageResult needs writes a nested object as
/// `@{status=OK; …}` or `System.Collections.Hashtable` and a nested list as `System.Object[]`.
/// Such a part counts as absent, and the run is noted so that the operator can export it whole.
enum SerializerFlattening {
    /// What the note tells the operator to do.
    static let advice = "export with ConvertTo-Json -Depth 10 to keep it whole"

    /// Whether the value at `i` is a string a serializer wrote in place of an object or a list.
    static func isFlattened(_ tape: JSONTape, _ i: Int) -> Bool {
        guard tape.kind(i) == .string, let text = tape.string(i) else { return false }
        if text.hasPrefix("@{"), text.hasSuffix("}") { return true }
        if text == "System.Collections.Hashtable" { return true }
        return text.hasPrefix("System.") && text.hasSuffix("[]")
    }
}
