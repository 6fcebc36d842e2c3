// swift-tools-version: 6.0
import PackageDescription

// The libFuzzer target of issue 7, in its own package so that `--sanitize=fuzzer` (which builds
// every executable with -parse-as-library) never touches the main package's build, and the
// main package's `swift build` / `swift test` never see it. Run it with Scripts/fuzz.sh.
//
// StageIngest and the targets it needs are the main package's own sources, reached through
// symbolic links (Sources/StageModel → ../../Sources/StageModel, likewise StageIngest,
// RunStorage, Files and Workers): SwiftPM allows
// no target path outside the package root, and the main package exports no library product a
// `.package(path: "..")` dependency could link against. The fuzzer therefore always fuzzes
// the sources of the working tree, compiled with the fuzzer's instrumentation.
let package = Package(
    name: "stage-report-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1")
    ],
    targets: [
        .target(name: "StageModel"),
        .target(name: "Workers"),
        .target(name: "Files", dependencies: [.product(name: "SystemPackage", package: "swift-system")]),
        .target(name: "RunStorage", dependencies: ["StageModel", "Files"]),
        .target(name: "StageIngest", dependencies: ["StageModel", "RunStorage", "Files", "Workers"]),
        .executableTarget(name: "DocumentFuzzer", dependencies: ["StageIngest", "RunStorage", "StageModel"])
    ],
    swiftLanguageModes: [.v6]
)
