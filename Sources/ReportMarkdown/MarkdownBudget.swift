/// The size of Markdown as GitHub counts it: UTF-8 bytes and Unicode scalars.
struct TextSize: Equatable, Sendable {
    var bytes = 0
    var scalars = 0

    static let zero = TextSize()

    init() {}

    init(_ s: String) {
        bytes = s.utf8.count
        // A String's UTF-8 is valid, so its scalars are its bytes that do not continue one
        // (`10xxxxxx`): counted on the bytes instead of decoding every scalar, for every cell.
        scalars =
            s.utf8.withContiguousStorageIfAvailable { utf8 in
                utf8.reduce(0) { n, b in n + (b & 0xC0 == 0x80 ? 0 : 1) }
            } ?? s.unicodeScalars.count
    }

    static func + (a: TextSize, b: TextSize) -> TextSize {
        var r = a
        r.bytes += b.bytes
        r.scalars += b.scalars
        return r
    }

    static func - (a: TextSize, b: TextSize) -> TextSize {
        var r = a
        r.bytes -= b.bytes
        r.scalars -= b.scalars
        return r
    }
}

/// Both bounds the output must keep within.
struct Budget: Sendable {
    var maxBytes: Int
    var maxScalars: Int

    static let unlimited = Budget(maxBytes: .max, maxScalars: .max)

    init(maxBytes: Int, maxScalars: Int) {
        self.maxBytes = maxBytes
        self.maxScalars = maxScalars
    }

    init(_ limit: MarkdownLimit?) {
        guard let limit else { self = .unlimited; return }
        self.init(maxBytes: limit.maxBytes, maxScalars: limit.maxCharacters ?? .max)
    }

    func admits(_ size: TextSize) -> Bool { size.bytes <= maxBytes && size.scalars <= maxScalars }
}
