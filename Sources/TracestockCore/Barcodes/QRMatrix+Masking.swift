extension QRMatrix {
    /// Whether data mask pattern `mask` (0–7) inverts the module at row `y`, column `x`
    /// (ISO/IEC 18004 table 10; i = row, j = column).
    @inline(__always)
    static func maskCondition(_ mask: Int, x: Int, y: Int) -> Bool {
        switch mask {
        case 0: return (y + x) % 2 == 0
        case 1: return y % 2 == 0
        case 2: return x % 3 == 0
        case 3: return (y + x) % 3 == 0
        case 4: return (y / 2 + x / 3) % 2 == 0
        case 5: return (y * x) % 2 + (y * x) % 3 == 0
        case 6: return ((y * x) % 2 + (y * x) % 3) % 2 == 0
        default: return ((y + x) % 2 + (y * x) % 3) % 2 == 0
        }
    }

    /// Inverts the data modules selected by a mask pattern (applying it twice undoes it).
    mutating func applyMask(_ mask: Int) {
        for y in 0..<size {
            for x in 0..<size where !isFunction[y * size + x] && Self.maskCondition(mask, x: x, y: y) {
                modules[y * size + x].toggle()
            }
        }
    }

    /// The penalty score of the current grid by the four rules of ISO/IEC 18004 §7.8.3:
    /// N1 = 3 (+1 per module beyond 5) for runs of ≥ 5 same-coloured modules in a row or
    /// column; N2 = 3 per 2×2 block of one colour; N3 = 40 per 1:1:3:1:1 finder-like pattern
    /// with 4 light modules on one side (the quiet zone counts as light), counted once per side; N4 = 10 per
    /// full 5 % the dark proportion deviates from 50 %.
    func penaltyScore() -> Int {
        let size = self.size
        return modules.withUnsafeBufferPointer { grid -> Int in
            var score = 0
            var lineStorage = [Bool](repeating: false, count: size)
            var runStorage = [Int](repeating: 0, count: size)
            lineStorage.withUnsafeMutableBufferPointer { line in
                runStorage.withUnsafeMutableBufferPointer { runs in
                    for index in 0..<size {
                        score += Self.linePenalty(UnsafeBufferPointer(rebasing: grid[(index * size)..<(index * size + size)]),
                                                  runs: runs)
                        for y in 0..<size { line[y] = grid[y * size + index] }
                        score += Self.linePenalty(UnsafeBufferPointer(line), runs: runs)
                    }
                }
            }
            var dark = 0
            for y in 0..<size {
                let row = y * size
                for x in 0..<size {
                    let value = grid[row + x]
                    if value { dark += 1 }
                    if x + 1 < size, y + 1 < size, value == grid[row + x + 1],
                       value == grid[row + size + x], value == grid[row + size + x + 1] {
                        score += 3
                    }
                }
            }
            let total = size * size
            score += abs(dark * 20 - total * 10) / total * 10
            return score
        }
    }

    /// Rules N1 and N3 along one row or column, from its run lengths. For N3 the quiet zone
    /// beyond the symbol edge counts as 4 light modules.
    private static func linePenalty(_ line: UnsafeBufferPointer<Bool>, runs: UnsafeMutableBufferPointer<Int>) -> Int {
        var count = 0
        var color = line[0]
        var length = 1
        for index in 1..<line.count {
            if line[index] == color {
                length += 1
            } else {
                runs[count] = length
                count += 1
                color = line[index]
                length = 1
            }
        }
        runs[count] = length
        count += 1

        var score = 0
        for index in 0..<count where runs[index] >= 5 { score += runs[index] - 2 }

        // Finder-like 1:1:3:1:1 (dark, light, dark, light, dark) with ≥ 4 light modules before
        // or after. Runs alternate colour, so dark runs are every other one.
        let firstDarkRun = line[0] ? 0 : 1
        for index in stride(from: firstDarkRun + 2, to: count - 2, by: 2)
        where runs[index] == 3 && runs[index - 1] == 1 && runs[index - 2] == 1
            && runs[index + 1] == 1 && runs[index + 2] == 1 {
            let before = index >= 3 ? runs[index - 3] + (index == 3 ? 4 : 0) : 4
            let after = index + 3 < count ? runs[index + 3] + (index + 3 == count - 1 ? 4 : 0) : 4
            if before >= 4 { score += 40 }
            if after >= 4 { score += 40 }
        }
        return score
    }
}
