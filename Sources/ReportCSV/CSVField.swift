import ReportText

/// One CSV cell as RFC 4180 writes it, and the spreadsheet-formula guard for text from the data.
///
/// Host names, cluster names and reasons come from the payloads. A spreadsheet opening the file
/// runs a cell that starts with `=`, `+`, `-` or `@` as a formula (`=cmd|' /C calc'!A0`), and
/// tab or CR in first place can smuggle one past a check; OWASP's advice is to prefix such a
/// cell with a single quote, which every spreadsheet shows as text. Only data text is guarded:
/// the renderer's own numbers, dates and words never start with those characters.
enum CSVField {
    /// The characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection").
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// Text from the data: cleaned of what no format can show, guarded, then quoted if needed.
    static func data(_ raw: String) -> String {
        quoted(neutralised(TextSanitizer.clean(raw)))
    }

    /// An optional data value; absent is the empty cell.
    static func data(_ raw: String?) -> String { raw.map(data) ?? "" }

    /// `text` with a leading `'` when a spreadsheet would take it for a formula.
    static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, formulaStarts.contains(first) else { return text }
        return "'" + text
    }

    /// RFC 4180 §2: a field holding a comma, a double quote, CR or LF is enclosed in double
    /// quotes, and a double quote inside it is doubled. Other fields are written as they are.
    static func quoted(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            return text
        }
        var out = "\""
        for u in text.unicodeScalars {
            if u == "\"" { out += "\"" }
            out.unicodeScalars.append(u)
        }
        return out + "\""
    }
}
