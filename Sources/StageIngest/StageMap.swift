import StageModel

/// A map of the vSphere model (`host_info`, `host_status`, `params`): a JSON object in the
/// `/api` form, or a list of `{"key": K, "value": V}` objects in the legacy `/rest` form.
///
/// Kept as an array sorted by key: maps hold tens of hosts, and `RunBuilder` walks the maps
/// and host lists in step in key order, with no lookup at all.
struct StageMap {
    /// Sorted by key bytes; a repeated key keeps its last value.
    private(set) var entries: [(key: String, value: Int)] = []

    /// `nil` when the value at `i` is neither an object nor an array (a wrong JSON type).
    /// List entries that are not `{key: string, value: …}` are skipped: they are part of the
    /// document "deeper down", which never rejects it.
    init?(_ tape: JSONTape, _ i: Int) {
        var raw: [(key: String, value: Int)] = []
        // Sized first, as host lists are (`DocumentClassifier`).
        raw.reserveCapacity(tape.childCount(i))
        switch tape.kind(i) {
        case .object:
            for (k, v) in tape.members(i) {
                if let key = tape.string(k) { raw.append((key, v)) }
            }
        case .array:
            for e in tape.elements(i) {
                guard let k = tape.member(e, "key"), let key = tape.string(k), let v = tape.member(e, "value") else {
                    continue
                }
                raw.append((key, v))
            }
        default:
            return nil
        }
        // Usually already in order (vCenter writes maps sorted): then no sort at all.
        if SortedIDs.isStrictlyIncreasing(raw.lazy.map(\.key)) {
            entries = raw
            return
        }
        // Stable order by key, then keep the last of each run of equal keys.
        let order = raw.indices.sorted { a, b in
            raw[a].key == raw[b].key ? a < b : ByteOrder.less(raw[a].key, raw[b].key)
        }
        entries.reserveCapacity(order.count)
        for idx in order {
            if let last = entries.last, last.key == raw[idx].key {
                entries[entries.count - 1].value = raw[idx].value
            } else {
                entries.append(raw[idx])
            }
        }
    }
}

/// One of the three host lists, as a sorted set of host ids.
struct SortedIDs {
    private(set) var ids: [String]

    init(_ members: [String]) {
        if SortedIDs.isStrictlyIncreasing(members) {
            ids = members
            return
        }
        ids = members.sorted(by: ByteOrder.less)
        var unique: [String] = []
        unique.reserveCapacity(ids.count)
        for id in ids where unique.last != id { unique.append(id) }
        ids = unique
    }

    /// Already sorted and unique (sets may come sorted, and maps usually do).
    init(sortedUnique: [String]) { ids = sortedUnique }

    static func isStrictlyIncreasing(_ keys: some Collection<String>) -> Bool {
        var previous: String?
        for k in keys {
            if let p = previous, !ByteOrder.less(p, k) { return false }
            previous = k
        }
        return true
    }

    /// The sorted union of two sorted sets, by merging: no sort, no hashing.
    func union(_ other: SortedIDs) -> SortedIDs {
        let a = ids, b = other.ids
        if b.isEmpty || a == b { return self }
        if a.isEmpty { return other }
        var out: [String] = []
        out.reserveCapacity(max(a.count, b.count))
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                out.append(a[i]); i += 1; j += 1
            } else if ByteOrder.less(a[i], b[j]) {
                out.append(a[i]); i += 1
            } else {
                out.append(b[j]); j += 1
            }
        }
        out.append(contentsOf: a[i...])
        out.append(contentsOf: b[j...])
        return SortedIDs(sortedUnique: out)
    }
}
