/// What a waiver matches: every key that is given must match (an absent key matches anything).
/// A waiver file never yields an empty one.
public struct WaiverMatch: Sendable, Hashable {
    public var vcenter: GlobPattern?
    public var cluster: GlobPattern?
    public var host: GlobPattern?
    public var reason: GlobPattern?
    public var commit: GlobPattern?

    public init(
        vcenter: GlobPattern? = nil, cluster: GlobPattern? = nil, host: GlobPattern? = nil,
        reason: GlobPattern? = nil, commit: GlobPattern? = nil
    ) {
        self.vcenter = vcenter
        self.cluster = cluster
        self.host = host
        self.reason = reason
        self.commit = commit
    }

    public subscript(key: WaiverMatchKey) -> GlobPattern? {
        get {
            switch key {
            case .vcenter: return vcenter
            case .cluster: return cluster
            case .host: return host
            case .reason: return reason
            case .commit: return commit
            }
        }
        set {
            switch key {
            case .vcenter: vcenter = newValue
            case .cluster: cluster = newValue
            case .host: host = newValue
            case .reason: reason = newValue
            case .commit: commit = newValue
            }
        }
    }

    /// The given keys with their patterns, in `WaiverMatchKey` order.
    public var terms: [(key: WaiverMatchKey, pattern: GlobPattern)] {
        WaiverMatchKey.allCases.compactMap { key in self[key].map { (key, $0) } }
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// `host=esx-0[1-4].*, reason=…`: the match in one line, for messages and tables.
    public var summary: String { terms.map { "\($0.key.rawValue)=\($0.pattern.source)" }.joined(separator: ", ") }

    /// Whether `candidate` matches every given key, without an index: the definition the index
    /// must agree with (the tests compare them).
    public func matches(_ candidate: WaiverCandidate) -> Bool {
        func either(_ p: GlobPattern?, _ a: String?, _ b: String?) -> Bool {
            guard let p else { return true }
            return (a.map(p.matches) ?? false) || (b.map(p.matches) ?? false)
        }
        return either(vcenter, candidate.vcenter, nil)
            && either(cluster, candidate.clusterID, candidate.clusterName)
            && either(host, candidate.hostID, candidate.hostName)
            && either(reason, candidate.reasonID, nil)
            && either(commit, candidate.commit, nil)
    }
}
