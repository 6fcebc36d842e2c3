/// File names for `--junit-split cluster`: `TEST-<slug>-<hash>.xml`.
///
/// The name is made from data (vCenter and cluster id), so it is built to be harmless anywhere:
/// - the slug keeps only `[a-z0-9._-]` (ASCII letters lower-cased, every other run of
///   characters becomes one `-`), so there is no `/`, `\`, NUL, or anything a shell or
///   Windows cares about; the `TEST-` prefix means it is never `.`, `..`, hidden, or a
///   reserved device name (`CON`, `NUL`, …), and it matches Azure's default `**/TEST-*.xml`;
/// - the slug is at most 60 bytes, so the whole name stays under 100;
/// - the hash (FNV-1a, 64 bits, of the exact (vCenter, cluster id) pair, shown as 12 hex digits)
///   tells apart keys whose slugs coincide (`a/b` and `a?b`, `Prod` and `prod`, or long ids
///   that only differ after 60 bytes). It is stable across runs and machines;
/// - should two names still coincide ignoring case (case-insensitive file systems), the later
///   key in (vCenter, cluster id) byte order gets `-2`, `-3`, …
enum JUnitFileNames {
    static let maxSlugBytes = 60

    /// One name per key, in the order given; no two equal ignoring ASCII case.
    static func names(for keys: [(vcenter: String, clusterID: String)]) -> [String] {
        var taken = Set<String>()
        return keys.map { key in
            let stem = "TEST-" + slug(key.vcenter + "-" + key.clusterID) + "-" + hash(key)
            var candidate = stem + ".xml"
            var n = 2
            while taken.contains(candidate.lowercased()) {
                candidate = stem + "-\(n).xml"
                n += 1
            }
            taken.insert(candidate.lowercased())
            return candidate
        }
    }

    static func slug(_ s: String) -> String {
        let mapped: [UInt8] = s.utf8.map { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "."), UInt8(ascii: "_"):
                return byte
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                return byte + 32
            default:
                return UInt8(ascii: "-")
            }
        }
        func isSeparator(_ c: UInt8) -> Bool {
            c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c == UInt8(ascii: "_")
        }
        var out: [UInt8] = []
        var i = 0
        while i < mapped.count, out.count < maxSlugBytes {
            guard isSeparator(mapped[i]) else {
                out.append(mapped[i])
                i += 1
                continue
            }
            // A lone `.` or `_` stays (`vc01.example.com` reads as typed); any longer run of
            // separators becomes one `-`, so there is never a `..`; none lead the slug.
            var j = i
            while j < mapped.count, isSeparator(mapped[j]) { j += 1 }
            if !out.isEmpty { out.append(j - i == 1 ? mapped[i] : UInt8(ascii: "-")) }
            i = j
        }
        while let last = out.last, isSeparator(last) { out.removeLast() }
        return out.isEmpty ? "cluster" : String(decoding: out, as: UTF8.self)
    }

    /// FNV-1a over a length-prefixed encoding of the pair, so ("a-b", "c") ≠ ("a", "b-c").
    static func hash(_ key: (vcenter: String, clusterID: String)) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func feed(_ bytes: some Sequence<UInt8>) {
            for b in bytes {
                h ^= UInt64(b)
                h = h &* 0x0000_0100_0000_01B3
            }
        }
        feed(String(key.vcenter.utf8.count).utf8)
        feed([0x3A])
        feed(key.vcenter.utf8)
        feed(key.clusterID.utf8)
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for shift in stride(from: 60, through: 16, by: -4) {
            out.append(digits[Int((h >> UInt64(shift)) & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
