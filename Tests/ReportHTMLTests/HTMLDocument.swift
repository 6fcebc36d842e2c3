/// A deliberately small HTML tokenizer for the tests: enough to list every start tag with its
/// attributes and the raw text of `<script>` and `<style>`, the way a browser's tokenizer
/// would split them. If escaping ever failed, data would show up here as extra tags or
/// attributes rather than as text.
struct HTMLDocument {
    struct Tag: Equatable {
        var name: String
        var attributes: [(name: String, value: String)]

        static func == (a: Tag, b: Tag) -> Bool {
            a.name == b.name && a.attributes.elementsEqual(b.attributes) { $0 == $1 }
        }
    }

    private(set) var tags: [Tag] = []
    private(set) var scripts: [String] = []
    private(set) var styles: [String] = []
    /// Text outside tags, entity references left as they are.
    private(set) var text = ""

    init(_ html: String) {
        let b = Array(html.unicodeScalars)
        var i = 0
        func isNameStart(_ c: Unicode.Scalar) -> Bool { c.properties.isAlphabetic }
        while i < b.count {
            guard b[i] == "<", i + 1 < b.count else { text.unicodeScalars.append(b[i]); i += 1; continue }
            if b[i + 1] == "!" || b[i + 1] == "/" || b[i + 1] == "?" {
                // Doctype, comment or end tag: skip to '>'.
                while i < b.count, b[i] != ">" { i += 1 }
                i += 1
                continue
            }
            guard isNameStart(b[i + 1]) else { text.unicodeScalars.append(b[i]); i += 1; continue }
            i += 1
            var name = ""
            while i < b.count, !" \t\n\r/>".unicodeScalars.contains(b[i]) { name.unicodeScalars.append(b[i]); i += 1 }
            name = name.lowercased()
            var attributes: [(String, String)] = []
            while i < b.count, b[i] != ">" {
                if " \t\n\r/".unicodeScalars.contains(b[i]) { i += 1; continue }
                var attr = ""
                while i < b.count, !" \t\n\r/>=".unicodeScalars.contains(b[i]) {
                    attr.unicodeScalars.append(b[i]); i += 1
                }
                var value = ""
                if i < b.count, b[i] == "=" {
                    i += 1
                    if i < b.count, b[i] == "\"" || b[i] == "'" {
                        let quote = b[i]
                        i += 1
                        while i < b.count, b[i] != quote { value.unicodeScalars.append(b[i]); i += 1 }
                        i += 1
                    } else {
                        while i < b.count, !" \t\n\r>".unicodeScalars.contains(b[i]) {
                            value.unicodeScalars.append(b[i]); i += 1
                        }
                    }
                }
                attributes.append((attr.lowercased(), value))
            }
            i += 1
            tags.append(Tag(name: name, attributes: attributes))
            if name == "script" || name == "style" {
                // Raw text: runs to the first matching end tag, whatever it contains.
                var raw = ""
                let end = Array("</\(name)".unicodeScalars)
                while i < b.count,
                    !(b[i] == "<" && i + end.count <= b.count
                        && String(String.UnicodeScalarView(b[i..<(i + end.count)])).lowercased() == "</\(name)")
                {
                    raw.unicodeScalars.append(b[i])
                    i += 1
                }
                if name == "script" { scripts.append(raw) } else { styles.append(raw) }
            }
        }
    }

    func tags(named name: String) -> [Tag] { tags.filter { $0.name == name } }
}
