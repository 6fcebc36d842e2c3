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
        let label = clusterLabel(clusterID)
        let cluster: String
        if label.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII, the usual id: only the byte `.` is the Character `.` here, and mapping
            // Characters one by one was a visible cost per suite.
            let dot = UInt8(ascii: ".")
            cluster =
                label.utf8.contains(dot)
                ? String(decoding: label.utf8.map { $0 == dot ? UInt8(ascii: "_") : $0 }, as: UTF8.self)
                : label
        } else {
            cluster = String(label.map { $0 == "." ? "_" : $0 })
        }
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

    /// The case names of a run's hosts, in host order and made safe for XML: `caseName`, or
    /// `disambiguatedCaseName` for every host whose name another host of the run shares.
    static func caseNames(_ hosts: UnsafeBufferPointer<HostResult>) -> [XMLSafeText] {
        // The usual name is "plain", collapsed printable ASCII: it is its own token, `xmlSafe`
        // returns it unchanged, and two plain names are equal exactly when their bytes are.
        var names: [String] = []
        names.reserveCapacity(hosts.count)
        var plain: [Bool] = []
        plain.reserveCapacity(hosts.count)
        // Unique names are the rule. Hosts come sorted by id and names often follow ids, so
        // plain names that each sort after the previous such name (by bytes) are unique among
        // themselves; the few others (a name out of order, `10.20.28.20` among `esx-…`, or not
        // plain) are each compared with every name.
        var others: [Int] = []
        var lastInOrder: String?
        for i in hosts.indices {
            let name = hosts[i].name
            if !name.isEmpty, name.utf8.count <= JUnitText.maxTextBytes, JUnitText.isCollapsedASCII(name) {
                names.append(name)
                plain.append(true)
                if lastInOrder.map({ ByteOrder.less($0, name) }) ?? true {
                    lastInOrder = name
                    continue
                }
            } else {
                names.append(caseName(hosts[i]))
                plain.append(false)
            }
            others.append(i)
        }
        func shared(_ a: Int, _ b: Int) -> Bool {
            // Plain names of different lengths differ; any other pair is compared as Strings,
            // whose equality is canonical equivalence ("K" and the Kelvin sign are equal).
            if plain[a], plain[b], names[a].utf8.count != names[b].utf8.count { return false }
            return names[a] == names[b]
        }
        let unique =
            others.count <= maxOthersCompared
            && others.allSatisfy { j in names.indices.allSatisfy { $0 == j || !shared($0, j) } }
        if !unique {
            // Otherwise (or when a name is shared) a sorted copy finds the shared names.
            let sorted = names.sorted()
            var shared = Set<String>()
            for i in sorted.indices.dropFirst() where sorted[i] == sorted[i - 1] { shared.insert(sorted[i]) }
            for i in names.indices where shared.contains(names[i]) {
                names[i] = disambiguatedCaseName(hosts[i])
                plain[i] = false
            }
        }
        return names.indices.map { plain[$0] ? XMLSafeText(plainToken: names[$0]) : XMLSafeText(names[$0]) }
    }

    /// Above this many names out of order, comparing each with every name costs more than
    /// sorting them all.
    private static let maxOthersCompared = 8
}
