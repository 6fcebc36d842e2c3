import ReportText

/// Turns text from the data into GitHub-flavoured Markdown that shows exactly that text.
///
/// Every string that comes from the data (names, ids, messages, the title, gate details) goes
/// through `text(_:limit:)` before it reaches the output. The result is one line, has no
/// Markdown or HTML meaning, and cannot split a table cell, start a heading or a list, open an
/// HTML tag, emphasis, code or a link, or be autolinked. Pure functions, tested directly.
enum MarkdownEscaper {
    /// The longest text kept in a table cell, in Unicode scalars (an ellipsis marks the cut).
    static let cellLimit = 200

    /// U+2060 WORD JOINER: invisible, and it breaks patterns that backslashes cannot (see below).
    static let wordJoiner: Unicode.Scalar = "\u{2060}"

    /// One line of literal text, at most `limit` scalars of the data, every meta character
    /// neutralised; empty in, empty out.
    static func text(_ raw: String, limit: Int = cellLimit) -> String {
        escape(flatten(raw, limit: limit))
    }

    /// `text` for a table cell: never empty, so every row visibly has all its cells.
    static func cell(_ raw: String, limit: Int = cellLimit) -> String {
        let t = text(raw, limit: limit)
        // Only spaces (or nothing): the same test on bytes as on scalars, without decoding.
        return t.utf8.allSatisfy({ $0 == 0x20 }) ? "—" : t
    }

