import ArgumentParser
import Foundation

/// The outputs `report` can write.
enum OutputFormat: String, CaseIterable, Sendable {
    case json, html, junit, markdown
    /// Only when asked for (issue 20): the default run's outputs stay the four above.
    case ctrf, slack, teams, csv, prometheus

    /// What `report` writes without `--format`: the four outputs it always wrote. The others are
    /// written only when asked for, so the default outputs and their time stay as they were.
    static let defaults: [OutputFormat] = [.json, .html, .junit, .markdown]

    /// Also accepted on the command line.
    static let aliases: [String: OutputFormat] = ["md": .markdown, "xml": .junit, "prom": .prometheus]
}

/// `--format`: a comma-separated list of outputs, parsed once into the formats in the order
/// given, without repeats.
struct OutputFormatList: ExpressibleByArgument, Sendable {
    var formats: [OutputFormat]

    /// The default: the four outputs every run has written since the start, so that adding a
    /// format never changes what (and how fast) a run without `--format` writes.
    static let all = OutputFormatList(formats: OutputFormat.defaults)

    init(formats: [OutputFormat]) { self.formats = formats }

    init?(argument: String) {
        var formats: [OutputFormat] = []
        for part in argument.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let f = OutputFormat(rawValue: name) ?? OutputFormat.aliases[name] else { return nil }
            if !formats.contains(f) { formats.append(f) }
        }
        guard !formats.isEmpty else { return nil }
        self.formats = formats
    }

    var defaultValueDescription: String { formats.map(\.rawValue).joined(separator: ",") }

    static var allValueStrings: [String] { OutputFormat.allCases.map(\.rawValue) }
}
