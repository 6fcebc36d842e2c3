import ReportText

/// Text shaping for JUnit XML. Every string that reaches libxml2 has been through `xmlSafe`:
/// libxml2 2.9.14 writes control characters verbatim (the file then no longer parses anywhere),
/// and a NUL would silently cut the C string short.
enum JUnitText {
    /// Any text body or attribute value is cut to this many UTF-8 bytes (before escaping), with
    /// a `[truncated N bytes]` marker: far below libxml2's 10 MB text-node limit, GitLab's
    /// 30 MB file limit and GitHub's 65,535-character check-run text.
    static let maxTextBytes = 64 * 1_024

    /// The `message` attribute: one line of at most this many characters.
    static let maxMessageCharacters = 1_000

    /// `TextSanitizer.clean` (ANSI sequences removed, forbidden controls → U+FFFD), then a
    /// belt-and-braces pass for anything XML 1.0's `Char` production still rejects, then the cap.
    static func xmlSafe(_ s: String) -> String {
        // Fast path: printable ASCII (plus tab and line ends) is already clean and legal XML.
        if TextSanitizer.isPrintableASCII(s) {
            return TextSanitizer.capped(s, maxBytes: maxTextBytes)
        }
        let cleaned = TextSanitizer.clean(s)
        let legal =
            cleaned.unicodeScalars.allSatisfy(isXMLChar)
            ? cleaned
            : String(String.UnicodeScalarView(cleaned.unicodeScalars.map { isXMLChar($0) ? $0 : "\u{FFFD}" }))
        return TextSanitizer.capped(legal, maxBytes: maxTextBytes)
    }

    /// Identity-like attributes are `xs:token` in the Ant schema, which collapses XML whitespace
    /// when validating. Collapsing ourselves means every consumer (validating or not) sees the
    /// same name, and a name can never carry a newline into a CI page or URL.
    static func token(_ s: String) -> String {
        // Fast path, the usual host name or id: printable ASCII with single inner spaces only.
        if JUnitText.isCollapsedASCII(s) { return s }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for u in TextSanitizer.clean(s).unicodeScalars {
            if isXMLWhitespace(u) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(u)
            }
        }
        return String(out)
    }

    /// Printable ASCII that `token` would return unchanged: no leading, trailing or double space.
    static func isCollapsedASCII(_ s: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else {
                return bytes.isEmpty
            }
            return ASCIIScan.isSingleSpacedPrintable(bytes)
        } ?? false
    }

    /// `token(s)`, or `nil` when nothing but whitespace is left.
    static func nonBlankToken(_ s: String?) -> String? {
        guard let s else { return nil }
        let t = token(s)
        return t.isEmpty ? nil : t
    }

    /// The cleaned text, or `nil` when it is empty or only whitespace.
    static func nonBlank(_ s: String?) -> String? {
        guard let s else { return nil }
        // Printable ASCII is what `clean` returns unchanged; its scalars are its bytes.
        if TextSanitizer.isPrintableASCII(s) {
            return s.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } ? nil : s
        }
        let t = TextSanitizer.clean(s)
        return t.unicodeScalars.allSatisfy(isXMLWhitespace) ? nil : t
    }

    /// The first line of the cleaned text that is not blank, at most `maxMessageCharacters`
    /// characters (a message that starts with an empty line still gets a useful attribute).
    ///
    /// Splits on scalars, not Characters: `"\r\n"` is one Character in Swift, so a
    /// Character-based split would keep CRLF-terminated lines whole.
    static func firstLine(_ s: String) -> String {
        if let line = firstLineASCII(s) { return line }
        let scalars = TextSanitizer.clean(s).unicodeScalars
        let lines = scalars.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r" }
        let line = lines.first { !$0.allSatisfy(isXMLWhitespace) }.map { String($0) } ?? ""
        guard line.count > maxMessageCharacters else { return line }
        return String(line.prefix(maxMessageCharacters - 1)) + "…"
    }

    /// `firstLine` for printable ASCII, which `clean` leaves alone and in which a line's
    /// Characters are its bytes; `nil` for any other text. Scans bytes instead of splitting the
    /// whole message into lines.
    private static func firstLineASCII(_ s: String) -> String? {
        guard TextSanitizer.isPrintableASCII(s) else { return nil }
        return s.utf8.withContiguousStorageIfAvailable { bytes -> String in
            var start = 0
            while start < bytes.count {
                var end = start
                var blank = true
                while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D {
                    if bytes[end] != 0x20, bytes[end] != 0x09 { blank = false }
                    end += 1
                }
                if !blank {
                    let cut = end - start > maxMessageCharacters
                    let line = bytes[start..<(cut ? start + maxMessageCharacters - 1 : end)]
                    return String(decoding: UnsafeBufferPointer(rebasing: line), as: UTF8.self) + (cut ? "…" : "")
                }
                start = end + 1
            }
            return ""
        }
    }

    /// `failure`/`error` `type`: the notification id when it is already namespaced (has a dot),
    /// else `stage-report.<slug>`. GitLab hands the element to ActiveSupport, which treats
    /// bare words such as `symbol`, `yaml` or `integer` as typecast hints (and raises on some);
    /// none of those contain a dot. Our placeholder ids `(unspecified)` and `(timed out)`
    /// become `stage-report.unspecified` and `stage-report.timed-out`.
    static func namespacedType(_ id: String) -> String {
        let t = token(id)
        if isNamespacedASCII(t) { return t }
        let segments = t.split(separator: ".", omittingEmptySubsequences: false)
        if segments.count >= 2, segments.allSatisfy({ !$0.isEmpty }), !t.contains(" ") {
            return t
        }
        var slug = ""
        for u in t.unicodeScalars {
            let keep = u.properties.isAlphabetic || u.properties.numericType != nil || u == "_"
            if keep {
                slug.unicodeScalars.append(u)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.last == "-" { slug.removeLast() }
        return "stage-report." + (slug.isEmpty ? "unspecified" : slug)
    }

    /// Printable ASCII without a space, of at least two non-empty dot-separated segments: the
    /// usual notification id, which `namespacedType` returns as it is.
    static func isNamespacedASCII(_ s: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let first = bytes.first, let last = bytes.last, first != 0x2E, last != 0x2E else { return false }
            var dots = 0
            var previousDot = false
            for b in bytes {
                guard b > 0x20, b < 0x7F, !(b == 0x2E && previousDot) else { return false }
                previousDot = b == 0x2E
                if previousDot { dots += 1 }
            }
            return dots > 0
        } ?? false
    }

    static func isXMLWhitespace(_ u: Unicode.Scalar) -> Bool {
        u == " " || u == "\t" || u == "\n" || u == "\r"
    }

    /// XML 1.0 `Char`: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
    /// (Surrogates cannot occur in a Swift scalar.)
    static func isXMLChar(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
