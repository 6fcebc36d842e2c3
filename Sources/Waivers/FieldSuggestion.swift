/// "did you mean `expires`?" for a key that is not one of the format's: the known key closest
/// in edit distance, when it is close enough to be a slip rather than another word.
enum FieldSuggestion {
    /// The closest of `known` to `key`, if at most 2 edits away (1 for keys of up to 4
    /// characters, where 2 edits would turn `host` into `cost` and mean nothing).
    static func closest(to key: String, among known: [String]) -> String? {
        let limit = key.count <= 4 ? 1 : 2
        var best: (name: String, distance: Int)?
        for name in known {
            let d = distance(key.lowercased(), name)
            if d <= limit, d < (best?.distance ?? .max) { best = (name, d) }
        }
        return best?.name
    }

    /// Levenshtein distance, with a swap of two neighbours counting as one edit (`exipres`).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
