import ReportText

/// One metric family of the Prometheus text exposition format (version 0.0.4, what
/// node_exporter's textfile collector reads): its HELP and TYPE lines, then its samples.
///
/// Every family keeps its HELP and TYPE lines even with no sample (a rate with nothing
/// finished), so the file's shape does not change from one night to the next. Samples carry no
/// timestamp: the collector refuses them.
struct MetricFamily {
    /// A label name and its value as the data has it (escaped when written).
    typealias Label = (name: String, value: String)

    let name: String
    private(set) var text: String

    /// Only gauges: every figure is a snapshot of the report, never a count since a process began.
    init(_ name: String, help: String) {
        precondition(name.hasPrefix("stage_report_"), "every metric name has the stage_report_ prefix")
        self.name = name
        text = "# HELP \(name) \(help)\n# TYPE \(name) gauge\n"
    }

    /// A sample without labels.
    mutating func add(_ value: String?) { add([], value) }

    /// A sample whose value is already formatted (`MetricValue`); no sample when it is `nil`.
    mutating func add(_ labels: [Label], _ value: String?) {
        guard let value else { return }
        text += name
        if !labels.isEmpty {
            text += "{"
            text += labels.map { "\($0.name)=\"\(Self.escaped($0.value))\"" }.joined(separator: ",")
            text += "}"
        }
        text += " " + value + "\n"
    }

    /// A label value as the format requires: backslash, double quote and line feed escaped
    /// (`\\`, `\"`, `\n`). The format has no escape for CR, and a parser that splits lines on it
    /// would cut the sample in two, so CRLF and CR are line breaks too. Control characters
    /// that no output can show were removed first (`TextSanitizer.clean`).
    static func escaped(_ raw: String) -> String {
        let clean = TextSanitizer.clean(raw)
        guard clean.utf8.contains(where: { $0 == 0x5C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            return clean
        }
        var out = ""
        var afterCR = false
        for u in clean.unicodeScalars {
            defer { afterCR = u == "\r" }
            switch u {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\r": out += "\\n"
            case "\n": if !afterCR { out += "\\n" }
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

/// Sample values as text: plain decimals without exponent, the same on every machine.
enum MetricValue {
    static func count(_ n: Int) -> String { String(n) }

    /// A ratio in [0, 1] with up to 6 decimals, as in summary.json; `nil` when there is none.
    static func rate(_ r: Double?) -> String? { r.map { DecimalFormat.format($0, decimals: 6) } }

    /// Milliseconds as seconds, exactly (`405.169`).
    static func seconds(_ ms: Int64?) -> String? { ms.map(DecimalFormat.seconds) }

    /// A mean in milliseconds as seconds to the millisecond.
    static func seconds(mean ms: Double?) -> String? { ms.map { DecimalFormat.format($0 / 1_000, decimals: 3) } }

    static func flag(_ b: Bool) -> String { b ? "1" : "0" }
}
