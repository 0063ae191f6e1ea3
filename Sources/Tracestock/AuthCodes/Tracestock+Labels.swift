import Foundation
import TracestockCore
import TracestockLabels

/// A label file to write.
public struct LabelFile: Sendable, Equatable {
    public var name: String
    public var bytes: [UInt8]
}

/// Label output formats.
public enum LabelFormat: String, Sendable, CaseIterable {
    case svg, png, zpl
}

extension Tracestock {
    /// What a unit's QR code carries: a GS1 Digital Link `https://<host>/01/<GTIN>/21/<serial>?auth=<code>`,
    /// or the code alone for SKUs without a GTIN (the serial alone when there is no code either).
    public static func unitLabelPayload(sku: SKU, serial: String, code: String?, host: String) throws -> String {
        guard let gtin = sku.gtin else { return code ?? serial }
        var base = host
        if !base.hasPrefix("http://") && !base.hasPrefix("https://") { base = "https://" + base }
        while base.hasSuffix("/") { base.removeLast() }
        let item = try GS1ItemData(gtin: try GTIN(gtin), serial: serial)
        let extra = code.map { [GS1DigitalLink.QueryParameter(name: "auth", value: $0)] } ?? []
        return try GS1DigitalLink.uri(for: item.elementString, baseURL: base, otherQueryParameters: extra)
    }

    /// Renders unit labels (QR with Digital Link + code, SKU, serial, title) or one FNSKU label,
    /// on the 2.625 × 1 in layout Amazon accepts. Files are named `<sku>_<serial>.<ext>` (`<sku>_fnsku.<ext>`).
    /// - Parameter units: serial and plaintext code (from the printer CSV) of each unit; code may be nil.
    public func renderLabels(sku code: String, units: [(serial: String, code: String?)], fnsku: Bool, format: LabelFormat,
                             host: String = "https://id.gs1.org") async throws -> [LabelFile] {
        let sku = try await requireSKU(code)
        let layout = LabelLayout.avery5160
        func render(_ content: some LabelContent) throws -> [UInt8] {
            switch format {
            case .svg: return Array(try layout.svg(content).utf8)
            case .png: return try layout.png(content)
            case .zpl: return Array(try layout.zpl(content).utf8)
            }
        }
        let safe = sku.code.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" }
        if fnsku {
            guard let value = sku.fnsku else {
                throw TracestockError.invalid("sku: \(sku.code) has no FNSKU (set it with `tracestock sku edit \(sku.code) --fnsku …`)", details: ["field": "fnsku"])
            }
            return [LabelFile(name: "\(String(safe))_fnsku.\(format.rawValue)", bytes: try render(FNSKULabel(fnsku: value, title: sku.title)))]
        }
        guard !units.isEmpty else { throw TracestockError.invalid("serials: no units to label", details: ["field": "serials"]) }
        let known = Set(try await store.units(skuID: sku.id, serials: units.map(\.serial)).map(\.serial))
        var files: [LabelFile] = []
        for unit in units {
            guard known.contains(unit.serial) else {
                throw TracestockError.notFound("SKU \(sku.code) has no serial \(unit.serial)", details: ["serial": unit.serial])
            }
            let payload = try Self.unitLabelPayload(sku: sku, serial: unit.serial, code: unit.code, host: host)
            let serialName = unit.serial.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" }
            files.append(LabelFile(name: "\(String(safe))_\(String(serialName)).\(format.rawValue)",
                                   bytes: try render(UnitLabel(qrPayload: payload, sku: sku.code, serial: unit.serial, title: sku.title))))
        }
        return files
    }
}
