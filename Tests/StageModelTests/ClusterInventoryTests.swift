import StageModel
import Testing

/// Cluster display names by (vCenter, id); an entry without a vCenter names the id everywhere.
@Suite("ClusterInventory")
struct ClusterInventoryTests {
    @Test func lookup() {
        var inv = ClusterInventory()
        #expect(inv.isEmpty)
        inv.add(id: "domain-c8", name: "Anywhere", vcenter: nil)
        inv.add(id: "domain-c8", name: "On vc01", vcenter: "vc01")
        inv.add(id: "domain-c9", name: "Only vc02", vcenter: "vc02")
        #expect(!inv.isEmpty)
        #expect(inv.name(vcenter: "vc01", id: "domain-c8") == "On vc01")
        #expect(inv.name(vcenter: "vc02", id: "domain-c8") == "Anywhere")
        #expect(inv.name(vcenter: "", id: "domain-c8") == "Anywhere")
        #expect(inv.name(vcenter: "vc02", id: "domain-c9") == "Only vc02")
        #expect(inv.name(vcenter: "vc01", id: "domain-c9") == nil)
        #expect(inv.name(vcenter: "vc01", id: "domain-c10") == nil)
    }

    @Test func laterEntriesReplaceEarlierOnes() {
        var inv = ClusterInventory()
        inv.add(id: "c", name: "old", vcenter: nil)
        inv.add(id: "c", name: "new", vcenter: nil)
        #expect(inv.name(vcenter: "x", id: "c") == "new")
    }

    @Test func idsAndVCentersDoNotRunTogether() {
        var inv = ClusterInventory()
        inv.add(id: "c", name: "ab/c", vcenter: "ab")
        #expect(inv.name(vcenter: "a", id: "bc") == nil)
        #expect(inv.name(vcenter: "ab", id: "c") == "ab/c")
    }
}
