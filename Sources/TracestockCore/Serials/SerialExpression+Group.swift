extension SerialExpression {
    /// One group of an expression, as written.
    public enum Group: Sendable, Hashable {
        /// One serial, written plainly or in double quotes (stored without the quotes).
        case single(String)
        /// `START..END` or `START-END`: every serial from start to end, inclusive.
        case range(start: String, end: String)
        /// `START+extra`: the start serial and the next `extra` serials.
        case count(start: String, extra: Int)
    }
}
