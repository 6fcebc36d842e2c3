import Foundation
import TestHelpers

/// The inputs of this target: its corpus of hostile files and the fuzzer's seeds.
enum HostilePaths {
    static var corpus: URL { Repository.path("Tests/HostileInputTests/Corpus") }
    static var fuzzSeeds: URL { Repository.path("Fuzz/Corpus") }
    static var sharedFleet: URL { Repository.sharedFleet }
}
