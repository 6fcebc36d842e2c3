@testable import StageAggregation
import Testing
import TestHelpers

/// `String.relocated` (why: see its file) must give the same text, in storage of its own.
@Suite("String.relocated")
struct StringRelocatedTests {
    /// Where the string's UTF-8 is stored; a small string's is a copy on the stack, so this is
    /// only meaningful for strings of 16 bytes and more.
    private static func storage(of s: String) -> Int {
        var s = s
        return s.withUTF8 { Int(bitPattern: $0.baseAddress) }
    }

    @Test(
        "same text, new storage",
        arguments: [
            "esx-sjc-c45-18.dc5.example.com",
            "com.vmware.vcIntegrity.lifecycle.TaskError.HealthCheckFailed",
            "hôte-ünïcødé-名前-0001-🙂",
            "a\u{0}b\u{0}c: a NUL inside is kept",
            "sixteen bytes ok"
        ])
    func copiesLongStrings(_ text: String) {
        // Built at run time, so that it is a native heap string, as decoded input is.
        let original = String(decoding: Array(text.utf8), as: UTF8.self)
        let copy = original.relocated
        #expect(copy == original)
        #expect(Array(copy.utf8) == Array(original.utf8))
        #expect(original.utf8.count >= 16)
        #expect(Self.storage(of: copy) != Self.storage(of: original))
    }

    @Test("small strings are returned as they are", arguments: ["", "host-1785", "fifteen bytes!!", "é"])
    func keepsSmallStrings(_ text: String) {
        let original = String(decoding: Array(text.utf8), as: UTF8.self)
        #expect(original.utf8.count <= 15)
        #expect(original.relocated == original)
        #expect(Array(original.relocated.utf8) == Array(original.utf8))
    }

    @Test("StringRelocation copies each original once")
    func relocationCopiesEachOriginalOnce() {
        let name = String(decoding: Array("esx-sjc-c45-18.dc5.example.com".utf8), as: UTF8.self)
        let other = String(decoding: Array("esx-par-c22-03.dc3.example.com".utf8), as: UTF8.self)
        var copy = StringRelocation()
        let first = copy(name), again = copy(name), second = copy(other)
        #expect(first == name && again == name && second == other)
        #expect(Self.storage(of: first) != Self.storage(of: name))
        // The same original gives the same copy, not a second one.
        #expect(Self.storage(of: again) == Self.storage(of: first))
        #expect(Self.storage(of: second) != Self.storage(of: first))
        #expect(copy("host-1785") == "host-1785")
    }
}
