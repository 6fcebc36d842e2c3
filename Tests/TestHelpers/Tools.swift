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
}