    /// Sanitised, single-line, capped text, before escaping: what the reader is meant to see.
    static func flatten(_ raw: String, limit: Int) -> String {
        // The usual name or id: printable ASCII without tab or line end, within the limit, is
        // already what the slow path below would return.
        if raw.utf8.count <= limit, raw.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return raw }
        // Only a bounded prefix is cleaned: data can hold megabytes, a cell shows `limit`.
        let all = raw.unicodeScalars
        let windowEnd = all.index(all.startIndex, offsetBy: limit * 4 + 16, limitedBy: all.endIndex) ?? all.endIndex
        let dropped = windowEnd != all.endIndex
        let cleaned = TextSanitizer.clean(dropped ? String(all[..<windowEnd]) : raw).unicodeScalars
        let truncated = dropped || cleaned.count > limit
        let keep = truncated ? max(limit - 1, 0) : limit
        var out = String.UnicodeScalarView()
        for u in cleaned.prefix(keep) {
            // Line and cell structure belong to the renderer: CR, LF and tab become spaces.
            out.append(u == "\n" || u == "\r" || u == "\t" ? " " : u)
        }
        if truncated && limit > 0 { out.append("…") }
        return String(out)
    }

    /// Backslash-escapes Markdown punctuation and breaks what GFM would turn into links.
    static func escape(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return escapeASCII(s) }
        return escapeScalars(s)
    }

    /// `escapeScalars` for ASCII text, over bytes: a table lookup per byte instead of a hashed
    /// set of scalars (every name and id of a report passes through here).
    static func escapeASCII(_ s: String) -> String {
        var s = s
        return s.withUTF8 { escapeASCII(bytes: $0) }
    }

    private static func escapeASCII(bytes: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 4)
        for (i, b) in bytes.enumerated() {
            switch b {
            case UInt8(ascii: "@"):
                out.append(b)
                out.append(contentsOf: wordJoinerUTF8)
            case UInt8(ascii: "#"):
                out.append(UInt8(ascii: "\\"))
                out.append(b)
                if i + 1 < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i + 1]) {
                    out.append(contentsOf: wordJoinerUTF8)
                }
            default:
                if escapedASCII[Int(b)] { out.append(UInt8(ascii: "\\")) }
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let wordJoinerUTF8 = Array(String(wordJoiner).utf8)
    private static let escapedASCII: [Bool] = (0..<128).map { escaped.contains(Unicode.Scalar(UInt8($0))) }

    /// The general form, for text with non-ASCII scalars.
    static func escapeScalars(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(s.unicodeScalars)
        for (i, u) in scalars.enumerated() {
            switch u {
            case "@":
                // Email/xmpp autolinks and @-mentions are found in text after escapes are
                // resolved, so `\@` does not stop them; an invisible joiner after `@` does.
                out.append(u)
                out.append(wordJoiner)
            case "#":
                // `\#` stops headings; the joiner also stops GitHub's `#123` issue references.
                out.append("\\")
                out.append(u)
                if i + 1 < scalars.count, ("0"..."9").contains(scalars[i + 1]) { out.append(wordJoiner) }
            case _ where escaped.contains(u):
                out.append("\\")
                out.append(u)
            default:
                out.append(u)
            }
        }
        return String(out)
    }

    /// Characters escaped with a backslash (CommonMark allows it for any ASCII punctuation):
    /// emphasis, code, links and images, raw HTML and entities, table pipes, strikethrough, math
    /// (`$`), and `:` and `.` so that `https://…` and `www.…` are not autolinked.
    static let escaped: Set<Unicode.Scalar> = [
        "\\", "`", "*", "_", "[", "]", "(", ")", "<", ">", "!", "|", "~", "&", ":", ".", "$"
    ]

    /// The longest link destination accepted, after percent-encoding.
    static let maxURLBytes = 2_000

    /// A safe link destination for the HTML report, or `nil` when `raw` is not an `http`/`https`
    /// URL or a relative reference. Anything outside a conservative set is percent-encoded, so
    /// the destination cannot close the link, start markup or turn into `//host` in a browser.
    static func linkDestination(_ raw: String) -> String? {
        guard !raw.isEmpty else { return nil }
        // Browsers drop tabs and newlines inside URLs (`java\nscript:`); refuse any control or space.
        guard !raw.unicodeScalars.contains(where: { $0.value <= 0x20 || (0x7F...0x9F).contains($0.value) }) else {
            return nil
        }
        if let scheme = scheme(of: raw) {
            let lower = scheme.lowercased()
            guard lower == "http" || lower == "https" else { return nil }
            let rest = raw.dropFirst(scheme.count + 1)
            guard rest.hasPrefix("//"), rest.count > 2, !rest.dropFirst(2).hasPrefix("/") else { return nil }
        } else {
            // A network-path reference (`//host`) or a backslash path would leave this site.
            guard !raw.hasPrefix("//"), !raw.hasPrefix("\\"), !raw.hasPrefix("/\\") else { return nil }
        }
        var out = ""
        for byte in raw.utf8 {
            if urlSafe.contains(byte) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else if byte == UInt8(ascii: "&") {
                out += "\\&" // an entity reference would be decoded inside a destination
            } else {
                out += "%" + hex(byte >> 4) + hex(byte & 0xF)
            }
        }
        return out.utf8.count <= maxURLBytes ? out : nil
    }

    /// The scheme of an absolute URL (`http` in `http://x`), or `nil` for a relative reference.
    private static func scheme(of s: String) -> Substring? {
        guard let colon = s.firstIndex(of: ":") else { return nil }
        let head = s[..<colon]
        // A colon after the first `/`, `?` or `#` belongs to a path, query or fragment.
        guard !head.contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) else { return nil }
        return head
    }

    /// Unreserved and reserved URL characters that mean nothing in a link destination; `(`,
    /// `)`, `[`, `]`, `'`, `<`, `>`, `\`, `` ` ``, `|`, `"`, `{`, `}`, `^` and non-ASCII are encoded.
    private static let urlSafe: Set<UInt8> = {
        var s = Set<UInt8>()
        for c in UInt8(ascii: "a")...UInt8(ascii: "z") { s.insert(c) }
        for c in UInt8(ascii: "A")...UInt8(ascii: "Z") { s.insert(c) }
        for c in UInt8(ascii: "0")...UInt8(ascii: "9") { s.insert(c) }
        for c in "-._~:/?#@!$*+,;=%".utf8 { s.insert(c) }
        return s
    }()

    private static func hex(_ v: UInt8) -> String {
        String(Unicode.Scalar(v < 10 ? v + 0x30 : v - 10 + 0x41))
    }
}
