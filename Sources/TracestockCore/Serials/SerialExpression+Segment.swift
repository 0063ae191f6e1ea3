extension SerialExpression {
    /// One validated group, ready to expand: a first serial and how many serials follow from it.
    struct Segment: Sendable, Equatable {
        /// The group as the caller sees it.
        let group: Group
        /// 1-based index of the group in the expression.
        let index: Int
        /// 1-based character position of the group in the expression.
        let position: Int
        /// The group as typed (with quotes, if any), for messages.
        let source: String
        /// The bytes of the first serial.
        let first: [UInt8]
        /// Offset in `first` where the counted digit run starts (unused when `count == 1`).
        let digitStart: Int
        /// Offset in `first` just after the counted digit run (unused when `count == 1`).
        let digitEnd: Int
        /// How many serials the group names.
        let count: Int

        /// Appends the group's serials to `out`, counting in the digit run with carry, growing
        /// the run by one digit only when every digit was 9.
        func append(to out: inout [String]) {
            if count == 1 {
                out.append(String(decoding: first, as: UTF8.self))
                return
            }
            var buffer = first
            var end = digitEnd
            let start = digitStart
            var remaining = count
            while true {
                out.append(String(decoding: buffer, as: UTF8.self))
                remaining -= 1
                if remaining == 0 { return }
                var k = end - 1
                while true {
                    let digit = buffer[k]
                    if digit != SerialDigits.nine {
                        buffer[k] = digit &+ 1
                        break
                    }
                    buffer[k] = SerialDigits.zero
                    if k == start {
                        buffer.insert(SerialDigits.zero &+ 1, at: start)
                        end += 1
                        break
                    }
                    k -= 1
                }
            }
        }

        /// The key two groups must share for their serials to possibly collide: every serial a
        /// group names has the same text around its last digit run (a prefix never ends in a digit
        /// and a suffix has none), so groups with different keys never overlap.
        var collisionKey: [UInt8] {
            if count == 1 {
                let parts = SerialParts(first[...])
                return collisionKey(prefix: parts.prefix, suffix: parts.suffix, hasDigits: parts.hasDigits)
            }
            return collisionKey(prefix: first[0..<digitStart], suffix: first[digitEnd...], hasDigits: true)
        }

        private func collisionKey(prefix: ArraySlice<UInt8>, suffix: ArraySlice<UInt8>, hasDigits: Bool) -> [UInt8] {
            // 0x00 never occurs in a serial, so it separates the parts unambiguously.
            var key = Array(prefix)
            key.append(0)
            key.append(contentsOf: suffix)
            key.append(0)
            key.append(hasDigits ? 1 : 2)
            return key
        }
    }
}
