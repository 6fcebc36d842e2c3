#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Orders strings by their UTF-8 bytes: the same order on every platform and locale, unlike
/// `String.<` (Unicode canonical ordering), and fast because it is a `memcmp`.
public enum ByteOrder {
    @inlinable
    public static func less(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { pa in
            b.utf8.withContiguousStorageIfAvailable { pb -> Bool in
                let n = min(pa.count, pb.count)
                if n > 0, let x = pa.baseAddress, let y = pb.baseAddress {
                    let c = memcmp(x, y, n)
                    if c != 0 { return c < 0 }
                }
                return pa.count < pb.count
            }
        }
        if let r = fast ?? nil { return r }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
