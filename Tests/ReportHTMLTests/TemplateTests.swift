import Foundation
import ReportHTML
import StageAggregation
import Testing
import TestHelpers

@Suite("Templates: embedded copy, keys, errors and overrides")
struct TemplateTests {
    /// `Templates/` is the source of truth; the compiled-in copy must never go stale.
    @Test func builtInTemplatesMatchTemplatesFolder() throws {
        let root = Fixture.templates.path + "/"
        let files = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".mustache") }.sorted()
        var onDisk: [String: String] = [:]
        for f in files {
            onDisk[String(f.dropLast(".mustache".count))] = String(
                decoding: try #require(FileManager.default.contents(atPath: root + f)), as: UTF8.self)
        }
        let embedded = Dictionary(BuiltInTemplates.all, uniquingKeysWith: { a, _ in a })
        #expect(embedded.count == BuiltInTemplates.all.count, "duplicate names")
        #expect(Set(embedded.keys) == Set(onDisk.keys), "run Scripts/embed-templates.sh")
        for (name, text) in onDisk {
            #expect(
                embedded[name] == text,
                "Templates/\(name).mustache differs from the embedded copy: run Scripts/embed-templates.sh")
        }
    }

    /// swift-mustache renders a key it cannot find as nothing, silently. So every name a
    /// template uses must be a stored property of the view models, checked on a fixture where
    /// every section is populated: no optional anywhere, no empty list.
    @Test func everyTemplateKeyExistsInTheViewModels() throws {
        let s = try SyntheticFleet.populated()
        let models = HTMLRenderer(options: HTMLOptions(topN: 1)).viewModels(
            s, hostNights: SyntheticFleet.hostNights(for: s))
        var labels = Set<String>()
        var problems: [String] = []
        walk(models.page, path: "page", labels: &labels, problems: &problems)
        walk(models.email, path: "email", labels: &labels, problems: &problems)
        #expect(problems.isEmpty, "\(problems)")
        for (name, text) in BuiltInTemplates.all {
            for key in TemplateTests.keys(in: text) {
                for part in key.split(separator: ".") where !labels.contains(String(part)) {
                    Issue.record("\(name).mustache uses {{\(key)}}, which no view model has")
                }
            }
        }
    }

    private func walk(_ value: Any, path: String, labels: inout Set<String>, problems: inout [String]) {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            problems.append("\(path) is optional")
        case .collection:
            if mirror.children.isEmpty { problems.append("\(path) is empty in the populated fixture") }
            for (i, child) in mirror.children.enumerated() where i < 3 {
                walk(child.value, path: "\(path)[\(i)]", labels: &labels, problems: &problems)
            }
        case .struct:
            for child in mirror.children {
                guard let label = child.label else { continue }
                labels.insert(label)
                walk(child.value, path: "\(path).\(label)", labels: &labels, problems: &problems)
            }
        default:
            break
        }
    }

    /// Variable and section names used by a template (not partials, comments or pragmas).
    static func keys(in text: String) -> [String] {
        var keys: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            var tag = rest[open.upperBound..<close.lowerBound]
            rest = rest[close.upperBound...]
            if tag.first.map({ "!><%=".contains($0) }) == true { continue }
            if tag.first.map({ "#^/&{".contains($0) }) == true { tag = tag.dropFirst() }
            let name = tag.trimmingCharacters(in: .whitespaces)
            if name != "." && !name.isEmpty { keys.append(name) }
        }
        return keys
    }

    // MARK: Errors name the file and line

    private func directory(_ files: [String: String]) throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory("templates")
        for (name, text) in files { try dir.write(name, text) }
        return dir
    }

    private func renderError(_ templates: TemplateSource) -> HTMLRenderError? {
        do {
            _ = try Fixture.render(try Fixture.sharedSummary(), templates: templates)
            return nil
        } catch let error as HTMLRenderError {
            return error
        } catch {
            Issue.record("untyped error \(error)")
            return nil
        }
    }

    @Test func brokenTemplateNamesFileLineAndColumn() throws {
        let dir = try directory([
            "partials/header.mustache": "<header>\n<h1>{{title}}</h1>\n{{#verdict}}\n<p>{{label}}</p>\n{{/figures}}\n"
        ])
        let error = try #require(renderError(.directory(dir.path)))
        guard case .templateSyntax(let file, let line, _, let problem, _) = error else {
            Issue.record("expected a syntax error, got \(error)")
            return
        }
        #expect(file == dir.path + "/partials/header.mustache")
        #expect(line == 5)
        #expect(problem.contains("different name"))
        #expect(error.description.hasPrefix(dir.path + "/partials/header.mustache:5:"))
    }

    @Test func unclosedTagIsASyntaxError() throws {
        let dir = try directory(["report.mustache": "<html>\n<title>{{title</title>\n"])
        let error = try #require(renderError(.directory(dir.path)))
        guard case .templateSyntax(let file, let line, _, _, _) = error else {
            Issue.record("expected a syntax error, got \(error)")
            return
        }
        #expect(file.hasSuffix("/report.mustache"))
        #expect(line >= 2)
    }

    @Test func missingPartialNamesTheReferringFileAndLine() throws {
        let dir = try directory(["report.mustache": "<html>\n{{> partials/header}}\n{{> partials/brand}}\n</html>\n"])
        let error = try #require(renderError(.directory(dir.path)))
        #expect(error == .missingPartial(file: dir.path + "/report.mustache", line: 3, partial: "partials/brand"))
        #expect(error.description.contains("report.mustache:3: partial 'partials/brand' not found"))
    }

    @Test func missingOrEmptyDirectoryIsAnError() throws {
        #expect(
            renderError(.directory("/nonexistent/templates"))
                == .templateDirectoryNotFound(path: "/nonexistent/templates"))
        let dir = try directory(["README.md": "no templates here"])
        #expect(renderError(.directory(dir.path)) == .noTemplates(directory: dir.path))
    }

    @Test func nonUTF8TemplateIsAnError() throws {
        let scratch = try TemporaryDirectory("templates")
        let dir = scratch.url
        try Data([0x3C, 0xFF, 0xFE, 0x3E]).write(to: dir.appendingPathComponent("report.mustache"))
        #expect(
            renderError(.directory(dir.path))
                == .unreadableTemplate(file: dir.path + "/report.mustache", reason: "not valid UTF-8"))
    }

    /// A team can brand the report by replacing one partial; everything else stays built in.
    @Test func directoryTemplatesOverrideBuiltInsByName() throws {
        let dir = try directory([
            "partials/header.mustache": "<header class=\"top\"><h1>ACME fleet: {{title}}</h1></header>\n"
        ])
        let (page, email) = try Fixture.render(try Fixture.sharedSummary(), templates: .directory(dir.path))
        #expect(page.contains("<h1>ACME fleet: Stage report</h1>"))
        #expect(page.contains("id=\"t-clusters\""))
        #expect(email == (try Fixture.render(Fixture.sharedSummary())).email)
    }

    /// An edited script is still allowed: its hash is computed from what is rendered.
    @Test func editedScriptGetsItsOwnHash() throws {
        let script = "document.documentElement.dataset.custom = 'yes';\n"
        let dir = try directory(["report-script.mustache": script])
        let (page, _) = try Fixture.render(try Fixture.sharedSummary(), templates: .directory(dir.path))
        #expect(page.contains("<script>\(script)</script>"))
        #expect(page.contains("sha256-\(SHA256.base64Digest(of: script))"))
    }

    /// The built-in set is compiled in: the CLI, run from a directory that holds a `Templates/`
    /// of its own and from an empty one, writes the same page as the built-ins render here. A
    /// relative `--templates Templates` from the first directory does read its decoy, which
    /// shows the runs really happened there.
    @Test func builtInTemplatesDoNotReadTheWorkingDirectory() throws {
        let scratch = try TemporaryDirectory("cwd")
        let decoy = "<!DOCTYPE html>\n<p>DECOY {{title}}</p>\n"
        try scratch.write("decoy/Templates/report.mustache", decoy)
        try scratch.write("decoy/report.mustache", decoy)
        try scratch.mkdir("empty")

        func page(from directory: String, _ extra: [String] = []) throws -> String {
            let out = scratch.at("out-\(UUID().uuidString)").path
            let r = try ProcessRunner.run(
                [
                    "report", Fixture.sharedFleet.path, "--out", out, "--format", "html",
                    "--now", "2026-11-05T00:00:00Z"
                ] + extra,
                currentDirectory: scratch.at(directory).path)
            #expect(r.exitCode == 0, "\(r)")
            return String(decoding: try Data(contentsOf: URL(fileURLWithPath: out + "/report.html")), as: UTF8.self)
        }

        let fromDecoy = try page(from: "decoy"), fromEmpty = try page(from: "empty")
        #expect(!fromDecoy.contains("DECOY"))
        #expect(fromDecoy == fromEmpty)
        #expect(fromDecoy.hasPrefix("<!DOCTYPE html>") && fromDecoy.contains("<table"))
        #expect(try page(from: "decoy", ["--templates", "Templates"]).contains("DECOY"))
    }
}

@Suite("SHA-256 for the script hash")
struct SHA256Tests {
    @Test(arguments: [
        ("", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="),
        ("abc", "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "JI1qYdIGOLjlwCaTDD5gOaM85Flk/yFn9uzt1BnbBsE=")
    ])
    func knownDigests(input: String, expected: String) {
        #expect(SHA256.base64Digest(of: input) == expected)
    }

    @Test func longInputSpansManyBlocks() {
        // sha256 of one million 'a' (FIPS 180-2 test vector).
        let digest = SHA256.digest(Array(repeating: UInt8(ascii: "a"), count: 1_000_000))
        let hex = digest.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
            .joined()
        #expect(hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
