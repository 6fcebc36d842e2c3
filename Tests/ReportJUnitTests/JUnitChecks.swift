import Foundation
import Testing
import StageAggregation
import StageModel
import TestHelpers

/// Checks every JUnit file the tests write must pass: both schemas, and the shape of
/// a report CI systems read (root, suite attributes, counts from elements, formats, identities).
enum JUnitChecks {
    struct Counts: Equatable, CustomStringConvertible {
        var tests = 0, failures = 0, errors = 0, skipped = 0
        var description: String { "tests \(tests) failures \(failures) errors \(errors) skipped \(skipped)" }

        /// What a run's host outcomes must become (issue 3).
        init(outcomes: OutcomeCounts) {
            tests = outcomes.total
            failures = outcomes.failed
            errors = outcomes.timedOut + outcomes.unknown
            skipped = outcomes.skipped + outcomes.inProgress
        }

        init(tests: Int = 0, failures: Int = 0, errors: Int = 0, skipped: Int = 0) {
            (self.tests, self.failures, self.errors, self.skipped) = (tests, failures, errors, skipped)
        }

        static func + (a: Counts, b: Counts) -> Counts {
            Counts(
                tests: a.tests + b.tests, failures: a.failures + b.failures,
                errors: a.errors + b.errors, skipped: a.skipped + b.skipped)
        }
    }

