import Foundation
import Tracestock
import TracestockCore
import TracestockSQLite

/// Where the benchmark writes: a scratch folder per run (removed at the end) and a cache folder
/// for stores that are expensive to build (the 10M-unit lookup store), kept between runs.
struct BenchWorkspace {
    let root: URL
    let scratch: URL
    let cache: URL
    let cacheSizeMB: Int

    init(root: String?, cacheSizeMB: Int) throws {
        let base = root.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("tracestock-bench")
        self.root = base
        scratch = base.appendingPathComponent("run-\(ProcessInfo.processInfo.processIdentifier)")
        cache = base.appendingPathComponent("cache")
        self.cacheSizeMB = cacheSizeMB
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
    }

    /// A path in the scratch folder (any old file with that name and its WAL are removed).
    func freshPath(_ name: String) -> String {
        let path = scratch.appendingPathComponent(name + ".sqlite").path
        Self.removeStore(at: path)
        return path
    }

    /// A new, migrated store file in the scratch folder.
    func freshStore(_ name: String) async throws -> SQLiteLedgerStore {
        let store = try SQLiteLedgerStore(path: freshPath(name), cacheSizeMB: cacheSizeMB)
        try await store.migrate()
        return store
    }

    /// Removes the scratch folder.
    func cleanUp() {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Removes a store file with its WAL and shared-memory files.
    static func removeStore(at path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

/// A one-line description of this machine for the report.
func machineDescription() -> String {
    var model = "unknown CPU"
    if let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
       let line = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
       let value = line.split(separator: ":", maxSplits: 1).last {
        model = value.trimmingCharacters(in: .whitespaces)
    }
    let memory = Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824
    var load = ""
    if let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) {
        load = ", load average \(text.split(separator: " ").prefix(3).joined(separator: " "))"
    }
    return "\(model), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(String(format: "%.0f", memory)) GiB RAM\(load)"
}
