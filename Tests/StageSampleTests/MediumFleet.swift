import Foundation
import TestHelpers
@testable import StageSample

/// A medium fleet (about 19 000 host outcomes) generated once and read back for the
/// proportion and quirk tests; the files are deleted as soon as they are read.
final class MediumFleet: @unchecked Sendable {
    static let spec = SampleFleetSpec(
        vcenters: 4, clustersPerVCenter: 10, hostsPerCluster: 16,
        nights: 30, seed: 7)
    static let shared = MediumFleet()

    let stats: SampleFleetStats
    let files: [String]
    let documents: [ReadDocument]
    let reading: FleetReading
    let failure: String?

    private init() {
        var stats = SampleFleetStats()
        var files: [String] = []
        var documents: [ReadDocument] = []
        var failure: String?
        do {
            try withTemporaryDirectory("sample") { scratch in
                let directory = scratch.url
                stats = try SampleFleetWriter(spec: Self.spec).write(to: directory)
                files = try filesBelow(directory).map(\.path)
                documents = try readDocuments(directory)
            }
        } catch {
            failure = "\(error)"
        }
        self.stats = stats
        self.files = files
        self.documents = documents
        self.failure = failure
        reading = FleetReading(documents)
    }

    /// Every value reachable from the documents' JSON, with the key it sits under.
    func walk(_ visit: (_ key: String?, _ value: Any, _ source: String) -> Void) {
        func go(_ key: String?, _ value: Any, _ source: String) {
            visit(key, value, source)
            if let object = value as? [String: Any] {
                for (childKey, child) in object { go(childKey, child, source) }
            } else if let array = value as? [Any] {
                for child in array { go(nil, child, source) }
            }
        }
        for document in documents { go(nil, document.object, document.source) }
    }

    /// Host status objects of the kept runs with their host id and run.
    func hostStatuses() -> [(host: String, status: [String: Any], run: FleetReading.Run)] {
        reading.runs.flatMap { run in
            mapEntries(run.result["host_status"]).compactMap { entry in
                (entry.value as? [String: Any]).map { (entry.key, $0, run) }
            }
        }
    }
}
