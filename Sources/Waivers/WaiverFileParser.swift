import Foundation
import Yams

/// Reads a waiver file's text (YAML, or JSON, which YAML reads as well) through Yams' node tree,
/// whose marks give each problem its exact line and column. It goes on past a bad waiver, so
/// that every problem of the file is reported at once; only a syntax error stops it.
struct WaiverFileParser {
    static let topFields = ["waivers"]
    static let waiverFields = ["match", "owner", "ticket", "justification", "expires"]
    static let requiredWaiverFields = ["match", "owner", "justification", "expires"]
    static let matchFields = WaiverMatchKey.allCases.map(\.rawValue)

    let file: String
    private(set) var problems: [WaiverFileProblem] = []

    init(file: String) { self.file = file }

    mutating func parse(_ text: String) -> [Waiver] {
        let root: Node?
        do {
            // The basic resolver: Yams hashes every mapping's keys with their resolved types to find
            // duplicates, and the default resolver runs its type regular expressions on each (most
            // of the load time of 500 waivers, by perf). Every value is read as text here anyway.
            root = try Yams.compose(yaml: text, .basic)
        } catch {
            problems.append(syntaxProblem(error, text: text))
            return []
        }
        guard let root else {
            report(at: nil, "waivers", .missingField, "missing: the file is empty; it must hold `waivers:`, a list")
            return []
        }
        guard case .mapping(let top) = root else {
            report(at: root.mark, nil, .wrongType, "expected a mapping with `waivers:`, found \(Self.kind(of: root))")
            return []
        }
        var list: Node?
        for (key, value) in top {
            let name = key.string ?? "\(key)"
            if name == "waivers" {
                list = value
            } else {
                unknownField(name, at: key.mark, path: name, known: Self.topFields)
            }
        }
        guard let list else {
            report(at: top.mark, "waivers", .missingField, "missing (required): the list of waivers")
            return []
        }
        guard case .sequence(let entries) = list else {
            report(at: list.mark, "waivers", .wrongType, "expected a list of waivers, found \(Self.kind(of: list))")
            return []
        }
        var waivers: [Waiver] = []
        for (position, entry) in entries.enumerated() {
            if let waiver = waiver(entry, position: position) { waivers.append(waiver) }
        }
        return waivers
    }

    /// One entry of `waivers`, or `nil` (with its problems reported) when it is not usable.
    private mutating func waiver(_ node: Node, position: Int) -> Waiver? {
        let path = "waivers[\(position)]"
        guard case .mapping(let fields) = node else {
            report(
                at: node.mark, path, .wrongType,
                "expected a mapping (match, owner, justification, expires), found \(Self.kind(of: node))")
            return nil
        }
        let problemsBefore = problems.count
        var seen = Set<String>()
        var match: WaiverMatch?, owner: String?, ticket: String?, justification: String?, expires: ExpiryDate?
        for (key, value) in fields {
            let name = key.string ?? "\(key)"
            let field = "\(path).\(name)"
            seen.insert(name)
            switch name {
            case "match": match = self.match(value, path: field)
            case "owner": owner = text(value, path: field)
            case "ticket": ticket = text(value, path: field)
            case "justification": justification = text(value, path: field)
            case "expires": expires = date(value, path: field)
            default:
                if Self.matchFields.contains(name) {
                    report(
                        at: key.mark, field, .unknownField,
                        "unknown field; `\(name)` belongs under `match:` (`\(path).match.\(name)`)")
                    seen.insert("match") // said once: where the key belongs, not also that `match` is missing
                } else if let near = unknownField(name, at: key.mark, path: field, known: Self.waiverFields) {
                    // `expire:` is reported once, as a slip for `expires`, not also as `expires` missing.
                    seen.insert(near)
                }
            }
        }
        for required in Self.requiredWaiverFields where !seen.contains(required) {
            report(at: fields.mark, "\(path).\(required)", .missingField, "missing (required)")
        }
        guard problems.count == problemsBefore, let match, let owner, let justification, let expires else {
            return nil
        }
        return Waiver(
            position: position, line: fields.mark?.line ?? 0, match: match, owner: owner, ticket: ticket,
            justification: justification, expires: expires)
    }

