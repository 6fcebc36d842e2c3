import CLibXML2

/// A parsed XML file (owns the `xmlDocPtr`). Parsing is strict: no network, no recovery,
/// no huge-text allowance, so a file that any strict consumer would reject fails here.
final class LibXMLDocument {
    private let document: xmlDocPtr

    struct ParseError: Error, CustomStringConvertible {
        var path: String
        var message: String
        var description: String { "\(path) is not well-formed: \(message)" }
    }

    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    static func initializeOnce() { _ = initialized }

    init(path: String) throws {
        LibXMLDocument.initializeOnce()
        guard let parser = xmlNewParserCtxt() else { throw ParseError(path: path, message: "no parser context") }
        defer { xmlFreeParserCtxt(parser) }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        guard let document = xmlCtxtReadFile(parser, path, nil, options) else {
            let message = xmlCtxtGetLastError(parser)?.pointee.message.map { String(cString: $0) } ?? "unknown error"
            throw ParseError(path: path, message: message.trimmingSuffixNewlines())
        }
        self.document = document
    }

    deinit { xmlFreeDoc(document) }

    func withPointer<T>(_ body: (xmlDocPtr) -> T) -> T { body(document) }

    /// The element tree, as plain values.
    func root() -> ParsedElement? {
        guard let node = xmlDocGetRootElement(document) else { return nil }
        return element(node)
    }

    private func element(_ node: xmlNodePtr) -> ParsedElement {
        var result = ParsedElement(name: String(cString: node.pointee.name))
        var attribute = node.pointee.properties
        while let a = attribute {
            let value = xmlNodeListGetString(document, a.pointee.children, 1)
            result.attributes.append((String(cString: a.pointee.name), value.map { String(cString: $0) } ?? ""))
            clibxml2_free(value)
            attribute = a.pointee.next
        }
        var child = node.pointee.children
        while let c = child {
            switch c.pointee.type {
            case XML_ELEMENT_NODE:
                result.children.append(element(c))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = xmlNodeGetContent(c) {
                    result.text += String(cString: content)
                    clibxml2_free(content)
                }
            default:
                break
            }
            child = c.pointee.next
        }
        return result
    }
}

/// One element of a parsed document.
struct ParsedElement {
    var name: String
    var attributes: [(name: String, value: String)] = []
    var children: [ParsedElement] = []
    /// The element's own text nodes, concatenated.
    var text = ""

    subscript(attribute: String) -> String? { attributes.first { $0.name == attribute }?.value }

    func children(named name: String) -> [ParsedElement] { children.filter { $0.name == name } }
}
