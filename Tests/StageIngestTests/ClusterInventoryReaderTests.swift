import Files
import Foundation
import StageIngest
import StageModel
import Testing
import TestHelpers

/// Cluster inventories: the JSON list `GET /api/vcenter/cluster` returns.
@Suite("ClusterInventoryReader")
struct ClusterInventoryReaderTests {
    private func parse(_ text: String) throws(FileError) -> ClusterInventory {
        try ClusterInventoryReader.parse(Array(text.utf8), path: "inv.json")
    }

    @Test func apiList() throws {
        let inv = try parse(
            """
            [{"cluster": "domain-c8", "name": "Prod A", "ha_enabled": true, "drs_enabled": false},
             {"cluster": "domain-c9", "name": "Prod B"}]
            """)
        #expect(inv.name(vcenter: "", id: "domain-c8") == "Prod A")
        #expect(inv.name(vcenter: "vc01", id: "domain-c9") == "Prod B")
        #expect(inv.name(vcenter: "vc01", id: "domain-c10") == nil)
    }

    @Test func restFormWrappedInValue() throws {
        let inv = try parse("{\"value\": [{\"cluster\": \"domain-c8\", \"name\": \"Prod A\"}]}")
        #expect(inv.name(vcenter: "x", id: "domain-c8") == "Prod A")
    }

    @Test func vcenterAnnotationNarrowsAnEntry() throws {
        let inv = try parse(
            """
            [{"cluster": "domain-c8", "name": "Everywhere"},
             {"cluster": "domain-c8", "name": "Only on vc01", "vcenter": "vc01"}]
            """)
        #expect(inv.name(vcenter: "vc01", id: "domain-c8") == "Only on vc01")
        #expect(inv.name(vcenter: "vc02", id: "domain-c8") == "Everywhere")
    }

    @Test func entriesWithoutClusterOrNameAreSkipped() throws {
        let inv = try parse(
            """
            [{"cluster": "domain-c1"}, {"name": "no id"}, {"cluster": 5, "name": "x"}, 7, "s",
             {"cluster": "domain-c2", "name": "kept"}]
            """)
        #expect(inv.name(vcenter: "", id: "domain-c1") == nil)
        #expect(inv.name(vcenter: "", id: "domain-c2") == "kept")
        #expect(try parse("[]").isEmpty)
    }

    @Test func repeatedClusterLastWins() throws {
        let inv = try parse("[{\"cluster\": \"c\", \"name\": \"old\"}, {\"cluster\": \"c\", \"name\": \"new\"}]")
        #expect(inv.name(vcenter: "", id: "c") == "new")
    }

    @Test("Not a list is an error", arguments: ["{}", "{\"value\": 3}", "\"x\"", "{\"clusters\": []}"])
    func notAList(text: String) {
        #expect(throws: FileError.self) { try parse(text) }
    }

    @Test func brokenJSONIsAnErrorWithLineAndColumn() {
        do {
            _ = try parse("[\n  {\"cluster\": \"c\",, \"name\": \"n\"}\n]")
            Issue.record("expected an error")
        } catch {
            #expect(error.path == "inv.json")
            #expect(error.reason == "invalid JSON at line 2, column 19: unexpected ',', expected a member name")
        }
    }

    @Test func readsAFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("clusters.json", "[{\"cluster\": \"domain-c8\", \"name\": \"Z\u{fc}rich\"}]")
        #expect(try ClusterInventoryReader.read(path: path).name(vcenter: "", id: "domain-c8") == "Z\u{fc}rich")
    }

    @Test func missingFileIsAnError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(throws: FileError(path: dir.path + "/none.json", reason: "no such file or directory")) {
            try ClusterInventoryReader.read(path: dir.path + "/none.json")
        }
    }

    /// A UTF-8 byte-order mark at the start of a file is skipped (report-semantics §1), as for
    /// every other input file.
    @Test func byteOrderMarkIsSkipped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("[{\"cluster\": \"domain-c8\", \"name\": \"Prod A\"}]".utf8)
        let inv = try ClusterInventoryReader.parse(bytes, path: "bom.json")
        #expect(inv.name(vcenter: "", id: "domain-c8") == "Prod A")
    }

    /// An empty name is no name: the cluster id is a better display name than "".
    @Test func emptyNameCountsAsAbsent() throws {
        let inv = try parse("[{\"cluster\": \"domain-c8\", \"name\": \"\"}, {\"cluster\": \"\", \"name\": \"no id\"}]")
        #expect(inv.name(vcenter: "", id: "domain-c8") == nil)
        #expect(inv.name(vcenter: "", id: "") == nil)
    }
}
