extension Code128 {
    /// Element widths of symbol values 0...106 (ISO/IEC 15417 table 1): bar, space, bar,
    /// space, bar, space, each 1–4 modules, 11 modules per symbol; 103/104/105 are Start A/B/C
    /// and 106 is the stop pattern (7 elements, 13 modules, ending in the 2-module bar).
    static let elementWidths: [String] = [
        "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
        "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
        "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
        "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
        "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
        "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
        "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
        "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
        "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
        "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
        "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
    ]

    /// Symbol value of Code C (switch to set C).
    static let codeC = 99
    /// Symbol value of Code B (switch to set B).
    static let codeB = 100
    /// Symbol value of Start B.
    static let startB = 104
    /// Symbol value of Start C.
    static let startC = 105
    /// Symbol value of the stop pattern.
    static let stop = 106

    /// The bar (true) / space (false) modules of a symbol value.
    static func modules(ofSymbol value: Int) -> [Bool] {
        var result: [Bool] = []
        for (index, width) in elementWidths[value].enumerated() {
            let count = Int(width.asciiValue! - 48)
            result.append(contentsOf: repeatElement(index % 2 == 0, count: count))
        }
        return result
    }
}
