import CLibXML2
import ReportCore

/// Owns one libxml2 `xmlTextWriter` that streams into an `AtomicFile`.
///
/// Streaming keeps memory flat however many test cases are written: libxml2 hands us its
/// output buffer in chunks through a write callback, and `AtomicFile` writes them to a
/// temporary file in the target directory that is renamed over the target only on `commit`.
///
/// It only offers escaping calls (`xmlTextWriterWriteAttribute`, `xmlTextWriterWriteString`),
/// never raw or CDATA writes (`WriteCDATA` does not split `]]>`), and every value passes
/// through `JUnitText.xmlSafe` first. Element and attribute names are static literals.
final class XMLStreamWriter {
    /// Where libxml2's output goes; remembers the first write error, since the C callback can
    /// only answer -1.
    private final class Sink {
        let file: AtomicFile
        var error: OutputError?

        init(_ file: AtomicFile) { self.file = file }

        func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
            guard error == nil else { return false }
            do {
                try file.write(bytes)
                return true
            } catch {
                self.error = error
                return false
            }
        }
    }

    let path: String
    private let sink: Sink
    private var writer: xmlTextWriterPtr?

    /// - Parameter file: stays owned by the caller, who commits it after `finish()`.
    init(file: AtomicFile) throws(OutputError) {
        JUnitLibXML.initialize()
        path = file.path
        sink = Sink(file)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        // The sink outlives the writer: it is a stored property, and the writer is freed in
        // `finish()` or `deinit`, both before the properties go.
        guard let output = xmlOutputBufferCreateIO({ context, buffer, length in
            guard let context, let buffer, length >= 0 else { return -1 }
            let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
            return sink.write(UnsafeRawBufferPointer(start: buffer, count: Int(length))) ? length : -1
        }, nil, context, nil) else {
            throw OutputError(path: path, reason: "libxml2 could not create an output buffer")
        }
        guard let writer = xmlNewTextWriter(output) else {
            xmlOutputBufferClose(output)
            throw OutputError(path: path, reason: "libxml2 could not create a text writer")
        }
        self.writer = writer
        try check(xmlTextWriterSetIndent(writer, 1), "xmlTextWriterSetIndent")
        try check(xmlTextWriterSetIndentString(writer, "  "), "xmlTextWriterSetIndentString")
    }

    deinit {
        if let writer { xmlFreeTextWriter(writer) }
    }

    func startDocument() throws(OutputError) {
        try check(xmlTextWriterStartDocument(try live(), "1.0", "UTF-8", nil), "xmlTextWriterStartDocument")
    }

    func startElement(_ name: StaticString) throws(OutputError) {
        try check(xmlTextWriterStartElement(try live(), name.utf8Start), "xmlTextWriterStartElement(\(name))")
    }

    /// Ends the open element; an element without content is written as `<name/>`.
    func endElement() throws(OutputError) {
        try check(xmlTextWriterEndElement(try live()), "xmlTextWriterEndElement")
    }

    /// Writes an attribute; `xmlTextWriterWriteAttribute` escapes `& < > "` and writes tab,
    /// LF and CR as character references, so attribute normalisation cannot flatten them.
    func attribute(_ name: StaticString, _ value: String) throws(OutputError) {
        let safe = JUnitText.xmlSafe(value)
        try check(xmlTextWriterWriteAttribute(try live(), name.utf8Start, safe), "xmlTextWriterWriteAttribute(\(name))")
    }

    /// Writes escaped character data (`]]>` becomes `]]&gt;`).
    func text(_ value: String) throws(OutputError) {
        let safe = JUnitText.xmlSafe(value)
        guard !safe.isEmpty else { return }
        try check(xmlTextWriterWriteString(try live(), safe), "xmlTextWriterWriteString")
    }

    /// Closes every open element, flushes and frees the writer. The caller then commits the file.
    func finish() throws(OutputError) {
        let writer = try live()
        try check(xmlTextWriterEndDocument(writer), "xmlTextWriterEndDocument")
        try check(xmlTextWriterFlush(writer), "xmlTextWriterFlush")
        xmlFreeTextWriter(writer)
        self.writer = nil
        if let error = sink.error { throw error }
    }

    private func live() throws(OutputError) -> xmlTextWriterPtr {
        guard let writer else { throw OutputError(path: path, reason: "XML writer used after finish()") }
        return writer
    }

    private func check(_ rc: Int32, _ call: @autoclosure () -> String) throws(OutputError) {
        guard rc < 0 else { return }
        // A failed write callback surfaces here as -1; its errno-based reason says more.
        throw sink.error ?? OutputError(path: path, reason: "libxml2 \(call()) failed")
    }
}

/// libxml2's one-time global set-up, done exactly once per process.
enum JUnitLibXML {
    // `xmlInitParser` is not safe to race on first use in 2.9; a lazy static runs it once.
    // `xmlCleanupParser` is never called: the process shares libxml2 with FoundationXML.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func initialize() { _ = initialized }
}
