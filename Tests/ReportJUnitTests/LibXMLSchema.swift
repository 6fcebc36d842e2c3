import CLibXML2
import TestHelpers

/// A compiled XSD (owns the `xmlSchemaPtr`). Read-only once parsed, so one instance is shared
/// between test threads; each validation gets its own validation context.
final class LibXMLSchema: @unchecked Sendable {
    let path: String
    private let schema: xmlSchemaPtr

    /// Loaded once; a schema that does not load fails the tests that need it (with the path)
    /// instead of crashing the test process. Jenkins' is `nil` when Scripts/setup.sh has not
    /// fetched it.
    static let jenkins: Result<LibXMLSchema, any Error>? = ExternalTool.jenkinsSchema.path.map { path in
        Result { try LibXMLSchema(path: path) }
    }
    static let ant = Result { try LibXMLSchema(path: TestSupport.antSchema) }

    struct LoadError: Error, CustomStringConvertible {
        var path: String
        var messages: [String]
        var description: String { "cannot load schema \(path): \(messages.joined(separator: "; "))" }
    }

    init(path: String) throws {
        LibXMLDocument.initializeOnce()
        self.path = path
        // From the file path: libxml2 keeps the buffer of a memory parser context without
        // copying it (swift-spike §1 pitfall 3); a path has no such lifetime trap.
        guard let parser = xmlSchemaNewParserCtxt(path) else {
            throw LoadError(path: path, messages: ["no parser context"])
        }
        defer { xmlSchemaFreeParserCtxt(parser) }
        let errors = ErrorBox()
        xmlSchemaSetParserStructuredErrors(parser, ErrorBox.collect, Unmanaged.passUnretained(errors).toOpaque())
        guard let schema = xmlSchemaParse(parser) else { throw LoadError(path: path, messages: errors.messages) }
        self.schema = schema
    }

    deinit { xmlSchemaFree(schema) }

    /// The validation errors of the file at `path`; empty when it is well-formed and valid.
    func errors(validating path: String) -> [String] {
        let document: LibXMLDocument
        do { document = try LibXMLDocument(path: path) } catch { return ["\(error)"] }
        guard let context = xmlSchemaNewValidCtxt(schema) else { return ["no validation context"] }
        defer { xmlSchemaFreeValidCtxt(context) }
        let errors = ErrorBox()
        xmlSchemaSetValidStructuredErrors(context, ErrorBox.collect, Unmanaged.passUnretained(errors).toOpaque())
        let rc = document.withPointer { xmlSchemaValidateDoc(context, $0) }
        if rc != 0, errors.messages.isEmpty { return ["xmlSchemaValidateDoc returned \(rc)"] }
        return errors.messages
    }
}

/// Collects libxml2's structured errors (instead of its default stderr printing).
final class ErrorBox {
    var messages: [String] = []

    static let collect: xmlStructuredErrorFunc = { context, error in
        guard let context, let error else { return }
        let box = Unmanaged<ErrorBox>.fromOpaque(context).takeUnretainedValue()
        let message = error.pointee.message.map { String(cString: $0) } ?? "error \(error.pointee.code)"
        box.messages.append("line \(error.pointee.line): " + message.trimmingSuffixNewlines())
    }
}

extension String {
    func trimmingSuffixNewlines() -> String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}
