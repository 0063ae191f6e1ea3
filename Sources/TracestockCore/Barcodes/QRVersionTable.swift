/// Per-version symbol geometry and the error correction block structure (ISO/IEC 18004 table 9).
///
/// The number of codewords of a version is derived from the module count (all modules minus
/// the function patterns); only the per-block EC codeword count and the number of blocks are
/// taken from the standard's table. Short and long blocks follow from those: when the
/// codewords do not divide evenly, the last blocks carry one more data codeword.
enum QRVersionTable {
    /// Error correction codewords per block, indexed `[level][version]` (index 0 unused).
    static let ecCodewordsPerBlock: [[Int]] = [
        // L
        [0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28,
         28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        // M
        [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
         26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
        // Q
        [0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30,
         28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
        // H
        [0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28,
         30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
    ]

    /// Number of error correction blocks, indexed `[level][version]` (index 0 unused).
    static let blockCount: [[Int]] = [
        // L
        [0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8,
         8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25],
        // M
        [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16,
         17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49],
        // Q
        [0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20,
         23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68],
        // H
        [0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25,
         25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81],
    ]

    /// Side length in modules of a version: 21 for version 1, four more per version.
    static func size(of version: Int) -> Int { 4 * version + 17 }

    /// Number of alignment patterns along one axis (0 for version 1).
    static func alignmentCount(_ version: Int) -> Int {
        version == 1 ? 0 : version / 7 + 2
    }

    /// Row/column centres of the alignment patterns: the first at 6, the last at size − 7, the
    /// ones between evenly spaced backwards from the last with an even step (version 32 uses
    /// 26 where the rounding rule would give 28, as the standard's table has it).
    static func alignmentPositions(_ version: Int) -> [Int] {
        let count = alignmentCount(version)
        guard count > 0 else { return [] }
        let last = size(of: version) - 7
        if count == 2 { return [6, last] }
        var step = (last - 6 + count - 2) / (count - 1)  // ceil((last - 6) / (count - 1))
        if step % 2 == 1 { step += 1 }
        if version == 32 { step = 26 }
        var positions = [6]
        for index in stride(from: count - 2, through: 0, by: -1) {
            positions.append(last - index * step)
        }
        return positions
    }

    /// Modules left for data and EC codewords after the function patterns (finders with
    /// separators, timing, alignment, format and version information, the dark module),
    /// including any remainder bits.
    static func rawDataModules(_ version: Int) -> Int {
        let side = size(of: version)
        var modules = side * side
        modules -= 3 * 64            // finder patterns with their separators
        modules -= 2 * 15 + 1        // two copies of the format information, the dark module
        modules -= 2 * (side - 16)   // timing patterns between the separators
        let count = alignmentCount(version)
        if count > 0 {
            // count² − 3 patterns (three corners hold finders); the ones on row/column 6
            // overlap the timing patterns by 5 modules each.
            modules -= 25 * (count * count - 3) - 2 * 5 * (count - 2)
        }
        if version >= 7 { modules -= 2 * 18 }
        return modules
    }

    /// Total codewords (data + EC) of a version.
    static func totalCodewords(_ version: Int) -> Int { rawDataModules(version) / 8 }

    /// Data codewords available at a version and error correction level.
    static func dataCodewords(_ version: Int, _ level: QRErrorCorrection) -> Int {
        let row = level.tableIndex
        return totalCodewords(version) - ecCodewordsPerBlock[row][version] * blockCount[row][version]
    }
}
