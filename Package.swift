// swift-tools-version: 6.0
import PackageDescription

// One job per target; dependencies point one way: from the foundations (StageModel, Workers,
// Files, then ReportText and JSONOutput) through RunStorage → StageIngest → StageAggregation
// → StagePipeline (which also calls RunHistory, the SQLite history), and from StageAggregation
// to the renderers (ReportJSON, ReportJUnit, ReportHTML, ReportMarkdown, ReportCSV,
// ReportPrometheus, ReportCTRF, ReportChat), each of which reads only the summary (JUnit and
// CTRF also the runs).
// stage-report wires them together.
let package = Package(
    name: "stage-report",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "stage-report", targets: ["stage-report"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0")
    ],
    targets: [
        // Runs, hosts, outcomes, reasons and timestamps: the model and nothing else. No dependencies.
        .target(name: "StageModel"),
        // Running work on worker threads (POSIX threads, one way everywhere). No dependencies.
        .target(name: "Workers"),
        // Files on disk: atomic output files and their batches, scratch files, directories.
        .target(name: "Files", dependencies: [.product(name: "SystemPackage", package: "swift-system")]),
        // Text every human-facing output shares: sanitising, number and date formatting.
        .target(name: "ReportText", dependencies: ["StageModel"]),
        // Writing JSON with a fixed member order and byte-stable numbers.
        .target(name: "JSONOutput", dependencies: ["ReportText", "Files"]),
        // Runs on disk while a report is made: their encoding, the spool and the header table.
        .target(name: "RunStorage", dependencies: ["StageModel", "Files"]),
        // The history of past runs in an embedded SQLite database (GRDB, seen only here; issue 18).
        .target(
            name: "RunHistory",
            dependencies: [
                "StageModel", "Workers", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift")
            ]),
        // Finding, reading, parsing and classifying documents into runs.
        .target(name: "StageIngest", dependencies: ["StageModel", "RunStorage", "Files", "Workers"]),
        // Pure: runs in canonical order → Summary. No I/O.
        .target(name: "StageAggregation", dependencies: ["StageModel", "Workers", "Waivers"]),
        // Ingest → duplicate resolution → aggregation, the kept runs on disk, partial files, and
        // the history step (record the kept runs, read the window back).
        .target(
            name: "StagePipeline",
            dependencies: [
                "StageModel", "RunStorage", "StageIngest", "StageAggregation", "Workers", "Files", "RunHistory",
                "Waivers"
            ]),
        // The renderers: each reads the summary (JUnit also the runs) and writes its files.
        .target(
            name: "ReportJSON", dependencies: ["StageAggregation", "StageModel", "JSONOutput", "Files", "Waivers"]),
        // libxml2, seen only by ReportJUnit.
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        .target(
            name: "ReportJUnit",
            dependencies: [
                "StageAggregation", "StageModel", "ReportText", "Files", "Workers", "CLibXML2", "Waivers"
            ]),
        .target(
            name: "ReportHTML",
            dependencies: [
                "StageAggregation", "StageModel", "ReportText", "Files", "Waivers",
                .product(name: "Mustache", package: "swift-mustache")
            ]),
        .target(
            name: "ReportMarkdown", dependencies: ["StageAggregation", "StageModel", "ReportText", "Files", "Waivers"]),
        // Waivers (issue 19): loading and checking a waiver file, glob patterns, matching outcomes to
        // waivers, and the per-waiver ledger. Yams (libyaml) is seen only here.
        .target(name: "Waivers", dependencies: ["StageModel", .product(name: "Yams", package: "Yams")]),
        // Times matching on a synthetic fleet of the 100 MB benchmark's shape (docs/performance.md).
        .executableTarget(name: "waivers-benchmark", dependencies: ["Waivers", "StageModel", "StageSample"]),
        // hosts.csv and clusters.csv for spreadsheets (issue 20).
        .target(name: "ReportCSV", dependencies: ["StageAggregation", "StageModel", "ReportText", "Files"]),
        // stage-report.prom for node_exporter's textfile collector (issue 20).
        .target(
            name: "ReportPrometheus",
            dependencies: ["StageAggregation", "StageModel", "ReportText", "Files", "Waivers"]),
        // The Common Test Report Format: one test per host outcome, streamed like JUnit.
        .target(
            name: "ReportCTRF",
            dependencies: ["StageAggregation", "StageModel", "ReportText", "JSONOutput", "Files", "Waivers"]),
        // The Slack and Microsoft Teams webhook payloads: one digest of the summary, two encodings.
        .target(
            name: "ReportChat",
            dependencies: ["StageAggregation", "StageModel", "ReportText", "JSONOutput", "Files", "Waivers"]),
        // The synthetic fleet generator behind `stage-report sample`, the demo and benchmarks.
        .target(name: "StageSample", dependencies: ["StageModel", "JSONOutput", "Files", "Workers"]),
        .executableTarget(
            name: "stage-report",
            dependencies: [
                "StageModel", "StageIngest", "StageAggregation", "StagePipeline", "Files", "Workers", "ReportText",
                "StageSample", "Waivers", "RunHistory",
                "ReportJSON", "ReportJUnit", "ReportHTML", "ReportMarkdown", "ReportCSV", "ReportPrometheus",
                "ReportCTRF", "ReportChat",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "SystemPackage", package: "swift-system")
            ]
        ),
        // What the test targets share: temporary directories, golden files, running programs,
        // the external tools some tests need (Scripts/setup.sh installs them), and the hostile
        // fleet the renderers' tests feed them (it needs the model, the summary and text cleaning).
        .target(
            name: "TestHelpers",
            dependencies: [
                "StageModel", "StageAggregation", "StageIngest", "StagePipeline", "StageSample", "ReportText",
                "Waivers"
            ],
            path: "Tests/TestHelpers"),
        .testTarget(name: "StageModelTests", dependencies: ["StageModel", "TestHelpers"]),
        .testTarget(name: "WorkersTests", dependencies: ["Workers"]),
        .testTarget(name: "FilesTests", dependencies: ["Files", "TestHelpers"]),
        .testTarget(name: "ReportTextTests", dependencies: ["ReportText"]),
        .testTarget(
            name: "WaiversTests", dependencies: ["Waivers", "StageModel", "TestHelpers"], exclude: ["Fixtures"]),
        .testTarget(name: "JSONOutputTests", dependencies: ["JSONOutput"]),
        .testTarget(name: "RunStorageTests", dependencies: ["RunStorage", "StageModel", "TestHelpers"]),
        .testTarget(
            name: "ReportJSONTests", dependencies: ["ReportJSON", "StageAggregation", "StageModel", "TestHelpers"]),
        .testTarget(
            name: "StagePipelineTests",
            dependencies: [
                "StagePipeline", "StageAggregation", "StageIngest", "StageModel", "StageSample", "ReportJUnit",
                "TestHelpers"
            ]),
        .testTarget(
            name: "StageIngestTests", dependencies: ["StageIngest", "StageModel", "Files", "TestHelpers"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "StageAggregationTests",
            dependencies: ["StageAggregation", "StagePipeline", "StageIngest", "StageModel", "TestHelpers"]),
        .testTarget(
            name: "RunHistoryTests", dependencies: ["RunHistory", "StageModel", "TestHelpers"]),
        .testTarget(name: "StageSampleTests", dependencies: ["StageSample", "JSONOutput", "TestHelpers"]),
        .testTarget(
            name: "ReportJUnitTests",
            dependencies: [
                "ReportJUnit", "ReportJSON", "ReportText", "Files", "StagePipeline",
                "StageAggregation", "StageIngest", "StageModel", "StageSample", "CLibXML2", "TestHelpers", "Waivers"
            ],
            exclude: ["Golden", "Schemas", "check_junit.py"]),
        .testTarget(
            name: "ReportHTMLTests",
            dependencies: [
                "ReportHTML", "ReportJSON", "ReportText", "StagePipeline", "StageAggregation", "StageModel",
                "stage-report", "TestHelpers", "Waivers"
            ],
            exclude: ["Golden"]),
        .testTarget(
            name: "ReportMarkdownTests",
            dependencies: [
                "ReportMarkdown", "StagePipeline", "StageAggregation", "StageModel", "TestHelpers"
            ],
            exclude: ["Golden"]),
        .testTarget(
            name: "ReportCSVTests",
            dependencies: [
                "ReportCSV", "StagePipeline", "StageAggregation", "StageModel", "StageSample", "TestHelpers"
            ],
            exclude: ["Golden", "read_csv.py"]),
        .testTarget(
            name: "ReportPrometheusTests",
            dependencies: [
                "ReportPrometheus", "StagePipeline", "StageAggregation", "StageModel", "StageSample", "TestHelpers"
            ],
            exclude: ["Golden", "read_prom.py"]),
        .testTarget(
            name: "ReportCTRFTests",
            dependencies: ["ReportCTRF", "StagePipeline", "StageAggregation", "StageModel", "TestHelpers"],
            exclude: ["Golden", "check_ctrf.py"]),
        .testTarget(
            name: "ReportChatTests",
            dependencies: ["ReportChat", "StagePipeline", "StageAggregation", "StageModel", "TestHelpers"],
            exclude: ["Golden", "check_chat.py"]),
        .testTarget(
            name: "StageReportCLITests", dependencies: ["stage-report", "TestHelpers"],
            exclude: ["Golden", "Fixtures"]),
        // Hostile and broken inputs, faults, kills and determinism, end to end (issue 7).
        .testTarget(
            name: "HostileInputTests", dependencies: ["stage-report", "StageIngest", "StageModel", "TestHelpers"],
            exclude: ["Corpus"])
    ],
    swiftLanguageModes: [.v6]
)
