import Foundation
import GRDB

/// A few read-only connections for short reads run on the caller's own thread.
///
/// GRDB's async `read` hops to a reader's dispatch queue and back: two thread wake-ups that cost
/// more than a unit history itself (a profile of `tracestock-bench lookup`: ~250 µs of CPU per
/// history against ~35 µs for the same SQL read in place). Its synchronous `read` avoids the hop
/// but may wait for a pooled reader, and a concurrency thread waiting there while async reads
/// hold every reader (they give it back only once they resume on a concurrency thread) hung the
/// server once. These connections are never waited for: `read` takes an idle one or returns nil
/// at once (the caller then uses the async path), and holds it only while `body` runs here.
final class PointReaders: @unchecked Sendable {
    private let path: String
    private let configuration: Configuration
    private let capacity: Int
    private let lock = NSLock()
    private var idle: [DatabaseQueue] = []
    private var opened = 0
    private var closed = false

    /// - Parameters:
    ///   - path: the store file (already in WAL mode: the pool opened it).
    ///   - configuration: the store's configuration; the connections are opened read-only from it.
    ///   - capacity: connections at most, opened on first need.
    init(path: String, configuration: Configuration, capacity: Int) {
        var readOnly = configuration
        readOnly.readonly = true
        self.path = path
        self.configuration = readOnly
        self.capacity = capacity
    }

    /// Runs `body` in a read transaction (a snapshot) on an idle connection, on this thread;
    /// nil without running it when every connection is busy or the readers are closed.
    func read<T>(_ body: (Database) throws -> T) throws -> T? {
        guard let queue = try take() else { return nil }
        defer { giveBack(queue) }
        return try queue.inDatabase { db in
            var value: T?
            try db.inTransaction(.deferred) {
                value = try body(db)
                return .commit
            }
            return value
        }
    }

    /// Closes the idle connections now and the busy ones when they come back.
    func close() throws {
        let idleNow = lock.withLock { () -> [DatabaseQueue] in
            closed = true
            defer { idle = [] }
            return idle
        }
        for queue in idleNow { try queue.close() }
    }

    private func take() throws -> DatabaseQueue? {
        enum Take { case queue(DatabaseQueue), open, none }
        let take = lock.withLock { () -> Take in
            if closed { return .none }
            if let queue = idle.popLast() { return .queue(queue) }
            if opened < capacity {
                opened += 1
                return .open
            }
            return .none
        }
        switch take {
        case .queue(let queue): return queue
        case .none: return nil
        case .open:
            do {
                return try DatabaseQueue(path: path, configuration: configuration)
            } catch {
                lock.withLock { opened -= 1 }
                throw error
            }
        }
    }

    private func giveBack(_ queue: DatabaseQueue) {
        let keep = lock.withLock { () -> Bool in
            if closed { return false }
            idle.append(queue)
            return true
        }
        if !keep { try? queue.close() }
    }
}
