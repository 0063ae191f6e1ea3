import Foundation
import PostgresNIO
import Tracestock
import TracestockCore

/// Row decoding, kept in one place so every query maps columns the same way (the column lists are
/// the SQLite store's).
extension PostgresLedgerStore {
    static let unitColumns = "id, sku_id, serial, lot_id, state, location_id, order_ref, last_seq, received_seq"
    static let eventColumns = """
        seq, type, at, recorded_at, sku_id, lot_id, quantity, from_location_id, to_location_id, from_status, \
        to_status, order_ref, customer_ref, actor, reason, voids_seq, verdict, unit_first, unit_last, claimed
        """
    static let skuColumns = """
        id, code, title, tracking, gtin, asin, fnsku, warranty_days, warranty_start, production_days, transit_days, \
        receiving_days, case_pack, moq, supplier, unit_volume, serial_prefix, serial_width, serial_next, \
        gs1_company_prefix_length
        """
    static let lotColumns = "id, sku_id, code, produced, expires, supplier, first_seq"
    static let locationColumns = "id, code, kind, name, allow_negative, sgln"
    static let orderLineColumns = "order_ref, sku_id, lot_id, shipped, returned"

    /// `a, b` → `e.a, e.b`.
    static func qualified(_ columns: String, by alias: String) -> String {
        columns.split(separator: ",").map { "\(alias)." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")
    }

    static func unit(_ row: PostgresRow) throws -> TracestockCore.Unit {
        var c = Columns(row)
        return try unit(&c)
    }

    static func unit(_ c: inout Columns) throws -> TracestockCore.Unit {
        TracestockCore.Unit(id: try c.next(), skuID: try c.next(), serial: try c.next(), lotID: try c.next(),
                    state: UnitState(rawValue: try c.next()) ?? .voided, locationID: try c.next(), orderRef: try c.next(),
                    lastSeq: try c.next(), receivedSeq: try c.next())
    }

    static func event(_ row: PostgresRow) throws -> LedgerEvent {
        var c = Columns(row)
        return try event(&c)
    }

    static func event(_ c: inout Columns) throws -> LedgerEvent {
        var event = LedgerEvent(
            seq: try c.next(), type: EventType(rawValue: try c.next()) ?? .adjust, at: Timestamp(milliseconds: try c.next()),
            recordedAt: Timestamp(milliseconds: try c.next()), skuID: try c.next(), lotID: try c.next(), quantity: try c.next(),
            fromLocationID: try c.next(), toLocationID: try c.next(),
            fromStatus: (try c.next() as String?).flatMap(StockStatus.init(rawValue:)),
            toStatus: (try c.next() as String?).flatMap(StockStatus.init(rawValue:)), orderRef: try c.next(), customerRef: try c.next(),
            actor: try c.next(), reason: try c.next(), voidsSeq: try c.next(), verdict: try c.next())
        // Decoded in column order: `claimed` comes last in the table, before the unit range in the initializer.
        event.unitFirst = try c.next()
        event.unitLast = try c.next()
        event.claimed = try c.next()
        return event
    }

    static func sku(_ row: PostgresRow) throws -> SKU {
        var c = Columns(row)
        return SKU(id: try c.next(), code: try c.next(), title: try c.next(), tracking: TrackingLevel(rawValue: try c.next()) ?? .none,
                   gtin: try c.next(), asin: try c.next(), fnsku: try c.next(), warrantyDays: try c.int(),
                   warrantyStart: SKU.WarrantyStart(rawValue: try c.next()) ?? .ship, productionDays: try c.int(),
                   transitDays: try c.int(), receivingDays: try c.int(), casePack: try c.int(), moq: try c.int(),
                   supplier: try c.next(), unitVolume: try c.next(), serialPrefix: try c.next(), serialWidth: try c.int(),
                   serialNext: try c.next(), gs1CompanyPrefixLength: try c.int())
    }

    static func lot(_ row: PostgresRow) throws -> Lot {
        var c = Columns(row)
        return Lot(id: try c.next(), skuID: try c.next(), code: try c.next(), produced: try c.next(), expires: try c.next(),
                   supplier: try c.next(), firstSeq: try c.next())
    }

    static func location(_ row: PostgresRow) throws -> Location {
        var c = Columns(row)
        return Location(id: try c.next(), code: try c.next(), kind: Location.Kind(rawValue: try c.next()) ?? .other, name: try c.next(),
                        allowNegative: (try c.next() as Int64) != 0, sgln: try c.next())
    }

    static func eventUnit(_ row: PostgresRow) throws -> EventUnit {
        var c = Columns(row)
        return EventUnit(unitID: try c.next(), prevState: (try c.next() as String?).flatMap(UnitState.init(rawValue:)),
                         prevLocationID: try c.next(), prevOrderRef: try c.next(), prevLotID: try c.next())
    }

    static func orderLine(_ row: PostgresRow) throws -> OrderLine {
        var c = Columns(row)
        return OrderLine(key: OrderKey(orderRef: try c.next(), skuID: try c.next(), lotID: try c.next()),
                         quantities: OrderQuantities(shipped: try c.next(), returned: try c.next()))
    }

    static func stockKey(_ c: inout Columns) throws -> StockKey {
        StockKey(skuID: try c.next(), lotID: try c.next(), locationID: try c.next(), status: StockStatus(rawValue: try c.next()) ?? .sellable)
    }
}

/// Reads the cells of a row left to right.
struct Columns {
    private let row: PostgresRandomAccessRow
    private var index = 0

    init(_ row: PostgresRow) {
        self.row = row.makeRandomAccess()
    }

    /// The next cell, decoded.
    mutating func next<T: PostgresDecodable>(_: T.Type = T.self) throws -> T {
        defer { index += 1 }
        return try row[index].decode(T.self)
    }

    /// The next cell, a nullable BIGINT, as an `Int`.
    mutating func int() throws -> Int? {
        (try next(Int64?.self)).map { Int($0) }
    }
}
