/// Numbers written as NUL-terminated ASCII on the stack, for the writer to pass to libxml2
/// without a String per value: a suite's `id` and counts, and every case's `time`.
///
/// The bytes are digits, a `-` and a `.` only, so they are what `JUnitText.xmlSafe` would
/// return for the same text, and `String(cString:)` of them is `String(v)` or
/// `ReportFormatting.secondsWithMilliseconds(ms)` (checked in `FastPathTests`).
enum JUnitDigits {
    /// Room for a sign, 20 digits, a dot and three decimals, and the NUL.
    private static let capacity = 32

    /// `String(value)`, as a C string valid only inside `body`.
    static func withDecimal<R>(_ value: Int, _ body: (UnsafePointer<CChar>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
            var i = buffer.count - 1
            buffer[i] = 0
            i = writeDigits(value.magnitude, before: i, in: buffer)
            if value < 0 {
                i -= 1
                buffer[i] = CChar(UInt8(ascii: "-"))
            }
            return body(UnsafePointer(buffer.baseAddress! + i))
        }
    }

    /// `ReportFormatting.secondsWithMilliseconds` (`405.169`, negative as `0.000`), as a C string valid
    /// only inside `body`.
    static func withSeconds<R>(_ milliseconds: Int64, _ body: (UnsafePointer<CChar>) -> R) -> R {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
            let ms = UInt64(max(milliseconds, 0))
            var i = buffer.count - 1
            buffer[i] = 0
            var fraction = ms % 1_000
            for _ in 0..<3 {
                i -= 1
                buffer[i] = CChar(UInt8(ascii: "0") + UInt8(fraction % 10))
                fraction /= 10
            }
            i -= 1
            buffer[i] = CChar(UInt8(ascii: "."))
            i = writeDigits(UInt(ms / 1_000), before: i, in: buffer)
            return body(UnsafePointer(buffer.baseAddress! + i))
        }
    }

    /// Writes `value` in decimal so that it ends just before `end`; returns where it starts.
    private static func writeDigits(_ value: UInt, before end: Int, in buffer: UnsafeMutableBufferPointer<CChar>) -> Int
    {
        var i = end
        var rest = value
        repeat {
            i -= 1
            buffer[i] = CChar(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        return i
    }
}