    /// `^[0-9]+\.[0-9]{3}$`: seconds, a dot, exactly three decimals.
    static func isTime(_ s: String?) -> Bool {
        guard let s, let dot = s.firstIndex(of: ".") else { return false }
        let whole = s[..<dot], fraction = s[s.index(after: dot)...]
        return !whole.isEmpty && fraction.count == 3 && (whole + fraction).allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$`.
    static func isTimestamp(_ s: String?) -> Bool {
        guard let s else { return false }
        let shape = Array("dddd-dd-ddTdd:dd:dd")
        let chars = Array(s)
        return chars.count == shape.count
            && zip(chars, shape).allSatisfy { c, p in
                p == "d" ? (c.isASCII && c.isNumber) : c == p
            }
    }
    /// Words that Rails-based readers (ActiveSupport) typecast by: never a `type`.
    static let typecastWords: Set<String> = [
        "symbol", "yaml", "array", "integer", "float", "double", "decimal",
        "boolean", "date", "datetime", "dateTime", "string", "binary",
        "base64Binary", "file", "hash"
    ]

    /// Validates `path` against both schemas, checks its shape, and returns its root element.
    @discardableResult
    static func verify(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ParsedElement {
        var schemas = [try LibXMLSchema.ant.get()]
        if ExternalTool.jenkinsSchema.pathForCheck(sourceLocation: sourceLocation) != nil,
            let jenkins = LibXMLSchema.jenkins
        {
            schemas.append(try jenkins.get())
        }
        for schema in schemas {
            let errors = schema.errors(validating: path)
            #expect(
                errors.isEmpty, "\(path) against \(schema.path): \(errors.prefix(5))", sourceLocation: sourceLocation)
        }
        let bytes = try #require(FileBytes.read(path))
        let declaration = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8)
        #expect(
            Array(bytes.prefix(declaration.count)) == declaration, "no BOM, UTF-8 declaration first",
            sourceLocation: sourceLocation)

        let root = try #require(try LibXMLDocument(path: path).root(), sourceLocation: sourceLocation)
        #expect(root.name == "testsuites", sourceLocation: sourceLocation)
        #expect(
            root.attributes.isEmpty, "the Ant schema allows no attribute on <testsuites>",
            sourceLocation: sourceLocation)
        #expect(root.children.allSatisfy { $0.name == "testsuite" }, sourceLocation: sourceLocation)
        for (index, suite) in root.children.enumerated() {
            checkSuite(suite, index: index, sourceLocation: sourceLocation)
        }
        return root
    }

    static func checkSuite(_ suite: ParsedElement, index: Int, sourceLocation: SourceLocation) {
        let where_ = "suite \(index) (\(suite["name"] ?? "?"))"
        #expect(suite["id"] == String(index), "\(where_): id", sourceLocation: sourceLocation)
        for attribute in ["name", "package", "hostname", "timestamp", "tests", "failures", "errors", "skipped", "time"]
        {
            #expect(suite[attribute] != nil, "\(where_): \(attribute) missing", sourceLocation: sourceLocation)
        }
        #expect(
            isTime(suite["time"]),
            "\(where_): time \(suite["time"] ?? "nil")", sourceLocation: sourceLocation)
        #expect(
            isTimestamp(suite["timestamp"]),
            "\(where_): timestamp \(suite["timestamp"] ?? "nil")", sourceLocation: sourceLocation)

        let names = suite.children.map(\.name)
        let caseCount = names.filter { $0 == "testcase" }.count
        #expect(
            names == ["properties"] + Array(repeating: "testcase", count: caseCount) + ["system-out", "system-err"],
            "\(where_): child order", sourceLocation: sourceLocation)
        let properties = suite.children(named: "properties").first?.children ?? []
        #expect(!properties.isEmpty, "\(where_): properties must not be empty", sourceLocation: sourceLocation)
        let propertyNames = properties.compactMap { $0["name"] }
        #expect(
            Set(propertyNames).count == propertyNames.count, "\(where_): duplicate property names",
            sourceLocation: sourceLocation)

        var counted = Counts()
        var identities = Set<String>()
        for testCase in suite.children(named: "testcase") {
            counted.tests += 1
            let name = testCase["name"] ?? "", classname = testCase["classname"] ?? ""
            #expect(
                !name.isEmpty && !classname.isEmpty, "\(where_): case without name/classname",
                sourceLocation: sourceLocation)
            #expect(
                identities.insert(classname + "\u{0}" + name).inserted, "\(where_): duplicate case \(name)",
                sourceLocation: sourceLocation)
            #expect(isTime(testCase["time"]), "\(where_): \(name) time", sourceLocation: sourceLocation)
            #expect(
                testCase.children.count <= 1, "\(where_): \(name) has several results", sourceLocation: sourceLocation)
            guard let result = testCase.children.first else { continue }
            switch result.name {
            case "failure": counted.failures += 1
            case "error": counted.errors += 1
            case "skipped": counted.skipped += 1
            default: Issue.record("\(where_): unexpected <\(result.name)>", sourceLocation: sourceLocation)
            }
            let message = result["message"] ?? ""
            #expect(!message.isEmpty, "\(where_): \(name) result without message", sourceLocation: sourceLocation)
            #expect(!message.contains("\n") && !message.contains("\r"), sourceLocation: sourceLocation)
            #expect(
                result.text.hasPrefix(message + "\n"), "\(where_): body must start with the message line",
                sourceLocation: sourceLocation)
            if result.name != "skipped" {
                let type = result["type"] ?? ""
                #expect(
                    type.contains(".") && !typecastWords.contains(type), "\(where_): type \(type)",
                    sourceLocation: sourceLocation)
            } else {
                #expect(
                    result["type"] == nil, "the Ant schema has no type on <skipped>", sourceLocation: sourceLocation)
            }
        }
        #expect(suite["tests"] == String(counted.tests), "\(where_): tests", sourceLocation: sourceLocation)
        #expect(suite["failures"] == String(counted.failures), "\(where_): failures", sourceLocation: sourceLocation)
        #expect(suite["errors"] == String(counted.errors), "\(where_): errors", sourceLocation: sourceLocation)
        #expect(suite["skipped"] == String(counted.skipped), "\(where_): skipped", sourceLocation: sourceLocation)
    }

    /// The counts written on a suite's start tag.
    static func counts(of suite: ParsedElement) -> Counts {
        Counts(
            tests: Int(suite["tests"] ?? "") ?? -1, failures: Int(suite["failures"] ?? "") ?? -1,
            errors: Int(suite["errors"] ?? "") ?? -1, skipped: Int(suite["skipped"] ?? "") ?? -1)
    }

    static func property(_ name: String, of suite: ParsedElement) -> String? {
        suite.children(named: "properties").first?.children.first { $0["name"] == name }?["value"]
    }
}

/// Whole-file reads without Foundation's `Data`, so byte comparisons stay simple.
enum FileBytes {
    static func read(_ path: String) -> [UInt8]? {
        guard let handle = fopen(path, "rb") else { return nil }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = fread(&chunk, 1, chunk.count, handle)
            if n > 0 { bytes.append(contentsOf: chunk[..<n]) }
            if n < chunk.count { break }
        }
        return bytes
    }
}
