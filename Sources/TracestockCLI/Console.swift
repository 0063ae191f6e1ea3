import Foundation

/// Where the CLI writes. Tests swap it (a task-local) to read what a command printed.
public struct Console: Sendable {
    let writeOut: @Sendable (String) -> Void
    let writeErr: @Sendable (String) -> Void
    /// Whether standard error is a terminal (progress bars only there).
    public let isTerminal: Bool

    /// Creates a console from two sinks.
    public init(isTerminal: Bool = false, out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void) {
        self.isTerminal = isTerminal
        writeOut = out
        writeErr = err
    }

    /// The process's standard output and error.
    public static let standard = Console(
        isTerminal: isatty(2) == 1,
        out: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
        err: { text in FileHandle.standardError.write(Data(text.utf8)) })

    /// The console commands write to.
    @TaskLocal public static var current = Console.standard

    /// Prints a line to standard output.
    public static func out(_ line: String) { current.writeOut(line + "\n") }
    /// Prints a line to standard error.
    public static func err(_ line: String) { current.writeErr(line + "\n") }
    /// Writes raw text to standard error (progress bars).
    public static func errRaw(_ text: String) { current.writeErr(text) }

    /// Prints a value as pretty JSON with sorted keys.
    public static func json(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        out(String(decoding: data, as: UTF8.self))
    }
}

/// A progress bar on standard error, drawn only on a terminal.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let enabled: Bool
    private var lastDrawn = -1
    private let lock = NSLock()

    init(label: String) {
        self.label = label
        enabled = Console.current.isTerminal
    }

    func update(_ done: Int, of total: Int) {
        guard enabled, total > 0 else { return }
        let percent = done * 100 / total
        lock.lock()
        defer { lock.unlock() }
        guard percent != lastDrawn else { return }
        lastDrawn = percent
        let width = 30
        let filled = width * done / total
        Console.errRaw("\r\(label) [" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] \(percent)% \(done)/\(total)")
        if done == total { Console.errRaw("\n") }
    }
}
