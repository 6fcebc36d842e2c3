import Foundation
import JSONOutput
import Testing

/// The one JSON writer in its three styles: the same calls, the layout and escaping each
/// style promises, and text that parses back to what was written.
@Suite struct JSONWriterTests {
    private func write(_ style: JSONWriter.Style, _ body: (inout JSONWriter) -> Void) -> String {
        var json = JSONWriter(style: style)
        body(&json)
        return String(decoding: json.bytes, as: UTF8.self)
    }

    private func nested(_ json: inout JSONWriter) {
        json.beginObject()
        json.key("a")
        json.beginObject()
        json.endObject()
        json.key("b")
        json.beginArray()
        json.int(1)
        json.beginArray()
        json.endArray()
        json.endArray()
        json.endObject()
    }

    @Test("each style lays out the same calls its own way; empty containers stay {} and []")
    func layouts() {
        #expect(write(.report, nested) == "{\n  \"a\": {},\n  \"b\": [\n    1,\n    []\n  ]\n}")
        #expect(write(.collector, nested) == "{\n \"a\": {},\n \"b\": [\n  1,\n  []\n ]\n}")
        #expect(write(.collectorLine, nested) == "{\"a\":{},\"b\":[1,[]]}")
    }

    @Test("the report style escapes what breaks a script; the collector style writes \\b and \\f")
    func escaping() {
        let text = "q\" b\\ \u{08}\u{0C}\u{1B} del\u{7F} ls\u{2028} ps\u{2029} é"
        #expect(
            write(.report) { $0.string(text) }
                == #""q\" b\\ \u0008\u000c\u001b del\u007f ls\u2028 ps\u2029 é""#)
        #expect(
            write(.collector) { $0.string(text) }
                == "\"q\\\" b\\\\ \\b\\f\\u001b del\u{7F} ls\u{2028} ps\u{2029} é\"")
    }

    @Test("escaped text parses back to the original", arguments: [JSONWriter.Style.report, .collector, .collectorLine])
    func roundTrip(style: JSONWriter.Style) throws {
        let text = "tab\t nl\n cr\r nul\u{00} \u{7F}\u{2028} zürich 東京 😀 \"quoted\" back\\slash"
        let json = write(style) {
            $0.beginObject()
            $0.key(text)
            $0.string(text)
            $0.endObject()
        }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String])
        #expect(object == [text: text])
    }

    @Test("numbers: integers, nulls, rounded decimals and seconds without trailing zeros")
    func numbers() {
        let json = write(.collectorLine) {
            $0.beginArray()
            $0.int(-42)
            $0.int(nil as Int64?)
            $0.decimal(0.123456789, decimals: 6)
            $0.decimal(2.5, decimals: 0)
            $0.decimal(Double.nan, decimals: 2)
            $0.seconds(milliseconds: 503_120)
            $0.seconds(milliseconds: -1_500)
            $0.decimalString(7)
            $0.bool(false)
            $0.endArray()
        }
        #expect(json == #"[-42,null,0.123457,3,null,503.12,-1.5,"7",false]"#)
    }

    @Test("reset starts a new document in the same writer")
    func reset() {
        var json = JSONWriter(style: .collectorLine)
        json.beginObject()
        json.key("x")
        json.int(1)
        json.endObject()
        json.reset()
        json.beginArray()
        json.int(2)
        json.endArray()
        #expect(String(decoding: json.bytes, as: UTF8.self) == "[2]")
    }
}
