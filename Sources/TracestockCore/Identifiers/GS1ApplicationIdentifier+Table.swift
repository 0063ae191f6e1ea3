extension GS1ApplicationIdentifier {
    private static func numeric(_ length: Int, _ rule: Rule = .none) -> Component {
        Component(characterSet: .numeric, minLength: length, maxLength: length, isOptional: false, rule: rule)
    }

    private static func numericUpTo(_ length: Int) -> Component {
        Component(characterSet: .numeric, minLength: 1, maxLength: length, isOptional: false, rule: .none)
    }

    private static func cset82(_ length: Int, optional: Bool = false) -> Component {
        Component(characterSet: .cset82, minLength: optional ? 0 : 1, maxLength: length, isOptional: optional, rule: .none)
    }

    private static func cset39(_ length: Int) -> Component {
        Component(characterSet: .cset39, minLength: 1, maxLength: length, isOptional: false, rule: .none)
    }

    /// The AI table (GS1 General Specifications / GS1 Barcode Syntax Dictionary), keyed by code.
    static let table: [String: GS1ApplicationIdentifier] = {
        var entries: [GS1ApplicationIdentifier] = [
            .init("00", "SSCC", predefined: true, [numeric(18, .checkDigit)]),
            .init("01", "GTIN", predefined: true, [numeric(14, .checkDigit)]),
            .init("02", "CONTENT", predefined: true, [numeric(14, .checkDigit)]),
            .init("10", "BATCH/LOT", [cset82(20)]),
            .init("11", "PROD DATE", predefined: true, [numeric(6, .date)]),
            .init("12", "DUE DATE", predefined: true, [numeric(6, .date)]),
            .init("13", "PACK DATE", predefined: true, [numeric(6, .date)]),
            .init("15", "BEST BEFORE or BEST BY", predefined: true, [numeric(6, .date)]),
            .init("16", "SELL BY", predefined: true, [numeric(6, .date)]),
            .init("17", "USE BY OR EXPIRY", predefined: true, [numeric(6, .date)]),
            .init("20", "VARIANT", predefined: true, [numeric(2)]),
            .init("21", "SERIAL", [cset82(20)]),
            .init("22", "CPV", [cset82(20)]),
            .init("235", "TPX", [cset82(28)]),
            .init("240", "ADDITIONAL ID", [cset82(30)]),
            .init("241", "CUST. PART No.", [cset82(30)]),
            .init("250", "SECONDARY SERIAL", [cset82(30)]),
            .init("251", "REF. TO SOURCE", [cset82(30)]),
            .init("253", "GDTI", [numeric(13, .checkDigit), cset82(17, optional: true)]),
            .init("254", "GLN EXTENSION COMPONENT", [cset82(20)]),
            .init("30", "VAR. COUNT", [numericUpTo(8)]),
            .init("37", "COUNT", [numericUpTo(8)]),
            .init("400", "ORDER NUMBER", [cset82(30)]),
            .init("401", "GINC", [cset82(30)]),
            .init("410", "SHIP TO LOC", predefined: true, [numeric(13, .checkDigit)]),
            .init("411", "BILL TO", predefined: true, [numeric(13, .checkDigit)]),
            .init("412", "PURCHASE FROM", predefined: true, [numeric(13, .checkDigit)]),
            .init("413", "SHIP FOR LOC", predefined: true, [numeric(13, .checkDigit)]),
            .init("414", "LOC No.", predefined: true, [numeric(13, .checkDigit)]),
            .init("415", "PAY TO", predefined: true, [numeric(13, .checkDigit)]),
            .init("416", "PROD/SERV LOC", predefined: true, [numeric(13, .checkDigit)]),
            .init("417", "PARTY", predefined: true, [numeric(13, .checkDigit)]),
            .init("7003", "EXPIRY TIME", [numeric(10, .dateTime)]),
            .init("8003", "GRAI", [numeric(1, .zero), numeric(13, .checkDigit), cset82(16, optional: true)]),
            .init("8004", "GIAI", [cset82(30)]),
            .init("8010", "CPID", [cset39(30)]),
            .init("8200", "PRODUCT URL", [cset82(70)]),
        ]
        // Trade and logistic measures 31nn-36nn (N6, decimal-point indicator 0-5), predefined length.
        let measurePrefixes = Array(310...316) + Array(320...329) + Array(330...337)
            + Array(340...349) + Array(350...357) + Array(360...369)
        for prefix in measurePrefixes {
            for decimals in 0...5 {
                entries.append(.init("\(prefix)\(decimals)", "MEASURE \(prefix)n", predefined: true, [numeric(6)]))
            }
        }
        return Dictionary(uniqueKeysWithValues: entries.map { ($0.code, $0) })
    }()
}
