/// The module grid of a QR Code under construction: function patterns, codeword placement,
/// masking and format/version information (ISO/IEC 18004 §7.3, §7.7–7.10).
struct QRMatrix: Sendable {
    /// Side length in modules.
    let size: Int
    /// Dark (true) or light modules, row-major: index `y * size + x`.
    var modules: [Bool]
    /// Whether each module belongs to a function pattern (not data).
    var isFunction: [Bool]

    /// A grid for a version with all function patterns drawn, the format information area
    /// reserved (written later, once the mask is known) and version information for v7+.
    init(version: Int) {
        size = QRVersionTable.size(of: version)
        modules = [Bool](repeating: false, count: size * size)
        isFunction = [Bool](repeating: false, count: size * size)

        // Timing patterns first; finders and alignment patterns overwrite their ends.
        for index in 0..<size {
            setFunction(x: 6, y: index, dark: index % 2 == 0)
            setFunction(x: index, y: 6, dark: index % 2 == 0)
        }
        drawFinder(centerX: 3, centerY: 3)
        drawFinder(centerX: size - 4, centerY: 3)
        drawFinder(centerX: 3, centerY: size - 4)

        let positions = QRVersionTable.alignmentPositions(version)
        let last = positions.count - 1
        for (row, y) in positions.enumerated() {
            for (column, x) in positions.enumerated() {
                let onFinder = (row == 0 && column == 0) || (row == 0 && column == last)
                    || (row == last && column == 0)
                if !onFinder { drawAlignment(centerX: x, centerY: y) }
            }
        }

        drawFormatInformation(0)  // reserves the area; real bits come with the mask
        if version >= 7 { drawVersionInformation(QRCode.versionInformationBits(version: version)) }
    }

    @inline(__always)
    func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] }

    private mutating func setFunction(x: Int, y: Int, dark: Bool) {
        modules[y * size + x] = dark
        isFunction[y * size + x] = true
    }

    /// A 7×7 finder with its one-module light separator (clipped at the symbol edge).
    private mutating func drawFinder(centerX: Int, centerY: Int) {
        for dy in -4...4 {
            for dx in -4...4 {
                let x = centerX + dx, y = centerY + dy
                guard x >= 0, x < size, y >= 0, y < size else { continue }
                let ring = max(abs(dx), abs(dy))
                setFunction(x: x, y: y, dark: ring != 2 && ring != 4)
            }
        }
    }

    /// A 5×5 alignment pattern: dark centre, light ring, dark ring.
    private mutating func drawAlignment(centerX: Int, centerY: Int) {
        for dy in -2...2 {
            for dx in -2...2 {
                setFunction(x: centerX + dx, y: centerY + dy, dark: max(abs(dx), abs(dy)) != 1)
            }
        }
    }

    /// Writes the 15 format bits (already BCH-coded and XOR-masked) in both copies, plus the
    /// dark module. Bit 14 is the most significant.
    mutating func drawFormatInformation(_ bits: Int) {
        func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
        // Copy 1, around the top-left finder: bits 0–7 down column 8 (skipping the timing
        // row), bits 8–14 leftwards along row 8 (skipping the timing column).
        for index in 0...5 { setFunction(x: 8, y: index, dark: bit(index)) }
        setFunction(x: 8, y: 7, dark: bit(6))
        setFunction(x: 8, y: 8, dark: bit(7))
        setFunction(x: 7, y: 8, dark: bit(8))
        for index in 9..<15 { setFunction(x: 14 - index, y: 8, dark: bit(index)) }
        // Copy 2: bits 0–7 along row 8 under the top-right finder (right to left), bits 8–14
        // down column 8 beside the bottom-left finder.
        for index in 0..<8 { setFunction(x: size - 1 - index, y: 8, dark: bit(index)) }
        for index in 8..<15 { setFunction(x: 8, y: size - 15 + index, dark: bit(index)) }
        setFunction(x: 8, y: size - 8, dark: true)  // the dark module
    }

    /// Writes the 18 version bits in the 6×3 blocks beside the top-right and bottom-left
    /// finders (bit 0 nearest the corner of the symbol).
    private mutating func drawVersionInformation(_ bits: Int) {
        for index in 0..<18 {
            let dark = (bits >> index) & 1 == 1
            let near = index / 3, far = size - 11 + index % 3
            setFunction(x: far, y: near, dark: dark)   // top-right block
            setFunction(x: near, y: far, dark: dark)   // bottom-left block
        }
    }

    /// Places codewords in the two-module-wide zigzag from the bottom-right corner, going up
    /// and down alternately and skipping the vertical timing column. Remainder bits stay light.
    mutating func placeCodewords(_ codewords: [UInt8]) {
        let totalBits = codewords.count * 8
        var bitIndex = 0
        var upward = true
        var right = size - 1
        while right >= 1 {
            if right == 6 { right = 5 }
            for step in 0..<size {
                let y = upward ? size - 1 - step : step
                for x in stride(from: right, through: right - 1, by: -1) where !isFunction[y * size + x] {
                    if bitIndex < totalBits {
                        let byte = codewords[bitIndex >> 3]
                        modules[y * size + x] = (byte >> (7 - UInt8(bitIndex & 7))) & 1 == 1
                        bitIndex += 1
                    }
                }
            }
            upward.toggle()
            right -= 2
        }
    }
}
