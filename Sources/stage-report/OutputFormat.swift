import ArgumentParser
import Foundation

/// The outputs `report` can write; `--format` takes a comma-separated list of them.
enum OutputFormat: String, CaseIterable, Sendable {
    case json, html, junit, markdown

    static func parseList(_ text: String) throws -> [OutputFormat] {
        var formats: [OutputFormat] = []
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            let aliases = ["md": "markdown", "xml": "junit"]
            guard let f = OutputFormat(rawValue: aliases[name] ?? name) else {
                throw ValidationError("unknown format '\(part)'; use any of \(allCases.map(\.rawValue).joined(separator: ","))")
            }
            if !formats.contains(f) { formats.append(f) }
        }
        guard !formats.isEmpty else { throw ValidationError("--format needs at least one format") }
        return formats
    }
}
