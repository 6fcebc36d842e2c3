import Files
import Foundation
import StageAggregation

/// Where the templates come from.
public enum TemplateSource: Sendable {
    /// The templates of the repository's `Templates/` folder, compiled into the binary, so the
    /// report renders the same from any working directory.
    case builtIn
    /// A folder of `*.mustache` files (`--templates DIR`); each file replaces the built-in
    /// template of the same relative name, the others stay built in.
    case directory(String)
}

public struct HTMLOptions: Sendable {
    public var templates: TemplateSource = .builtIn
    /// Rows per list on the page; each cut list says how many more are in summary.json.
    public var topN: Int = 50

    public init(templates: TemplateSource = .builtIn, topN: Int = 50) {
        self.templates = templates
        self.topN = topN
    }
}

/// Renders the summary as one self-contained HTML page and an e-mail digest.
public struct HTMLRenderer: Sendable {
    public static let pageFileName = "report.html"
    public static let emailFileName = "report-email.html"

    public var options: HTMLOptions

    public init(options: HTMLOptions = HTMLOptions()) { self.options = options }

    /// Writes DIR/report.html and DIR/report-email.html; returns the paths written.
    ///
    /// Both are rendered before either is written, so a template error leaves no half-updated
    /// pair behind; each file is replaced atomically.
    public func write(summary: Summary, to directory: String) throws(HTMLRenderError) -> [String] {
        let rendered = try render(summary)
        do { try Directories.create(directory) } catch {
            throw .outputDirectory(path: directory, reason: error.description)
        }
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        let paths = [base + HTMLRenderer.pageFileName, base + HTMLRenderer.emailFileName]
        do {
            try AtomicFile.write(rendered.page.utf8, to: paths[0])
            try AtomicFile.write(rendered.email.utf8, to: paths[1])
        } catch {
            throw .output(error)
        }
        return paths
    }

    /// The page and the digest as text. The host × night grid comes from `summary.hostNights`
    /// unless `hostNights` is given; it is left out when empty.
    package func render(_ summary: Summary, hostNights: [HostNightsInput]? = nil) throws(HTMLRenderError) -> (
        page: String, email: String
    ) {
        let hostNights = hostNights ?? summary.hostNights
        let templates = try TemplateSet(options.templates)
        // The script is rendered on its own, from no data at all, so nothing from the inputs can
        // reach it; its hash then goes into the policy, which allows exactly this script.
        let script = templates.render([String: String](), template: TemplateSet.scriptName)
        let csp = HTMLRenderer.contentSecurityPolicy(script: script)
        let page = PageBuilder(summary: summary, topN: options.topN, hostNights: hostNights).build(
            csp: csp, script: script)
        return (
            templates.render(page, template: TemplateSet.pageName),
            templates.render(EmailView(summary: summary, topN: options.topN), template: TemplateSet.emailName)
        )
    }

    /// The view models the two templates receive, for tests that check every template key
    /// against them.
    package func viewModels(_ summary: Summary, hostNights: [HostNightsInput]? = nil) -> (page: Any, email: Any) {
        let hostNights = hostNights ?? summary.hostNights
        let page = PageBuilder(summary: summary, topN: options.topN, hostNights: hostNights).build(csp: "", script: "")
        return (page, EmailView(summary: summary, topN: options.topN))
    }

    /// Nothing may load from anywhere: no fetch, image, font, frame or form target. Styles are
    /// inline (`style` element and attributes); the one script is allowed by its SHA-256.
    package static func contentSecurityPolicy(script: String) -> String {
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-\(SHA256.base64Digest(of: script))'; "
            + "base-uri 'none'; form-action 'none'"
    }
}
