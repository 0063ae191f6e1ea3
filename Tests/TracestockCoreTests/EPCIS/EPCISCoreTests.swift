import Testing
@testable import TracestockCore

@Suite struct EPCISMappingTests {
    @Test(arguments: [
        (EventType.receive, Int64(5), String?.none, "ADD", "receiving", "in_progress"),
        (.move, 5, nil, "OBSERVE", "arriving", "in_progress"),
        (.ship, 1, nil, "OBSERVE", "shipping", "in_transit"),
        (.return, 1, "match", "OBSERVE", "receiving", "returned"),
        (.restock, 1, nil, "OBSERVE", "stocking", "sellable_accessible"),
        (.quarantine, 3, nil, "OBSERVE", "holding", "non_sellable_other"),
        (.quarantine, 3, "recall", "OBSERVE", "holding", "recalled"),
        (.release, 3, nil, "OBSERVE", "inspecting", "sellable_accessible"),
        (.dispose, 1, nil, "DELETE", "destroying", "destroyed"),
        (.adjust, 4, nil, "ADD", "cycle_counting", "in_progress"),
        (.adjust, -4, nil, "DELETE", "cycle_counting", "unknown"),
    ])
    func everyLedgerEventTypeMapsToCBVVocabulary(type: EventType, quantity: Int64, verdict: String?, action: String, bizStep: String,
                                                 disposition: String) throws {
        let mapping = try #require(EPCISEventMapping.of(type, quantity: quantity, verdict: verdict))
        #expect(mapping.action.rawValue == action)
        #expect(mapping.bizStep.rawValue == bizStep)
        #expect(mapping.disposition.rawValue == disposition)
    }

    @Test func voidsRegistrationsAndEmptyReturnClaimsHaveNoObjectEventOfTheirOwn() {
        #expect(EPCISEventMapping.of(.void, quantity: 1, verdict: nil) == nil)
        #expect(EPCISEventMapping.of(.register, quantity: 1, verdict: nil) == nil)
        #expect(EPCISEventMapping.of(.return, quantity: 0, verdict: "unknownSerial") == nil)
    }

    @Test func cbvValuesAreReadInBareURNAndWebForms() {
        #expect(CBVBizStep(cbv: "urn:epcglobal:cbv:bizstep:shipping") == .shipping)
        #expect(CBVBizStep(cbv: "https://ref.gs1.org/cbv/BizStep-receiving") == .receiving)
        #expect(CBVBizStep(cbv: "receiving") == .receiving)
        #expect(CBVBizStep(cbv: "https://example.com/steps/x") == nil)
        #expect(CBVDisposition(cbv: "urn:epcglobal:cbv:disp:in_transit") == .inTransit)
    }
}

@Suite struct EPCURITests {
    @Test func sgtinEncodesTheTagDataStandardExample() throws {
        let gtin = try GTIN("10614141073464")
        #expect(try EPCURI.sgtin(gtin: gtin, prefixLength: 7, serial: "2017") == "urn:epc:id:sgtin:0614141.107346.2017")
        let parsed = try #require(try EPCURI.parseTradeItem("urn:epc:id:sgtin:0614141.107346.2017"))
        #expect(parsed.gtin.value == "10614141073464", "the check digit is recomputed from company prefix and item reference")
        #expect(parsed.serial == "2017")
        #expect(parsed.prefixLength == 7)
    }

    @Test func lgtinAndGTINPatternCarryTheIndicatorDigitInTheItemReference() throws {
        let gtin = try GTIN("04012345123456")
        #expect(try EPCURI.lgtin(gtin: gtin, prefixLength: 7, lot: "998877") == "urn:epc:class:lgtin:4012345.012345.998877")
        #expect(try EPCURI.gtinPattern(gtin: gtin, prefixLength: 9) == "urn:epc:idpat:sgtin:401234512.0345.*")
        let lot = try #require(try EPCURI.parseTradeItem("urn:epc:class:lgtin:4012345.012345.998877"))
        #expect(lot.gtin.value == "04012345123456" && lot.lot == "998877")
        #expect(try EPCURI.parseTradeItem("urn:epc:idpat:sgtin:401234512.0345.*")?.gtin.value == "04012345123456")
    }

    @Test func serialsAreEscapedTheTagDataStandardWayAndRoundTrip() throws {
        let gtin = try GTIN("10614141073464")
        let urn = try EPCURI.sgtin(gtin: gtin, prefixLength: 7, serial: "A/B%1?")
        #expect(urn == "urn:epc:id:sgtin:0614141.107346.A%2FB%251%3F")
        #expect(try EPCURI.parseTradeItem(urn)?.serial == "A/B%1?")
    }

