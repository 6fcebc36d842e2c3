import StageModel

/// The names CI systems key test history on. GitLab identifies a case by
/// sha256(suite name + classname + name) and Jenkins/Azure track history by them too, so none
/// of these contain a time or a commit: they stay the same from one nightly run to the next.
///
/// All are `xs:token`s in the Ant schema: whitespace collapsed (see `JUnitText.token`), and
/// never blank where the schema wants at least one character.
enum JUnitIdentity {
    /// The suite's `package`; also the part of `classname` before its only meaningful dot.
    static func vcenterLabel(_ vcenter: String) -> String {
        JUnitText.nonBlankToken(vcenter) ?? "no-vcenter"
    }

    static func clusterLabel(_ clusterID: String) -> String {
        JUnitText.nonBlankToken(clusterID) ?? "unknown-cluster"
    }

    /// The cluster's display name (from the summary), else its id.
    static func suiteName(displayName: String?, clusterID: String) -> String {
        JUnitText.nonBlankToken(displayName) ?? clusterLabel(clusterID)
    }

    /// `<vcenter>.<cluster id>`. Jenkins splits a classname at its *last* dot into package and
    /// class, so dots in the cluster id become `_` and the vCenter keeps its own: Jenkins then
    /// shows package `vc01.dc0.example.com`, class `domain-c8`, whatever the id holds.
    static func classname(vcenter: String, clusterID: String) -> String {
        let cluster = String(clusterLabel(clusterID).map { $0 == "." ? "_" : $0 })
        return vcenterLabel(vcenter) + "." + cluster
    }

    /// The host's display name, else its id. Azure drops cases without a non-empty name.
    static func caseName(_ host: HostResult) -> String {
        JUnitText.nonBlankToken(host.name) ?? JUnitText.nonBlankToken(host.id) ?? "(unnamed host)"
    }

    /// `name [host id]`, used when two hosts of one run share a display name: GitLab would
    /// otherwise keep only the first of them. The host id is as stable as the name.
    static func disambiguatedCaseName(_ host: HostResult) -> String {
        caseName(host) + " [" + (JUnitText.nonBlankToken(host.id) ?? "no id") + "]"
    }

    /// The case names of a run's hosts, in host order: `caseName`, or `disambiguatedCaseName`
    /// for every host whose name another host of the run shares.
    static func caseNames(_ hosts: [HostResult]) -> [String] {
        var names = hosts.indices.map { caseName(hosts[$0]) }
        // Unique names are the rule: strictly ascending ones (hosts come sorted by id, and names
        // often follow ids) prove it with one comparison per host, otherwise a sorted copy does.
        if names.isStrictlyAscending { return names }
        let sorted = names.sorted()
        var shared = Set<String>()
        for i in sorted.indices.dropFirst() where sorted[i] == sorted[i - 1] { shared.insert(sorted[i]) }
        if shared.isEmpty { return names }
        for i in names.indices where shared.contains(names[i]) {
            names[i] = disambiguatedCaseName(hosts[i])
        }
        return names
    }
}

extension Array where Element == String {
    fileprivate var isStrictlyAscending: Bool {
        indices.dropFirst().allSatisfy { self[$0 - 1] < self[$0] }
    }
}
