import JSONOutput

extension JSONWriter {
    /// A time as vCenter writes it (`2024-11-08T19:39:57.399Z`), formatted into the buffer.
    mutating func timestamp(milliseconds: Int64) {
        unescapedString { SampleClock.appendTimestamp(milliseconds: milliseconds, to: &$0) }
    }
}