    private mutating func match(_ node: Node, path: String) -> WaiverMatch? {
        guard case .mapping(let keys) = node else {
            if Self.isNull(node) {
                report(at: node.mark, path, .emptyMatch, Self.emptyMatchMessage)
            } else {
                report(
                    at: node.mark, path, .wrongType,
                    "expected a mapping of \(Self.matchFields.joined(separator: ", ")), found \(Self.kind(of: node))")
            }
            return nil
        }
        guard !keys.isEmpty else {
            report(at: node.mark, path, .emptyMatch, Self.emptyMatchMessage)
            return nil
        }
        var match = WaiverMatch()
        var usable = true
        for (key, value) in keys {
            let name = key.string ?? "\(key)"
            let field = "\(path).\(name)"
            guard let matchKey = WaiverMatchKey(rawValue: name) else {
                unknownField(name, at: key.mark, path: field, known: Self.matchFields)
                usable = false
                continue
            }
            guard let source = text(value, path: field) else {
                usable = false
                continue
            }
            do {
                match[matchKey] = try GlobPattern(source)
            } catch {
                report(at: value.mark, field, .badGlob, "\(Self.quoted(source)) is not a valid pattern: \(error)")
                usable = false
            }
        }
        return usable ? match : nil
    }

    /// A text field: any scalar but null, as its text (`commit: 7` is the text `7`).
    private mutating func text(_ node: Node, path: String) -> String? {
        guard case .scalar(let scalar) = node else {
            report(at: node.mark, path, .wrongType, "expected a text, found \(Self.kind(of: node))")
            return nil
        }
        if Self.isNull(node) {
            report(at: node.mark, path, .missingField, "has no value (required when given)")
            return nil
        }
        guard !scalar.string.allSatisfy(\.isWhitespace) else {
            report(at: node.mark, path, .emptyValue, "is empty")
            return nil
        }
        return scalar.string
    }

    private mutating func date(_ node: Node, path: String) -> ExpiryDate? {
        guard let text = text(node, path: path) else { return nil }
        guard let date = ExpiryDate(text) else {
            report(at: node.mark, path, .badDate, "\(Self.quoted(text)) is not a date (YYYY-MM-DD)")
            return nil
        }
        return date
    }

    /// Reports an unknown key; returns the known key it is probably a slip for.
    @discardableResult
    private mutating func unknownField(_ name: String, at mark: Mark?, path: String, known: [String]) -> String? {
        var message = "unknown field"
        let near = FieldSuggestion.closest(to: name, among: known)
        if let near {
            message += "; did you mean `\(near)`?"
        } else {
            message += " (known here: \(known.joined(separator: ", ")))"
        }
        report(at: mark, path, .unknownField, message)
        return near
    }

    private mutating func report(
        at mark: Mark?, _ field: String?, _ kind: WaiverFileProblem.Kind, _ message: String
    ) {
        problems.append(
            WaiverFileProblem(
                file: file, line: mark?.line ?? 1, column: mark?.column, field: field, kind: kind,
                message: message))
    }

    private func syntaxProblem(_ error: Error, text: String) -> WaiverFileProblem {
        func problem(_ mark: Mark?, _ kind: WaiverFileProblem.Kind, _ message: String) -> WaiverFileProblem {
            WaiverFileProblem(
                file: file, line: mark?.line ?? 1, column: mark?.column, field: nil, kind: kind, message: message)
        }
        guard let error = error as? YamlError else { return problem(nil, .syntax, "not valid YAML: \(error)") }
        switch error {
        case let .scanner(context, message, mark, _), let .parser(context, message, mark, _),
            let .composer(context, message, mark, _):
            var text = "not valid YAML: \(message)"
            if let context { text += " (\(context.text) at line \(context.mark.line))" }
            return problem(mark, .syntax, text)
        case let .reader(message, offset, _, _):
            // The reader counts bytes; the line is the number of line feeds before the offset, plus one.
            let line = offset.map { o in text.utf8.prefix(o).reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) } } ?? 1
            return WaiverFileProblem(
                file: file, line: line, column: nil, field: nil, kind: .syntax,
                message: "not valid YAML text: \(message)")
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.sorted().map { "`\($0)`" }.joined(separator: ", ")
            return problem(context.mark, .duplicateKey, "a mapping has the key \(keys) more than once")
        default:
            return problem(nil, .syntax, "not valid YAML: \(error)")
        }
    }

    private static let emptyMatchMessage =
        "is empty; give at least one of \(matchFields.joined(separator: ", ")) (an empty match would waive everything)"

    private static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        return NSNull.construct(from: scalar) != nil
    }

    private static func kind(of node: Node) -> String {
        switch node {
        case .scalar: return isNull(node) ? "nothing" : "a text"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// A value in double quotes on one line: quotes, backslashes and control characters escaped.
    static func quoted(_ value: String) -> String {
        var out = "\""
        for c in value.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if c.value < 0x20 || c.value == 0x7F || (0x80..<0xA0).contains(c.value) || c == "\u{2028}"
                    || c == "\u{2029}"
                {
                    out += "\\u{\(String(c.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out + "\""
    }
}
