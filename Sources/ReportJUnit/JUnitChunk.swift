import Files

/// A run of consecutive suites of one JUnit file, rendered in memory as a document of its own
/// (`<?xml …?>`, `<testsuites>`, the suites, `</testsuites>`) by a fresh libxml2 writer.
///
/// Between suites libxml2's writer is always in the same state (`<testsuites>` open with
/// content, nothing pending), so a suite's bytes do not depend on what was written before it,
/// and the file is the first chunk's head, every chunk's suites, and the last chunk's tail:
/// byte for byte what one writer would have written for the whole file.
struct JUnitChunk: Sendable {
    /// What libxml2 writes to close `<testsuites`'s start tag when the first child starts, with
    /// indentation on: `>` and a newline. It belongs to the head, so only the first chunk's counts.
    static let startTagClose: [UInt8] = Array(">\n".utf8)

    /// The whole document of this chunk.
    let document: [UInt8]
    /// Where the first suite begins (the end of the head, `<?xml …?>\n<testsuites>\n`).
    let suitesStart: Int
    /// Where the tail (`</testsuites>\n`, or `/>\n` with no suite) begins.
    let suitesEnd: Int

    /// The bytes this chunk adds to the file: the head only if it is the first chunk, its
    /// suites, and the tail only if it is the last.
    func bytes(first: Bool, last: Bool) -> ArraySlice<UInt8> {
        document[(first ? 0 : suitesStart)..<(last ? document.count : suitesEnd)]
    }

    /// Renders `count` suites, calling `writeSuite(i, xml)` for `i` in `0..<count`.
    /// `buffer`'s capacity is reused; its contents are discarded.
    static func render(
        path: String, count: Int, capacity: Int, reusing buffer: consuming [UInt8] = [],
        writeSuites: (XMLStreamWriter) throws(FileError) -> Void
    ) throws(FileError) -> JUnitChunk {
        let xml = try XMLStreamWriter(path: path, capacity: capacity, reusing: consume buffer)
        try xml.startDocument()
        // The Ant schema allows no attribute at all on <testsuites>.
        try xml.startElement("testsuites")
        var suitesStart = try xml.mark()
        try writeSuites(xml)
        let suitesEnd = try xml.mark()
        let document = try xml.finish()
        if count > 0 {
            guard document[suitesStart..<suitesEnd].starts(with: startTagClose) else {
                throw FileError(path: path, reason: "internal error: libxml2 did not close <testsuites> as expected")
            }
            suitesStart += startTagClose.count
        }
        return JUnitChunk(document: document, suitesStart: suitesStart, suitesEnd: suitesEnd)
    }
}
