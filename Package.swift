// swift-tools-version: 6.0
import PackageDescription

// One target per stage of the pipeline; dependencies point one way:
// StageModel → StageIngest → StageAggregation → ReportCore → renderers → stage-report.
let package = Package(
    name: "stage-report",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "stage-report", targets: ["stage-report"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // Normalised runs and host outcomes, timestamps. No dependencies.
        .target(name: "StageModel"),
        // Finding, reading, parsing and classifying documents.
        .target(name: "StageIngest", dependencies: ["StageModel"]),
        // Pure: runs in canonical order → Summary. No I/O.
        .target(name: "StageAggregation", dependencies: ["StageModel"]),
        // What every renderer shares: atomic output files, text sanitising, formatting.
        .target(name: "ReportCore", dependencies: ["StageModel", "StageIngest", "StageAggregation"]),
        // libxml2, seen only by ReportJUnit.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        .target(name: "ReportJUnit", dependencies: ["ReportCore", "StageAggregation", "StageModel", "CLibXML2"]),
        .target(name: "ReportHTML", dependencies: [
            "ReportCore", "StageAggregation", "StageModel",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .target(name: "ReportMarkdown", dependencies: ["ReportCore", "StageAggregation", "StageModel"]),
        // The synthetic fleet generator behind `stage-report sample`, the demo and benchmarks.
        .target(name: "StageSample"),
        .executableTarget(
            name: "stage-report",
            dependencies: [
                "StageModel", "StageIngest", "StageAggregation", "ReportCore", "StageSample",
                "ReportJUnit", "ReportHTML", "ReportMarkdown",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What the test targets share: temporary directories, golden files, running programs,
        // and the external tools some tests need (Scripts/setup.sh installs them).
        .target(name: "TestHelpers", path: "Tests/TestHelpers"),
        .testTarget(name: "StageModelTests", dependencies: ["StageModel"]),
        .testTarget(name: "StageIngestTests", dependencies: ["StageIngest", "StageModel", "TestHelpers"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "StageAggregationTests",
                    dependencies: ["StageAggregation", "StageIngest", "StageModel", "TestHelpers"]),
        .testTarget(name: "StageSampleTests", dependencies: ["StageSample", "TestHelpers"]),
        .testTarget(name: "ReportJUnitTests", dependencies: ["ReportJUnit", "ReportCore", "StageAggregation", "StageIngest", "StageModel",
                                                            "StageSample", "CLibXML2", "TestHelpers"],
                    exclude: ["Golden", "Schemas", "check_junit.py"]),
        .testTarget(name: "ReportHTMLTests", dependencies: ["ReportHTML", "ReportCore", "StageAggregation", "StageModel",
                                                           "stage-report", "TestHelpers"],
                    exclude: ["Golden"]),
        .testTarget(name: "ReportMarkdownTests", dependencies: ["ReportMarkdown", "ReportCore", "StageAggregation", "StageModel",
                                                               "TestHelpers"],
                    exclude: ["Golden"]),
        .testTarget(name: "StageReportCLITests", dependencies: ["stage-report", "TestHelpers"],
                    exclude: ["Golden"]),
        // Hostile and broken inputs, faults, kills and determinism, end to end (issue 7).
        .testTarget(name: "HostileInputTests", dependencies: ["stage-report", "StageIngest", "StageModel", "TestHelpers"],
                    exclude: ["Corpus"]),
    ],
    swiftLanguageModes: [.v6]
)
