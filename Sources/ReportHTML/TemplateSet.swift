import Foundation
internal import Mustache

/// The parsed templates a report is rendered from: the built-in set from `Templates/`, with any
/// file of a `--templates` directory replacing the built-in template of the same name.
///
/// Overlaying (rather than requiring a full copy) lets a team brand the report by changing one
/// partial, and keeps their folder working when later versions add partials.
struct TemplateSet {
    /// A template's source text and the file name shown in errors.
    struct Source: Equatable {
        var name: String
        var file: String
        var text: String
    }

    static let pageName = "report"
    static let emailName = "report-email"
    static let scriptName = "report-script"

    let library: MustacheLibrary

    init(_ source: TemplateSource) throws(HTMLRenderError) {
        var sources: [String: Source] = [:]
        for (name, text) in BuiltInTemplates.all {
            sources[name] = Source(name: name, file: "Templates/\(name).mustache (built in)", text: text)
        }
        if case .directory(let path) = source {
            for s in try TemplateSet.read(directory: path) { sources[s.name] = s }
        }
        try self.init(sources: sources.values.sorted { $0.name < $1.name })
    }

    init(sources: [Source]) throws(HTMLRenderError) {
        var templates: [String: MustacheTemplate] = [:]
        for s in sources {
            do {
                templates[s.name] = try MustacheTemplate(string: s.text)
            } catch let e as MustacheTemplate.ParserError {
                throw .templateSyntax(
                    file: s.file, line: e.context.lineNumber, column: e.context.columnNumber,
                    problem: TemplateSet.explain(e.error), sourceLine: e.context.line)
            } catch {
                throw .templateSyntax(file: s.file, line: 1, column: 1, problem: "\(error)", sourceLine: "")
            }
        }
        let names = Set(templates.keys)
        for s in sources {
            for ref in PartialReferences.scan(s.text) where !names.contains(ref.name) {
                throw .missingPartial(file: s.file, line: ref.line, partial: ref.name)
            }
        }
        library = MustacheLibrary(templates: templates)
    }

    func render(_ object: Any, template name: String) -> String {
        // Both names always exist: the built-in set provides them and overlays only replace.
        library.render(object, withTemplate: name) ?? ""
    }

    /// Every `*.mustache` below `path`, named by relative path without the extension, in sorted
    /// order so that errors are reported deterministically.
    static func read(directory path: String) throws(HTMLRenderError) -> [Source] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .templateDirectoryNotFound(path: path)
        }
        let root = path.hasSuffix("/") ? path : path + "/"
        let relativePaths = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".mustache") }
            .sorted()
        guard !relativePaths.isEmpty else { throw .noTemplates(directory: path) }
        var out: [Source] = []
        for rel in relativePaths {
            let file = root + rel
            guard let data = FileManager.default.contents(atPath: file) else {
                throw .unreadableTemplate(file: file, reason: "not readable")
            }
            guard let text = String(validating: data, as: UTF8.self) else {
                throw .unreadableTemplate(file: file, reason: "not valid UTF-8")
            }
            out.append(Source(name: String(rel.dropLast(".mustache".count)), file: file, text: text))
        }
        return out
    }

    private static func explain(_ error: Error) -> String {
        guard let e = error as? MustacheTemplate.Error else { return "\(error)" }
        switch e {
        case .sectionCloseNameIncorrect: return "section closed with a different name than it was opened with"
        case .unfinishedName: return "tag is not closed (missing '}}')"
        case .expectedSectionEnd: return "section is never closed (missing '{{/name}}')"
        case .invalidSetDelimiter: return "malformed set-delimiter tag"
        case .transformAppliedToInheritanceSection: return "a transform cannot be applied to an inheritance section"
        case .illegalTokenInsideInheritSection: return "illegal tag inside an inheritance section"
        case .textInsideInheritSection: return "text inside an inheritance section"
        case .invalidConfigVariableSyntax: return "malformed pragma tag"
        case .unrecognisedConfigVariable: return "unknown pragma"
        }
    }
}

/// Finds `{{> name}}` and `{{< name}}` tags by plain scanning. Templates that change the
/// delimiters are not understood here; none of ours do, and a miss only skips the check.
enum PartialReferences {
    struct Reference: Equatable {
        var name: String
        var line: Int
    }

    static func scan(_ text: String) -> [Reference] {
        let bytes = Array(text.utf8)
        var refs: [Reference] = []
        var line = 1
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\n") { line += 1 }
            if i + 2 < bytes.count, bytes[i] == UInt8(ascii: "{"), bytes[i + 1] == UInt8(ascii: "{"),
                bytes[i + 2] == UInt8(ascii: ">") || bytes[i + 2] == UInt8(ascii: "<")
            {
                var j = i + 3
                while j + 1 < bytes.count, !(bytes[j] == UInt8(ascii: "}") && bytes[j + 1] == UInt8(ascii: "}")) {
                    j += 1
                }
                let name = String(decoding: bytes[(i + 3)..<min(j, bytes.count)], as: UTF8.self)
                    .trimmingCharacters(in: .whitespaces)
                // `{{>*name}}` is a dynamic partial: its name comes from the data.
                if !name.isEmpty, !name.hasPrefix("*") { refs.append(Reference(name: name, line: line)) }
                i = j
                continue
            }
            i += 1
        }
        return refs
    }
}