    @Test func malformedEPCURIsAreErrorsThatSayWhy() throws {
        #expect(throws: TracestockError.self) { try EPCURI.parseTradeItem("urn:epc:id:sgtin:0614141.10734.2017") }
        #expect(throws: TracestockError.self) { try EPCURI.parseTradeItem("urn:epc:id:sgtin:0614141.107346") }
        #expect(throws: TracestockError.self) { try EPCURI.sgtin(gtin: try GTIN("10614141073464"), prefixLength: 7, serial: "this serial is far too long") }
        #expect(throws: TracestockError.self) { try EPCURI.sgtin(gtin: try GTIN("10614141073464"), prefixLength: 13, serial: "1") }
        #expect(try EPCURI.parseTradeItem("urn:epc:id:sscc:0614141.1234567890") == nil)
    }

    @Test func sglnIsValidated() throws {
        #expect(try EPCURI.validatedSGLN("urn:epc:id:sgln:0614141.00777.0") == "urn:epc:id:sgln:0614141.00777.0")
        #expect(throws: TracestockError.self) { try EPCURI.validatedSGLN("urn:epc:id:sgln:0614141.0077.0") }
        #expect(throws: TracestockError.self) { try EPCURI.validatedSGLN("0614141007770") }
    }
}

@Suite struct EPCISIdentifierTests {
    let earbuds = SKU(code: "EB-100", title: "Earbuds", tracking: .serial, gtin: "09520123456788")
    let vitamins = SKU(code: "VIT-C", title: "Vitamin C", tracking: .lot, gtin: "09520123456900")

    @Test func gtinSKUsUseDigitalLinksByDefault() {
        #expect(EPCISIdentifiers.unit(sku: earbuds, serial: "SN0001") == "https://id.gs1.org/01/09520123456788/21/SN0001")
        #expect(EPCISIdentifiers.productClass(sku: vitamins, lot: "B7781") == "https://id.gs1.org/01/09520123456900/10/B7781")
        #expect(EPCISIdentifiers.productClass(sku: vitamins, lot: nil) == "https://id.gs1.org/01/09520123456900")
    }

    @Test func aCompanyPrefixLengthSwitchesToEPCURNs() {
        var sku = earbuds
        sku.gs1CompanyPrefixLength = 7
        #expect(EPCISIdentifiers.unit(sku: sku, serial: "SN0001") == "urn:epc:id:sgtin:9520123.045678.SN0001")
        var lots = vitamins
        lots.gs1CompanyPrefixLength = 7
        #expect(EPCISIdentifiers.productClass(sku: lots, lot: "B7781") == "urn:epc:class:lgtin:9520123.045690.B7781")
        #expect(EPCISIdentifiers.productClass(sku: lots, lot: nil) == "urn:epc:idpat:sgtin:9520123.045690.*")
    }

    @Test func skusWithoutGTINAndNonGS1SerialsUseThePrivateForm() throws {
        let tote = SKU(code: "TOTE:1", title: "Tote", tracking: .none)
        #expect(EPCISIdentifiers.productClass(sku: tote, lot: nil) == "urn:tracestock:sku:TOTE%3A1")
        let long = String(repeating: "9", count: 25)
        let unit = EPCISIdentifiers.unit(sku: earbuds, serial: long)
        #expect(unit == "urn:tracestock:unit:EB-100:" + long, "AI 21 holds at most 20 characters")
        #expect(try EPCISIdentifiers.parse(unit) == .init(product: .sku("EB-100"), serial: long))
        #expect(try EPCISIdentifiers.parse("urn:tracestock:lot:VIT-C:B%2F1") == .init(product: .sku("VIT-C"), lot: "B/1"))
        #expect(EPCISIdentifiers.locationCode(EPCISIdentifiers.location(Location(code: "WH-MAIN", kind: .warehouse))) == "WH-MAIN")
        #expect(EPCISIdentifiers.location(Location(code: "X", kind: .warehouse, sgln: "urn:epc:id:sgln:0614141.00777.0")) == "urn:epc:id:sgln:0614141.00777.0")
    }

    @Test func digitalLinksOnAnyHostAreReadBack() throws {
        let ref = try EPCISIdentifiers.parse("https://brand.example/dl/01/09520123456788/10/L1/21/SN0001")
        #expect(ref == .init(product: .gtin("09520123456788"), serial: "SN0001", lot: "L1"))
        #expect(throws: TracestockError.self) { try EPCISIdentifiers.parse("https://id.gs1.org/00/106141412345678908") }
        #expect(throws: TracestockError.self) { try EPCISIdentifiers.parse("urn:epc:id:sscc:0614141.1234567890") }
    }
}

