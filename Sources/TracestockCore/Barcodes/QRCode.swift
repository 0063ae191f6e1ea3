/// A QR Code Model 2 symbol (ISO/IEC 18004): versions 1–40, error correction L/M/Q/H,
/// numeric, alphanumeric or byte (UTF-8) mode, the mask with the lowest penalty.
///
/// The quiet zone (4 modules of light on every side) is not part of the matrix; renderers add it.
public struct QRCode: Sendable, Equatable {
    /// The version, 1...40.
    public let version: Int
    /// Side length in modules (4 × version + 17).
    public let size: Int
    /// The error correction level used.
    public let ecLevel: QRErrorCorrection
    /// The data mask pattern applied, 0...7.
    public let mask: Int
    /// The mode the text was encoded in.
    public let mode: QRMode
    /// The encoded text.
    public let text: String
    /// The modules, row-major (`y * size + x`); true is dark.
    public let modules: [Bool]

    /// The width of the light margin readers need around the symbol, in modules.
    public static let quietZoneModules = 4

    /// Whether the module at column `x`, row `y` is dark; coordinates outside the matrix
    /// (the quiet zone) are light.
    public func isDark(x: Int, y: Int) -> Bool {
        guard x >= 0, x < size, y >= 0, y < size else { return false }
        return modules[y * size + x]
    }

    /// Encodes text in the smallest version (not below `minVersion`) that holds it at the
    /// chosen error correction level.
    ///
    /// - Parameters:
    ///   - text: the content; encoded in numeric, alphanumeric or byte mode, whichever is
    ///     shortest for the whole text. Byte mode carries UTF-8, announced by ECI 26 when the
    ///     text is not plain ASCII.
    ///   - ecLevel: error correction level, `.medium` by default.
    ///   - minVersion: the smallest version to consider, 1...40.
    /// - Throws: `TracestockError.invalid` when `minVersion` is out of range or the text does
    ///   not fit version 40 at `ecLevel`.
    public static func encode(
        _ text: String,
        ecLevel: QRErrorCorrection = .medium,
        minVersion: Int = 1
    ) throws -> QRCode {
        guard (1...40).contains(minVersion) else {
            throw TracestockError.invalid(
                "QR minimum version must be 1...40, got \(minVersion).",
                details: ["field": "minVersion", "value": String(minVersion)]
            )
        }
        let segment = QRSegment(text: text)
        var chosen: (version: Int, bits: Int)?
        for version in minVersion...40 {
            if let bits = segment.totalBits(version: version),
               bits <= QRVersionTable.dataCodewords(version, ecLevel) * 8 {
                chosen = (version, bits)
                break
            }
        }
        guard let (version, _) = chosen else {
            let capacity = QRVersionTable.dataCodewords(40, ecLevel)
            throw TracestockError.invalid(
                "Text of \(segment.data.count) bytes is too long for a QR Code at error correction "
                    + "level \(ecLevel.letter): it does not fit version 40 (\(capacity) data codewords).",
                details: [
                    "field": "text", "length": String(segment.data.count),
                    "mode": segment.mode.rawValue, "ecLevel": ecLevel.letter,
                ]
            )
        }

        let codewords = Self.codewords(for: segment, version: version, ecLevel: ecLevel)
        var matrix = QRMatrix(version: version)
        matrix.placeCodewords(codewords)

        var best: (mask: Int, penalty: Int, modules: [Bool])?
        for mask in 0..<8 {
            var candidate = matrix
            candidate.applyMask(mask)
            candidate.drawFormatInformation(Self.formatInformationBits(ecLevel: ecLevel, mask: mask))
            let penalty = candidate.penaltyScore()
            if best == nil || penalty < best!.penalty {
                best = (mask, penalty, candidate.modules)
            }
        }
        return QRCode(
            version: version, size: matrix.size, ecLevel: ecLevel, mask: best!.mask,
            mode: segment.mode, text: text, modules: best!.modules
        )
    }

    /// Number of data codewords (8-bit) a version holds at an error correction level.
    public static func dataCodewordCapacity(version: Int, ecLevel: QRErrorCorrection) -> Int {
        precondition((1...40).contains(version), "QR version must be 1...40")
        return QRVersionTable.dataCodewords(version, ecLevel)
    }
}
