/// Numbers distinct keys 0, 1, 2… in the order they are first seen.
///
/// For runs where neighbours usually share a key (units of one group in id order, serials of one
/// shape): a key equal to the one before is compared, not hashed. Inlinable, so callers in other
/// modules get it specialized for their key type instead of hashing through generic witnesses.
public struct KeyNumbering<Key: Hashable> {
    /// The keys seen, each once, at their number.
    public var keys: [Key] { storedKeys }
    @usableFromInline var storedKeys: [Key] = []
    @usableFromInline var numbers: [Key: Int] = [:]
    @usableFromInline var last: (key: Key, number: Int)?

    @inlinable public init() {}

    /// The key's number, and whether this call gave it one.
    @inlinable public mutating func number(of key: Key) -> (number: Int, isNew: Bool) {
        if let last, last.key == key { return (last.number, false) }
        let number: Int
        let isNew: Bool
        if let known = numbers[key] {
            (number, isNew) = (known, false)
        } else {
            (number, isNew) = (storedKeys.count, true)
            numbers[key] = number
            storedKeys.append(key)
        }
        last = (key, number)
        return (number, isNew)
    }
}

extension KeyNumbering: Sendable where Key: Sendable {}
