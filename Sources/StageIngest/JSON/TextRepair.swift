/// The two ways a JSON text arrives that is not plain UTF-8, and how each is made readable
/// (report-semantics §1): UTF-16 with a byte-order mark, which Windows PowerShell 5 writes by
/// default, and strings holding bytes that are not UTF-8 (one Latin-1 byte in a host name).
enum TextRepair {
    /// The byte order a UTF-16 byte-order mark at the start of `bytes` announces, if any.
    static func utf16ByteOrder(_ bytes: UnsafeRawBufferPointer) -> UTF16ByteOrder? {
        guard bytes.count >= 2 else { return nil }
        switch (bytes[0], bytes[1]) {
        case (0xFF, 0xFE): return .littleEndian
        case (0xFE, 0xFF): return .bigEndian
        default: return nil
        }
    }

    /// `bytes` after its two-byte mark, transcoded to UTF-8; an unpaired surrogate becomes U+FFFD.
    static func utf8(fromUTF16 bytes: UnsafeRawBufferPointer, _ order: UTF16ByteOrder) -> [UInt8] {
        let units = (bytes.count - 2) / 2
        var out: [UInt8] = []
        out.reserveCapacity(units + units / 8)
        var iterator = (0..<units).lazy.map { k -> UInt16 in
            let a = UInt16(bytes[2 + 2 * k]), b = UInt16(bytes[3 + 2 * k])
            return order == .littleEndian ? a | b << 8 : a << 8 | b
        }.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): UTF8.encode(scalar) { out.append($0) }
            case .error: UTF8.encode("\u{FFFD}") { out.append($0) }
            case .emptyInput: break loop
            }
        }
        return out
    }

    /// A copy of `bytes` in which every sequence that is not UTF-8 *inside a JSON string* is
    /// replaced by U+FFFD (the Unicode standard's maximal-subpart practice), with the offsets in
    /// the copy where a replaced run starts; `nil` when no string needed it. Bytes outside strings
    /// are left alone: bytes that break the JSON itself still reject the document.
    static func repairingStrings(_ bytes: UnsafeRawBufferPointer) -> (bytes: [UInt8], replaced: [Int])? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var replaced: [Int] = []
        var inString = false
        var i = 0
        let n = bytes.count
        while i < n {
            let c = bytes[i]
            if !inString {
                if c == 0x22 { inString = true }
                out.append(c)
                i += 1
            } else if c == 0x5C {
                out.append(c)
                if i + 1 < n { out.append(bytes[i + 1]) }
                i += 2
            } else if c == 0x22 {
                inString = false
                out.append(c)
                i += 1
            } else if c < 0x80 {
                out.append(c)
                i += 1
            } else {
                // A run of non-ASCII bytes holds no quote or backslash, so it lies inside this string.
                var j = i
                while j < n, bytes[j] >= 0x80 { j += 1 }
                let run = UnsafeRawBufferPointer(rebasing: bytes[i..<j])
                let decoded = String(decoding: run, as: UTF8.self).utf8
                if !decoded.elementsEqual(run) { replaced.append(out.count) }
                out.append(contentsOf: decoded)
                i = j
            }
        }
        return replaced.isEmpty ? nil : (out, replaced)
    }
}

enum UTF16ByteOrder {
    case littleEndian, bigEndian
}
