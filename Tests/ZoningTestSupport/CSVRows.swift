import Foundation

/// Reads a CSV written by zoning (UTF-8, optional byte-order mark, a header row, no quoted
/// commas) as rows of named cells, for tests that compare tables.
public enum CSVRows {
    public static func read(_ path: String) throws -> [[String: String]] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
            .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF}\r")) }
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) else { return [] }
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
    }
}
