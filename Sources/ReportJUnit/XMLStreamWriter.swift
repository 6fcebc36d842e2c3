import CLibXML2
import Files
import ReportText

/// Owns one libxml2 `xmlTextWriter` that writes into memory.
///
/// The JUnit writer renders a few suites at a time with one of these per worker thread and
/// splices the bytes into the file on the calling thread (`JUnitChunk`), so memory holds a
/// bounded number of chunks, never the file. libxml2 hands its output buffer over in pieces
/// through a write callback; `mark()` flushes it, so that the byte count it returns is exactly
/// where the next call's output will begin.
///
/// It only offers escaping calls (`xmlTextWriterWriteAttribute`, `xmlTextWriterWriteString`),
/// never raw or CDATA writes (`WriteCDATA` does not split `]]>`), and every value passes
/// through `JUnitText.xmlSafe` first (`XMLSafeText`). Element and attribute names are static
/// literals. One writer is used by one thread at a time.
final class XMLStreamWriter {
    /// Where libxml2's output goes.
    private final class Sink {
        var bytes: [UInt8] = []
    }

    /// The file the bytes are for; only named in errors.
    let path: String
    private let sink = Sink()
    private var writer: xmlTextWriterPtr?

    /// - Parameters:
    ///   - path: the file the output will end up in, for error messages.
    ///   - capacity: bytes to reserve up front.
    ///   - buffer: a buffer whose capacity is reused; its contents are discarded.
    init(path: String, capacity: Int = 0, reusing buffer: consuming [UInt8] = []) throws(FileError) {
        JUnitLibXML.initialize()
        self.path = path
        // Moved, not copied, all the way from the pool: emptying a shared buffer would
        // allocate a new one.
        sink.bytes = consume buffer
        sink.bytes.removeAll(keepingCapacity: true)
        sink.bytes.reserveCapacity(capacity)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        // The sink outlives the writer: it is a stored property, and the writer is freed in
        // `finish()` or `deinit`, both before the properties go.
        guard
            let output = xmlOutputBufferCreateIO(
                { context, buffer, length in
                    guard let context, let buffer, length >= 0 else { return -1 }
                    let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
                    sink.bytes.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: Int(length)))
                    return length
                }, nil, context, nil)
        else {
            throw FileError(path: path, reason: "libxml2 could not create an output buffer")
        }
        guard let writer = xmlNewTextWriter(output) else {
            xmlOutputBufferClose(output)
            throw FileError(path: path, reason: "libxml2 could not create a text writer")
        }
        self.writer = writer
        try check(xmlTextWriterSetIndent(writer, 1), "xmlTextWriterSetIndent")
        try check(xmlTextWriterSetIndentString(writer, "  "), "xmlTextWriterSetIndentString")
    }

    deinit {
        if let writer { xmlFreeTextWriter(writer) }
    }

    func startDocument() throws(FileError) {
        try check(xmlTextWriterStartDocument(try live(), "1.0", "UTF-8", nil), "xmlTextWriterStartDocument")
    }

    func startElement(_ name: StaticString) throws(FileError) {
        try check(xmlTextWriterStartElement(try live(), name.utf8Start), "xmlTextWriterStartElement(\(name))")
    }

    /// Ends the open element; an element without content is written as `<name/>`.
    func endElement() throws(FileError) {
        try check(xmlTextWriterEndElement(try live()), "xmlTextWriterEndElement")
    }

    /// Writes an attribute; `xmlTextWriterWriteAttribute` escapes `& < > "` and writes tab,
    /// LF and CR as character references, so attribute normalisation cannot flatten them.
    func attribute(_ name: StaticString, _ value: String) throws(FileError) {
        try attribute(name, XMLSafeText(value))
    }

    /// Writes an attribute whose value was made safe before (one that repeats, say).
    func attribute(_ name: StaticString, _ value: XMLSafeText) throws(FileError) {
        let writer = try live()
        // `withCString` borrows the string's own bytes; passing a String to a C pointer
        // parameter would copy it into a new array on every call.
        let rc = value.string.withCString { xmlTextWriterWriteAttribute(writer, name.utf8Start, $0) }
        try check(rc, "xmlTextWriterWriteAttribute(\(name))")
    }

    /// Writes an integer attribute (a suite's `id` and counts) from digits on the stack.
    func attribute(_ name: StaticString, _ value: Int) throws(FileError) {
        let writer = try live()
        let rc = JUnitDigits.withDecimal(value) { xmlTextWriterWriteAttribute(writer, name.utf8Start, $0) }
        try check(rc, "xmlTextWriterWriteAttribute(\(name))")
    }

    /// Writes a `time` attribute, `ReportFormatting.secondsWithMilliseconds`, from digits on the stack:
    /// one per case, where a String each was a visible cost.
    func attribute(_ name: StaticString, seconds milliseconds: Int64) throws(FileError) {
        let writer = try live()
        let rc = JUnitDigits.withSeconds(milliseconds) { xmlTextWriterWriteAttribute(writer, name.utf8Start, $0) }
        try check(rc, "xmlTextWriterWriteAttribute(\(name))")
    }

    /// Writes escaped character data (`]]>` becomes `]]&gt;`).
    func text(_ value: String) throws(FileError) {
        let safe = XMLSafeText(value)
        guard !safe.string.isEmpty else { return }
        let writer = try live()
        let rc = safe.string.withCString { xmlTextWriterWriteString(writer, $0) }
        try check(rc, "xmlTextWriterWriteString")
    }

    /// Flushes libxml2's buffer; returns the number of bytes written so far, which is where the
    /// output of the next call begins.
    func mark() throws(FileError) -> Int {
        try check(xmlTextWriterFlush(try live()), "xmlTextWriterFlush")
        return sink.bytes.count
    }

    /// Closes every open element, flushes and frees the writer; returns everything written.
    func finish() throws(FileError) -> [UInt8] {
        let writer = try live()
        try check(xmlTextWriterEndDocument(writer), "xmlTextWriterEndDocument")
        try check(xmlTextWriterFlush(writer), "xmlTextWriterFlush")
        xmlFreeTextWriter(writer)
        self.writer = nil
        defer { sink.bytes = [] }
        return sink.bytes
    }

    private func live() throws(FileError) -> xmlTextWriterPtr {
        guard let writer else { throw FileError(path: path, reason: "XML writer used after finish()") }
        return writer
    }

    private func check(_ rc: Int32, _ call: @autoclosure () -> String) throws(FileError) {
        guard rc < 0 else { return }
        throw FileError(path: path, reason: "libxml2 \(call()) failed")
    }
}

/// A string that has been through `JUnitText.xmlSafe`: the only kind `XMLStreamWriter` writes.
/// A value used many times (a suite's classname) is made safe once.
struct XMLSafeText {
    let string: String

    init(_ value: String) { string = JUnitText.xmlSafe(value) }

    /// A non-empty string that `JUnitText.isCollapsedASCII` accepted, of at most
    /// `JUnitText.maxTextBytes` bytes: printable ASCII, which `xmlSafe` returns unchanged, so
    /// it is not scanned again (a case name per host).
    init(plainToken value: String) {
        assert(!value.isEmpty && value.utf8.count <= JUnitText.maxTextBytes && JUnitText.isCollapsedASCII(value))
        assert(JUnitText.xmlSafe(value) == value)
        string = value
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
