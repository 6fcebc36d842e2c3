/// Cleans text that comes from the data before any renderer escapes it for its own format.
///
/// Messages relayed from ESXi hosts can carry terminal colour codes and control characters;
/// XML 1.0 forbids most of them outright, and they garble HTML and Markdown. Escaping for each
/// format stays the renderer's job; this only removes what no format can show.
public enum TextSanitizer {
    /// Removes ANSI escape sequences (CSI `ESC [ … final`, OSC `ESC ] … BEL/ST`, and
    /// two-byte `ESC x`), then replaces other C0/C1 controls (except tab, LF and CR), U+FFFE,
    /// U+FFFF and lone surrogates with U+FFFD.
    public static func clean(_ s: String) -> String {
        // Fast paths: nothing to do for plain printable text, the overwhelmingly common case.
        if isPrintableASCII(s) { return s }
        if !s.unicodeScalars.contains(where: needsWork) { return s }
        var out = String.UnicodeScalarView()
        var it = s.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let u = pending ?? it.next() {
            pending = nil
            if u.value == 0x1B {
                guard let next = it.next() else { break }
                switch next.value {
                case 0x5B: // CSI: parameters and intermediates, then one final byte 0x40–0x7E.
                    while let c = it.next() { if (0x40...0x7E).contains(c.value) { break } }
                case 0x5D: // OSC: until BEL or ESC \.
                    while let c = it.next() {
                        if c.value == 0x07 { break }
                        if c.value == 0x1B { _ = it.next(); break }
                    }
                default:
                    break // two-byte escape: drop both
                }
                continue
            }
            out.append(isForbidden(u) ? "\u{FFFD}" : u)
        }
        return String(out)
    }

    /// Printable ASCII plus tab, LF and CR: text that `clean` returns unchanged and that every
    /// output format accepts as it is.
    public static func isPrintableASCII(_ s: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable(ASCIIScan.isPrintableText) ?? false
    }

    /// Cuts `s` to at most `maxBytes` UTF-8 bytes on a character boundary, appending
    /// `[truncated N bytes]` when anything was removed.
    public static func capped(_ s: String, maxBytes: Int) -> String {
        let total = s.utf8.count
        guard total > maxBytes else { return s }
        let utf8 = Array(s.utf8)
        var end = maxBytes
        // Back up to the start of a UTF-8 sequence (continuation bytes are 10xxxxxx).
        while end > 0, utf8[end] & 0xC0 == 0x80 { end -= 1 }
        let kept = String(decoding: utf8[..<end], as: UTF8.self)
        return kept + " [truncated \(total - kept.utf8.count) bytes]"
    }

    /// The first line of `s`, cut to `maxCharacters` with an ellipsis.
    public static func firstLine(_ s: String, maxCharacters: Int = 1_000) -> String {
        // Split on scalars: "\r\n" is a single Character, so a Character test would miss it.
        let line = String(String.UnicodeScalarView(s.unicodeScalars.prefix { $0 != "\n" && $0 != "\r" }))
        return line.count > maxCharacters ? String(line.prefix(maxCharacters - 1)) + "…" : line
    }

    private static func needsWork(_ u: Unicode.Scalar) -> Bool {
        u.value == 0x1B || isForbidden(u)
    }

    private static func isForbidden(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x09, 0x0A, 0x0D: return false
        // Bidirectional embedding, override and isolate controls can make a cell read
        // differently from what it contains ("Trojan Source"); no report needs them.
        case 0..<0x20, 0x7F...0x9F, 0xFFFE, 0xFFFF, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
