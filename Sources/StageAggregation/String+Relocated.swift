import StageModel

/// Why the summary copies its strings.
///
/// The builders run on worker threads, and the strings they keep (host names, cluster and
/// commit ids, reasons) were decoded there, among the runs' short-lived strings. Each one that
/// lives on into the summary holds a page of that worker's malloc arena, so `malloc_trim`
/// could not give those arenas back, and they stayed resident through rendering while little
/// of them was in use. Copied by the thread that builds the summary,
/// they sit together in its own heap, and the workers' pages go back to the system.
extension String {
    /// The most UTF-8 bytes a small string keeps inline, without storage of its own.
    static let inlineCapacity = 15

    /// The same text in storage of its own, allocated by the calling thread. A small string
    /// (up to `inlineCapacity` bytes) has no storage and is returned as it is.
    var relocated: String {
        var copy = self
        return copy.withUTF8 { utf8 in
            guard utf8.count > String.inlineCapacity else { return self }
            return String(unsafeUninitializedCapacity: utf8.count) { buffer in
                _ = buffer.initialize(from: utf8)
                return utf8.count
            }
        }
    }
}

/// `String.relocated`, once per original: a host's name is in up to three of the summary's
/// lists. The originals must stay alive while it is used, since it knows them by the address
/// of their storage.
struct StringRelocation {
    private var copies: [UInt: String] = [:]

    mutating func callAsFunction(_ s: String) -> String {
        // A small string has no storage to copy or to know it by.
        guard s.utf8.count > String.inlineCapacity else { return s }
        var original = s
        let address = original.withUTF8 { UInt(bitPattern: $0.baseAddress) }
        if let copy = copies[address] { return copy }
        let copy = s.relocated
        copies[address] = copy
        return copy
    }
}

extension ClusterKey {
    var relocated: ClusterKey { ClusterKey(vcenter: vcenter.relocated, id: id.relocated) }
}

extension RunBrief {
    var relocated: RunBrief {
        var copy = self
        copy.commit = commit?.relocated
        copy.stageStatus = stageStatus?.relocated
        copy.taskStatus = taskStatus?.relocated
        copy.reason = reason.map {
            Reason(id: $0.id.relocated, message: $0.message?.relocated, resolution: $0.resolution?.relocated)
        }
        return copy
    }
}

extension RunWithoutHosts {
    var relocated: RunWithoutHosts {
        var copy = self
        copy.vcenter = vcenter.relocated
        copy.cluster = cluster.relocated
        copy.name = name.relocated
        copy.commit = commit?.relocated
        copy.reason = reason.map {
            Reason(id: $0.id.relocated, message: $0.message?.relocated, resolution: $0.resolution?.relocated)
        }
        return copy
    }
}

extension ReasonSummary {
    var relocated: ReasonSummary {
        ReasonSummary(
            id: id.relocated, count: count, hosts: hosts, message: message?.relocated,
            resolution: resolution?.relocated)
    }
}

// The host lists' strings, copied with one `StringRelocation` so that a host in several lists
// gets one copy. Keys' vCenter and cluster strings are the cluster keys', already relocated.
extension FlakyHost {
    func relocated(with copy: inout StringRelocation) -> FlakyHost {
        var h = self
        (h.key.host, h.name) = (copy(key.host), copy(name))
        return h
    }
}

extension FailingHost {
    func relocated(with copy: inout StringRelocation) -> FailingHost {
        var h = self
        (h.key.host, h.name, h.latestReason) = (copy(key.host), copy(name), latestReason.map { copy($0) })
        return h
    }
}

extension HostNights {
    func relocated(with copy: inout StringRelocation) -> HostNights {
        var h = self
        (h.key.host, h.name) = (copy(key.host), copy(name))
        return h
    }
}
