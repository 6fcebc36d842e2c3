/// A map of the vSphere model (`host_info`, `host_status`, `params`): a JSON object in the
/// `/api` form, or a list of `{"key": K, "value": V}` objects in the legacy `/rest` form.
struct StageMap {
    /// (key, value index) pairs in document order; a repeated key keeps its last value.
    private(set) var entries: [(key: String, value: Int)] = []
    private var positions: [String: Int] = [:]

    /// `nil` when the value at `i` is neither an object nor an array (a wrong JSON type).
    /// List entries that are not `{key: string, value: …}` are skipped: they are part of the
    /// document "deeper down", which never rejects it.
    init?(_ tape: JSONTape, _ i: Int) {
        switch tape.kind(i) {
        case .object:
            tape.forEachMember(i) { k, v in
                if let key = tape.string(k) { insert(key, v) }
            }
        case .array:
            tape.forEachElement(i) { e, _ in
                guard let k = tape.member(e, "key"), let key = tape.string(k), let v = tape.member(e, "value") else { return }
                insert(key, v)
            }
        default:
            return nil
        }
    }

    private mutating func insert(_ key: String, _ value: Int) {
        if let at = positions[key] {
            entries[at].value = value
        } else {
            positions[key] = entries.count
            entries.append((key, value))
        }
    }

    subscript(_ key: String) -> Int? {
        positions[key].map { entries[$0].value }
    }

    var keys: [String] { entries.map(\.key) }
}
