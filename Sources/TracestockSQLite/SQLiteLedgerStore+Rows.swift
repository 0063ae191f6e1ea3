import GRDB
import Tracestock
import TracestockCore

/// Row decoding, kept in one place so every query maps columns the same way.
extension SQLiteLedgerStore {
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

    static func unit(_ row: Row) -> Unit {
        Unit(id: row[0], skuID: row[1], serial: row[2], lotID: row[3], state: UnitState(rawValue: row[4]) ?? .voided,
             locationID: row[5], orderRef: row[6], lastSeq: row[7], receivedSeq: row[8])
    }

    static func event(_ row: Row) -> LedgerEvent {
        LedgerEvent(
            seq: row[0], type: EventType(rawValue: row[1]) ?? .adjust, at: Timestamp(milliseconds: row[2]),
            recordedAt: Timestamp(milliseconds: row[3]), skuID: row[4], lotID: row[5], quantity: row[6],
            fromLocationID: row[7], toLocationID: row[8], fromStatus: (row[9] as String?).flatMap(StockStatus.init(rawValue:)),
            toStatus: (row[10] as String?).flatMap(StockStatus.init(rawValue:)), orderRef: row[11], customerRef: row[12],
            actor: row[13], reason: row[14], voidsSeq: row[15], verdict: row[16], claimed: row[19], unitFirst: row[17], unitLast: row[18])
    }

    static func sku(_ row: Row) -> SKU {
        SKU(id: row[0], code: row[1], title: row[2], tracking: TrackingLevel(rawValue: row[3]) ?? .none, gtin: row[4],
            asin: row[5], fnsku: row[6], warrantyDays: row[7], warrantyStart: SKU.WarrantyStart(rawValue: row[8]) ?? .ship,
            productionDays: row[9], transitDays: row[10], receivingDays: row[11], casePack: row[12], moq: row[13],
            supplier: row[14], unitVolume: row[15], serialPrefix: row[16], serialWidth: row[17], serialNext: row[18],
            gs1CompanyPrefixLength: row[19])
    }

    static func lot(_ row: Row) -> Lot {
        Lot(id: row[0], skuID: row[1], code: row[2], produced: row[3], expires: row[4], supplier: row[5], firstSeq: row[6])
    }

    static func location(_ row: Row) -> Location {
        Location(id: row[0], code: row[1], kind: Location.Kind(rawValue: row[2]) ?? .other, name: row[3], allowNegative: row[4],
                 sgln: row[5])
    }

    static func eventUnit(_ row: Row) -> EventUnit {
        EventUnit(unitID: row[0], prevState: (row[1] as String?).flatMap(UnitState.init(rawValue:)), prevLocationID: row[2],
                  prevOrderRef: row[3], prevLotID: row[4])
    }

    /// Every row of `statement`, each decoded where the statement has it: `Row.fetchAll` copies
    /// every row first, which cost more than the decoding on the short reads (histories, lookups).
    static func fetchAll<T>(_ statement: Statement, arguments: StatementArguments = [], _ decode: @escaping (Row) throws -> T) throws -> [T] {
        try Array(Row.fetchCursor(statement, arguments: arguments).map(decode))
    }

    /// The first row of `statement`, decoded where the statement has it (see `fetchAll`).
    static func fetchOne<T>(_ statement: Statement, arguments: StatementArguments = [], _ decode: (Row) throws -> T) throws -> T? {
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        return try cursor.next().map(decode)
    }

    /// `?, ?, …` for an IN list.
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }
}
