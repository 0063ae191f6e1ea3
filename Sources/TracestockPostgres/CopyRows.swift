import PostgresNIO

/// Rows in PostgreSQL's `COPY … FROM STDIN` text format: tab between fields, `\N` for NULL,
/// backslash escapes for backslash, tab, newline and carriage return.
struct CopyRows {
    private(set) var buffer: ByteBuffer
    private var atLineStart = true

    init(capacity: Int = 1 << 16) {
        buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    /// Bytes written so far.
    var count: Int { buffer.readableBytes }

    mutating func field(_ value: Int64?) {
        separate()
        if let value { buffer.writeString(String(value)) } else { buffer.writeStaticString("\\N") }
    }

    mutating func field(_ value: Double?) {
        separate()
        if let value { buffer.writeString("\(value)") } else { buffer.writeStaticString("\\N") }
    }

    mutating func field(_ value: String?) {
        separate()
        guard let value else { buffer.writeStaticString("\\N"); return }
        let utf8 = value.utf8
        if utf8.allSatisfy({ $0 != UInt8(ascii: "\\") && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") }) {
            buffer.writeString(value)
            return
        }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }

    /// Appends preformatted fields that end the row (`CopyRows` written once and reused for many rows).
    mutating func appendRaw(_ fields: ByteBuffer) {
        separate()
        buffer.writeImmutableBuffer(fields)
        atLineStart = true
    }

    /// Ends the current row.
    mutating func endRow() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        atLineStart = true
    }

    /// Hands the rows written so far to `writer` and starts afresh.
    mutating func flush(to writer: PostgresCopyFromWriter) async throws {
        guard buffer.readableBytes > 0 else { return }
        try await writer.write(buffer)
        buffer.clear()
    }

    private mutating func separate() {
        if atLineStart { atLineStart = false } else { buffer.writeInteger(UInt8(ascii: "\t")) }
    }
}
