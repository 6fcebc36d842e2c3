import ArgumentParser
import Foundation
import StageSample

/// `stage-report sample`: write a realistic synthetic fleet, for demos, tests and benchmarks.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write a seeded synthetic fleet of stage results in all three wire forms."
    )

    @Option(name: .long, help: "Output directory.")
    var out: String

    @Option(name: .long, help: "Number of vCenters.")
    var vcenters: Int = SampleFleetSpec().vcenters

    @Option(name: .long, help: "Clusters per vCenter.")
    var clusters: Int = SampleFleetSpec().clustersPerVCenter

    @Option(name: .long, help: "Hosts per cluster (each cluster varies around it).")
    var hosts: Int = SampleFleetSpec().hostsPerCluster

    @Option(name: .long, help: "Nights of stage runs.")
    var nights: Int = SampleFleetSpec().nights

    @Option(name: .long, help: "Random seed; the same seed gives the same bytes.")
    var seed: UInt64 = SampleFleetSpec().seed

    @Option(name: .long, help: "files (one JSON file per run) or jsonl (one JSON Lines file per vCenter).")
    var layout: SampleLayout = .filePerRun

    func run() throws {
        let spec = SampleFleetSpec(
            vcenters: vcenters, clustersPerVCenter: clusters, hostsPerCluster: hosts,
            nights: nights, seed: seed, layout: layout)
        // Leftovers of another spec would mix into the fleet: start from an empty directory.
        if let existing = try? FileManager.default.contentsOfDirectory(atPath: out), !existing.isEmpty {
            throw ValidationError("--out \(out) is not empty; the fleet must be written to a new or empty directory")
        }
        do {
            try spec.validate()
            let stats = try SampleFleetWriter(spec: spec).write(to: URL(fileURLWithPath: out))
            FileHandleOutput.standardError(
                "stage-report: wrote \(stats.files) files, \(stats.documents) documents, "
                    + "\(stats.hostOutcomes) host outcomes, \(stats.bytes) bytes to \(out)"
            )
        } catch {
            throw ValidationError("\(error)")
        }
    }
}
