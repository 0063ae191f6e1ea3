/// The `eventID` of an exported event: a name-based (version 5, SHA-1) UUID URN of facts that
/// never change once the ledger event is written: its sequence number, recorded time, type,
/// event time, SKU code and quantity. Exporting the same event again, with any options, gives
/// the same id; events of different stores differ in their recorded time. (Not the CBV 2.0
/// event hash: README "EPCIS" says why.)
public enum EPCISEventID {
    /// The namespace UUID of Tracestock's EPCIS event ids (fixed forever).
    public static let namespace: [UInt8] = [0xdb, 0x17, 0xe4, 0xe6, 0x09, 0x6a, 0x47, 0x00, 0xb6, 0x3b, 0xf7, 0x9c, 0x11, 0x5a, 0x07, 0x30]

    /// The name hashed for a ledger event.
    public static func name(of event: LedgerEvent, skuCode: String) -> String {
        ["tracestock-epcis-v1", String(event.seq), String(event.recordedAt.milliseconds), event.type.rawValue,
         String(event.at.milliseconds), skuCode, String(event.quantity)].joined(separator: "|")
    }

    /// `urn:uuid:…` from the SHA-1 digest of namespace + name (RFC 9562 §5.5: version 5, variant 10).
    public static func uuidURN(sha1 digest: [UInt8]) -> String {
        precondition(digest.count >= 16, "a SHA-1 digest has 20 bytes")
        var bytes = Array(digest.prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { byte -> String in
            let s = String(byte, radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        return "urn:uuid:" + hex[0..<4].joined() + "-" + hex[4..<6].joined() + "-" + hex[6..<8].joined() + "-"
            + hex[8..<10].joined() + "-" + hex[10..<16].joined()
    }
}
