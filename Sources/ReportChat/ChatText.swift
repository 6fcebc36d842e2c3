import ReportText

/// One piece of a chat line: words of the report's own, or text from the data, which each
/// platform escapes its own way (Slack's mrkdwn entities, Teams' plain text runs).
enum ChatPiece: Equatable {
    case text(String)
    case data(String)
}

/// A line of a chat message, pieces in reading order.
struct ChatLine: Equatable {
    var pieces: [ChatPiece]

    init(_ pieces: [ChatPiece]) { self.pieces = pieces }

    /// The text as it reads, unescaped.
    var plain: String {
        pieces.map {
            switch $0 {
            case .text(let s), .data(let s): return s
            }
        }.joined()
    }
}

enum ChatText {
    /// Data made fit for one line of a chat message: cleaned of terminal codes and controls
    /// (`TextSanitizer`), every run of whitespace (line breaks too) one space, and cut to
    /// `limit` characters with an ellipsis; `fallback` when nothing readable is left.
    static func data(_ s: String?, limit: Int, else fallback: String = "—") -> String {
        guard let s else { return fallback }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for u in TextSanitizer.clean(s).unicodeScalars {
            if u.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" ") }
            pendingSpace = false
            out.append(u)
        }
        guard !out.isEmpty else { return fallback }
        // Cut on characters, not scalars, so no emoji or accent is split.
        let line = String(out)
        return line.count > limit ? String(line.prefix(limit - 1)) + "…" : line
    }

    /// Whether `url` can be a link target on its own: an absolute http(s) URL. A relative path
    /// means nothing in a chat message, so it is shown as text instead.
    static func isAbsoluteHTTP(_ url: String) -> Bool {
        let lower = url.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://")
    }
}
