import GRDB
import Tracestock

extension SQLiteLedgerStore {
    /// Closes every connection; the last one checkpoints the WAL into the main file. Call once,
    /// when nothing uses the store any more (the server calls it after draining requests).
    public func close() throws {
        do {
            try writer.close()
        } catch {
            throw Self.translate(error, context: "closing the store")
        }
    }
}
