import GRDB
import Tracestock

extension SQLiteLedgerStore {
    /// Checkpoints the WAL into the main file (truncating it to zero bytes) and closes every
    /// connection. Call once, when nothing uses the store any more (the server calls it after
    /// draining requests). GRDB keeps the WAL file itself (persistent WAL), empty.
    public func close() throws {
        do {
            try pointReaders?.close()
            try checkpointer?.close()
            if path != nil {
                try writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
            }
            try writer.close()
        } catch {
            throw Self.translate(error, context: "closing the store")
        }
    }
}
