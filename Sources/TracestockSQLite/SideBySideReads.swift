import Foundation
import GRDB

extension SQLiteLedgerStore {
    /// How many reads `readSideBySide` runs at once: one statement runs on one core.
    static let sideBySideReads = Swift.max(1, Swift.min(4, ProcessInfo.processInfo.activeProcessorCount))

    /// Runs `body` on every part, the parts spread over up to `sideBySideReads` reads side by side
    /// (part i in read i mod n; the parts of one read in its one transaction), and answers in part
    /// order. For long reads that split by key range: each read is its own transaction, so every
    /// row must come from exactly one part.
    func readSideBySide<Part: Sendable, Answer: Sendable>(
        _ parts: [Part], _ body: @escaping @Sendable (Database, Part) throws -> Answer
    ) async throws -> [Answer] {
        let readers = Swift.min(Self.sideBySideReads, parts.count)
        guard readers > 1 else { return try await read { db in try parts.map { try body(db, $0) } } }
        return try await withThrowingTaskGroup(of: (Int, [Answer]).self) { group in
            for reader in 0..<readers {
                let mine = stride(from: reader, to: parts.count, by: readers).map { parts[$0] }
                group.addTask { (reader, try await self.read { db in try mine.map { try body(db, $0) } }) }
            }
            var byReader = Array(repeating: [Answer](), count: readers)
            for try await (reader, answers) in group { byReader[reader] = answers }
            return parts.indices.map { byReader[$0 % readers][$0 / readers] }
        }
    }

    /// `range` cut into `count` consecutive ranges of (nearly) equal length, fewer when it is shorter.
    static func cut(_ range: ClosedRange<Int64>, into count: Int) -> [ClosedRange<Int64>] {
        let step = (range.upperBound - range.lowerBound) / Int64(Swift.max(1, count)) + 1
        return stride(from: range.lowerBound, through: range.upperBound, by: Int(step)).map { first in
            first...Swift.min(range.upperBound, first + step - 1)
        }
    }
}
