/// For one match key, which waivers accept a given value: those without the key, those whose
/// exact value it is (one hash look-up), and those whose glob matches it (each distinct pattern
/// compiled and tried once per value, however many waivers share it).
struct WaiverKeyIndex: Sendable {
    /// Waivers without this key: they accept any value, and a candidate without one.
    let unkeyed: WaiverBits
    let exact: [String: WaiverBits]
    let globs: [(pattern: GlobPattern, waivers: WaiverBits)]
    /// The globs by their literal head, so that a value is tried only against the globs whose
    /// head it starts with (a look-up per distinct head length), and those without a head. With
    /// hundreds of globs, trying each on every new value was most of the matching's time.
    let globsByHead: [[UInt8]: [Int]]
    let headLengths: [Int]
    let globsWithoutHead: [Int]

    init(key: WaiverMatchKey, waivers: [Waiver]) {
        var unkeyed = WaiverBits(count: waivers.count)
        var exact: [String: WaiverBits] = [:]
        var globs: [GlobPattern: WaiverBits] = [:]
        var globOrder: [GlobPattern] = []
        for waiver in waivers {
            guard let pattern = waiver.match[key] else {
                unkeyed.insert(waiver.position)
                continue
            }
            if let literal = pattern.literal {
                exact[literal, default: WaiverBits(count: waivers.count)].insert(waiver.position)
            } else {
                if globs[pattern] == nil { globOrder.append(pattern) }
                globs[pattern, default: WaiverBits(count: waivers.count)].insert(waiver.position)
            }
        }
        self.unkeyed = unkeyed
        self.exact = exact
        self.globs = globOrder.map { ($0, globs[$0]!) }
        var byHead: [[UInt8]: [Int]] = [:], withoutHead: [Int] = []
        for (i, glob) in self.globs.enumerated() {
            let head = glob.pattern.literalHead
            if head.isEmpty { withoutHead.append(i) } else { byHead[head, default: []].append(i) }
        }
        globsByHead = byHead
        headLengths = Set(byHead.keys.map(\.count)).sorted()
        globsWithoutHead = withoutHead
    }

    /// Whether some waiver has this key; when none has, the key is not looked at.
    var isUsed: Bool { !exact.isEmpty || !globs.isEmpty }

    /// The waivers that accept `value` for this key.
    func accepting(_ value: String) -> WaiverBits {
        var bits = unkeyed
        if let hit = exact[value] { bits.formUnion(hit) }
        guard !globs.isEmpty else { return bits }
        var value = value
        value.withUTF8 { utf8 in
            // Split into characters only once some pattern's literal head and tail fit.
            var scalars: [Unicode.Scalar]?
            // The order globs are tried in does not matter: the result is the union of their bits.
            func attempt(_ i: Int) {
                let glob = globs[i]
                guard glob.pattern.mayMatch(utf8: utf8) else { return }
                if scalars == nil { scalars = Array(String(decoding: utf8, as: UTF8.self).unicodeScalars) }
                if glob.pattern.matches(scalars: scalars!) { bits.formUnion(glob.waivers) }
            }
            for i in globsWithoutHead { attempt(i) }
            for length in headLengths {
                guard length <= utf8.count else { break }
                if let candidates = globsByHead[Array(utf8[0..<length])] { for i in candidates { attempt(i) } }
            }
        }
        return bits
    }
}
