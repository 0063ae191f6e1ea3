import CSV
import Foundation
import TracestockCore

/// A CSV file read with its header, each record knowing the line it started on, so that every
/// error can name file, line and column.
public struct CSVTable: Sendable {
    /// One data record.
    public struct Record: Sendable {
        /// 1-based line where the record starts.
        public var line: Int
        public var values: [String: String]

        /// The trimmed value of a column, nil when absent or empty.
        public subscript(_ column: String) -> String? {
            guard let value = values[column]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
    }

    public var file: String
    public var header: [String]
    public var records: [Record]

    /// Parses CSV text; the header names columns (case-insensitive, spaces and dashes read as `_`).
    /// - Parameters:
    ///   - required: columns that must be present.
    ///   - known: every column the importer understands; others are an error (a typo must not be ignored).
    ///   - aliases: other names accepted for a column (e.g. Amazon's report headers).
    ///   - ignoreUnknown: skip columns the importer does not know (marketplace reports carry many).
    public init(text: String, file: String, required: [String], known: [String], aliases: [String: String] = [:],
                ignoreUnknown: Bool = false) throws {
        self.file = file
        let reader: CSVReader
        let firstLine = text.prefix { $0 != "\n" }
        let delimiter: UnicodeScalar = firstLine.contains("\t") && !firstLine.contains(",") ? "\t" : ","
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, delimiter: delimiter)
        } catch {
            throw TracestockError.invalid("\(file): cannot read the header row (\(error))", details: ["file": file, "line": "1"])
        }
        guard let rawHeader = reader.headerRow, !rawHeader.isEmpty, rawHeader != [""] else {
            throw TracestockError.invalid("\(file): the file is empty; the first line must name the columns (\(required.joined(separator: ",")))",
                                          details: ["file": file, "line": "1"])
        }
        var header: [String] = []
        for (index, name) in rawHeader.enumerated() {
            var key = name.trimmingCharacters(in: .whitespaces).lowercased()
                .replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
            if index == 0, key.hasPrefix("\u{FEFF}") { key.removeFirst() }
            key = aliases[key] ?? key
            guard known.contains(key) || ignoreUnknown else {
                throw TracestockError.invalid("\(file) line 1, column \(index + 1): unknown column '\(name)' (known: \(known.joined(separator: ", ")))",
                                              details: ["file": file, "line": "1", "column": name])
            }
            guard !header.contains(key) || !known.contains(key) else {
                throw TracestockError.invalid("\(file) line 1: column '\(name)' appears twice", details: ["file": file, "line": "1", "column": name])
            }
            header.append(key)
        }
        for column in required where !header.contains(column) {
            throw TracestockError.invalid("\(file) line 1: required column '\(column)' is missing", details: ["file": file, "line": "1", "column": column])
        }
        self.header = header
        var records: [Record] = []
        var line = 2 + rawHeader.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
        while let row = reader.next() {
            let span = row.reduce(0) { $0 + $1.filter { $0 == "\n" }.count }
            defer { line += 1 + span }
            if row.count == 1, row[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
            guard row.count == header.count else {
                throw TracestockError.invalid("\(file) line \(line): \(row.count) fields, but the header has \(header.count)",
                                              details: ["file": file, "line": String(line)])
            }
            records.append(Record(line: line, values: Dictionary(zip(header, row), uniquingKeysWith: { first, _ in first })))
        }
        if let error = reader.error {
            throw TracestockError.invalid("\(file) line \(line): \(error)", details: ["file": file, "line": String(line)])
        }
        self.records = records
    }

    /// Wraps an error raised for one record so it names file, line and column.
    public func error(_ error: any Error, record: Record, columnFor: (String) -> String? = { $0 }) -> TracestockError {
        let base = error as? TracestockError ?? TracestockError(.internalError, "\(error)")
        let column = base.details["field"].flatMap { columnFor($0) }
        var details = base.details
        details["file"] = file
        details["line"] = String(record.line)
        if let column { details["column"] = column }
        return TracestockError(base.code, "\(file) line \(record.line)\(column.map { ", column \($0)" } ?? ""): \(base.message); nothing was imported",
                               details: details)
    }

    /// Parses an integer column, naming line and column when it is not one.
    public func int(_ record: Record, _ column: String) throws -> Int64? {
        guard let text = record[column] else { return nil }
        guard let value = Int64(text) else {
            throw TracestockError.invalid("\(file) line \(record.line), column \(column): '\(text)' is not a whole number; nothing was imported",
                                          details: ["file": file, "line": String(record.line), "column": column])
        }
        return value
    }
}