@Suite struct EPCISEventIDTests {
    func event(seq: Int64, recorded: Int64 = 1_000) -> LedgerEvent {
        LedgerEvent(seq: seq, type: .ship, at: Timestamp(milliseconds: 500), recordedAt: Timestamp(milliseconds: recorded), skuID: 1, quantity: 2)
    }

    @Test func theNameCoversTheImmutableFactsOfTheLedgerEvent() {
        #expect(EPCISEventID.name(of: event(seq: 7), skuCode: "EB-100") == "tracestock-epcis-v1|7|1000|ship|500|EB-100|2")
        #expect(EPCISEventID.name(of: event(seq: 7), skuCode: "EB-100") != EPCISEventID.name(of: event(seq: 8), skuCode: "EB-100"))
        #expect(EPCISEventID.name(of: event(seq: 7), skuCode: "EB-100") != EPCISEventID.name(of: event(seq: 7, recorded: 1_001), skuCode: "EB-100"))
    }

    @Test func theURNIsAVersion5RFC9562UUID() {
        let urn = EPCISEventID.uuidURN(sha1: Array(0..<20))
        #expect(urn == "urn:uuid:00010203-0405-5607-8809-0a0b0c0d0e0f")
    }
}

@Suite struct EPCISDocumentReaderTests {
    @Test func problemsNameTheEventIndexAndTheField() {
        let doc = JSONValue.object([
            "@context": .array([.string(EPCISExportMapper.context)]), "type": .string("EPCISDocument"), "schemaVersion": .string("2.0"),
            "creationDate": .string("2026-01-01T00:00:00Z"),
            "epcisBody": .object(["eventList": .array([
                .object(["type": .string("ObjectEvent"), "eventTime": .string("2026-01-01T00:00:00Z"), "eventTimeZoneOffset": .string("+00:00"),
                         "action": .string("OBSERVE"), "epcList": .array([.string("urn:epc:id:sgtin:0614141.107346.1")])]),
                .object(["type": .string("ObjectEvent"), "eventTime": .string("soon"), "eventTimeZoneOffset": .string("+00:00"),
                         "action": .string("KEEP"), "quantityList": .array([.object(["epcClass": .string("x:y"), "quantity": .string("3")])])]),
            ])]),
        ])
        let (events, problems) = EPCISDocumentReader.read(doc)
        #expect(events.count == 2)
        let messages = problems.map(\.message)
        #expect(messages.contains { $0.hasPrefix("eventList[1].eventTime:") })
        #expect(messages.contains { $0.hasPrefix("eventList[1].action:") && $0.contains("KEEP") })
        #expect(messages.contains { $0.hasPrefix("eventList[1].quantityList[0].quantity:") })
        #expect(problems.allSatisfy { $0.index == 1 })
    }

    @Test func aDocumentWithoutEventListIsRefused() {
        let (_, problems) = EPCISDocumentReader.read(.object(["type": .string("EPCISDocument"), "schemaVersion": .string("1.2")]))
        #expect(problems.contains { $0.message.contains("schemaVersion") })
        #expect(problems.contains { $0.message.contains("eventList") })
    }

    @Test func serializationSortsKeysAndEscapes() {
        let value = JSONValue.object(["b": .int(1), "a": .array([.string("x\"/\n"), .bool(true), .null])])
        #expect(value.compactText == #"{"a":["x\"/\n",true,null],"b":1}"#)
    }

    @Test func timeZoneOffsetsAreWrittenAndRead() throws {
        let t = Timestamp(year: 2026, month: 3, day: 2, hour: 23, minute: 15)
        #expect(EPCISExportMapper.eventTime(t, offsetMinutes: 120) == ("2026-03-03T01:15:00+02:00", "+02:00"))
        #expect(EPCISExportMapper.eventTime(t, offsetMinutes: 0) == ("2026-03-02T23:15:00Z", "+00:00"))
        #expect(try EPCISExportMapper.parseOffset("-05:30") == -330)
        #expect(throws: TracestockError.self) { try EPCISExportMapper.parseOffset("+15:00") }
        #expect(try Timestamp.parse("2026-03-03T01:15:00+02:00") == t)
        // EPCIS examples write microseconds: more than three fraction digits are cut, not a crash.
        #expect(try Timestamp.parse("2005-04-03T20:33:31.116000-06:00") == Timestamp(milliseconds: Timestamp(year: 2005, month: 4, day: 4, hour: 2, minute: 33, second: 31).milliseconds + 116))
    }
}
