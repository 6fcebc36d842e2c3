/// A CSV file being built: a header row, then rows with exactly as many cells.
///
/// Records end in CRLF, as RFC 4180 §2 says and Excel writes; Python's `csv`, sqlite3's
/// `.import --csv`, pandas and every spreadsheet read it, and line breaks inside a quoted cell
/// stay what the data had. No byte-order mark: it would become part of the first column's name
/// for most programs that read CSV.
struct CSVTable {
    static let recordEnd = "\r\n"

    let columns: [String]
    private(set) var text: String

    init(columns: [String]) {
        self.columns = columns
        text = columns.map(CSVField.quoted).joined(separator: ",") + CSVTable.recordEnd
    }

    /// Cells must already be CSV fields (`CSVField.data` for data, plain text for our own figures).
    mutating func append(_ cells: [String]) {
        precondition(cells.count == columns.count, "a row must have one cell per column")
        text += cells.joined(separator: ",")
        text += CSVTable.recordEnd
    }
}
