import CSV
import Foundation
import ZoningSupport

/// Reads a CSV attribute table (with a header row) as rows of named text cells: what zoning's
/// own tables (urbanization.csv, coverage.csv, …) are read back with. Quoted cells, a UTF-8
/// byte-order mark and GBK files (detected like any input) are handled.
///
/// ```swift
/// let rows = try CSVTableReader.rows("out/urbanization.csv")
/// rows[0]["rate"]  // "0.379…"
/// ```
public enum CSVTableReader {
    public static func rows(_ path: String, encoding: TextEncoding? = nil) throws -> [[String: String]] {
        let table = try table(path, encoding: encoding)
        return table.rows.map { row in Dictionary(zip(table.header, row).map { ($0, $1) }, uniquingKeysWith: { first, _ in first }) }
    }

    /// The header and the rows in file order, each row as its cells.
    ///
    /// ```swift
    /// let table = try CSVTableReader.table("out/urbanization.csv")
    /// table.header.first  // "level"
    /// ```
    public static func table(_ path: String, encoding: TextEncoding? = nil) throws -> (header: [String], rows: [[String]]) {
        try ReadBudget.check(path, format: "CSV")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LayerError.unreadable(path: path, problem: FileAccess.readProblem(path) ?? "the file cannot be read")
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let text: String
        do { text = try TextDecoder(encoding ?? TextEncoding.detect([bytes]).encoding).decode(bytes) } catch {
            throw LayerError.unreadable(path: path, problem: "\(error)")
        }
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true) } catch {
            throw LayerError.unreadable(path: path, problem: "not CSV: \(error)")
        }
        let header = reader.headerRow ?? []
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        if let error = reader.error { throw LayerError.unreadable(path: path, problem: "not CSV after row \(rows.count): \(error)") }
        return (header, rows)
    }
}
