import Tracestock
import TracestockCore

// Service values to the generated schema types. Field names are the CLI's `--json` names;
// optional fields with no value are left out of the JSON.

extension Components.Schemas.Sku {
    init(_ sku: SKU) {
        self.init(id: sku.id, code: sku.code, title: sku.title, tracking: .init(rawValue: sku.tracking.rawValue)!, gtin: sku.gtin,
                  asin: sku.asin, fnsku: sku.fnsku, warrantyDays: sku.warrantyDays, warrantyStart: .init(rawValue: sku.warrantyStart.rawValue)!,
                  productionDays: sku.productionDays, transitDays: sku.transitDays, receivingDays: sku.receivingDays,
                  casePack: sku.casePack, moq: sku.moq, supplier: sku.supplier, unitVolume: sku.unitVolume,
                  serialPrefix: sku.serialPrefix, serialWidth: sku.serialWidth, serialNext: sku.serialNext,
                  gs1CompanyPrefixLength: sku.gs1CompanyPrefixLength)
    }
}

extension Components.Schemas.Lot {
    init(_ lot: Lot) {
        self.init(id: lot.id, skuID: lot.skuID, code: lot.code, produced: lot.produced, expires: lot.expires, supplier: lot.supplier,
                  firstSeq: lot.firstSeq)
    }
}

extension Components.Schemas.Location {
    init(_ location: Location) {
        self.init(id: location.id, code: location.code, kind: .init(rawValue: location.kind.rawValue)!, name: location.name,
                  allowNegative: location.allowNegative, sgln: location.sgln)
    }
}

extension Components.Schemas.EventSummary {
    init(_ event: EventSummary) {
        self.init(seq: event.seq, _type: .init(rawValue: event.type.rawValue)!, at: event.at, sku: event.sku, lot: event.lot,
                  quantity: event.quantity, from: event.from, to: event.to, order: event.order, voids: event.voids)
    }
}

extension Components.Schemas.WriteResult {
    init(_ result: WriteResult) {
        self.init(seq: result.seq, seqs: result.events.map(\.seq), events: result.events.map(Components.Schemas.EventSummary.init),
                  replayed: result.replayed)
    }
}

extension Components.Schemas.ImportResult {
    init(_ result: ImportResult) {
        self.init(rows: result.rows, events: result.events, quantity: result.quantity, replayed: result.replayed, seqs: result.seqs,
                  salesInserted: result.salesInserted, salesSkipped: result.salesSkipped, cancelledIgnored: result.cancelledIgnored)
    }
}

extension Components.Schemas.StockReport {
    init(_ report: StockReport) {
        self.init(rows: report.rows.map {
            Components.Schemas.StockRow(sku: $0.sku, lot: $0.lot, location: $0.location, quantity: $0.quantity,
                                        quarantined: $0.quarantined, returned: $0.returned, expires: $0.expires)
        }, total: report.total, totalQuarantined: report.totalQuarantined, totalReturned: report.totalReturned)
    }
}

extension Components.Schemas.UnitHistory {
    init(_ history: UnitHistory) {
        self.init(sku: history.sku, serial: history.serial, state: .init(rawValue: history.state.rawValue)!, lot: history.lot,
                  location: history.location, order: history.order, events: history.events.map {
                      Components.Schemas.UnitEvent(seq: $0.seq, _type: .init(rawValue: $0.type.rawValue)!, at: $0.at, location: $0.location,
                                                   order: $0.order, actor: $0.actor, reason: $0.reason, voids: $0.voids, voidedBy: $0.voidedBy)
                  })
    }
}

extension Components.Schemas.EventPage {
    init(_ page: EventPage) {
        self.init(events: page.events.map {
            Components.Schemas.LedgerEntry(seq: $0.seq, _type: .init(rawValue: $0.type.rawValue)!, at: $0.at, sku: $0.sku, lot: $0.lot,
                                           serials: $0.serials, serialsTruncated: $0.serialsTruncated, quantity: $0.quantity,
                                           from: $0.from, to: $0.to, order: $0.order, actor: $0.actor, reason: $0.reason, voids: $0.voids)
        }, next: page.next)
    }
}

extension Components.Schemas.CheckReport {
    init(_ report: CheckReport) {
        self.init(ok: report.ok, events: report.events, units: report.units, stockCells: report.stockCells,
                  orderLines: report.orderLines, problems: report.problems)
    }
}

extension Components.Schemas.ForwardTrace {
    init(_ trace: ForwardTrace) {
        self.init(sku: trace.sku, lot: trace.lot, orders: trace.orders.map {
            Components.Schemas.TracedOrder(order: $0.order, date: $0.date, customer: $0.customer, quantity: $0.quantity,
                                           returned: $0.returned, serials: $0.serials)
        })
    }
}

extension Components.Schemas.User {
    init(_ user: WebUser) {
        self.init(id: user.id, name: user.name, role: .init(rawValue: user.role.rawValue)!, createdAt: user.createdAt.iso8601,
                  disabledAt: user.disabledAt?.iso8601)
    }
}

extension Components.Schemas.Token {
    init(_ token: APIToken) {
        self.init(id: token.id, name: token.name, role: .init(rawValue: token.role.rawValue)!, createdAt: token.createdAt.iso8601,
                  revokedAt: token.revokedAt?.iso8601)
    }
}
