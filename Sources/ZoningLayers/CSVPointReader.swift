import CSV
import Foundation
import ZoningGeometry
import ZoningProjection
import ZoningSupport

/// Reads a CSV point list — facilities from a spreadsheet or a web-map scrape — as point
/// features.
///
/// - **Coordinates**: the columns `xField`/`yField`, or found by name (x: `lon`, `lng`,
///   `longitude`, `x`, `经度`; y: `lat`, `latitude`, `y`, `纬度`, any case), in `crs` —
///   WGS 84 by default; say `GCJ02` or `BD09` for Amap/Tencent or Baidu coordinates.
/// - **Encoding**: `encoding`, else UTF-8 when the file starts with a byte-order mark, else
///   detected (UTF-8, else GBK — what Excel on Chinese Windows saves — else Latin-1), and
///   reported in `encodingDecision`.
/// - **Columns**: every column is kept, typed integer when all its values are whole numbers
///   without leading zeros (so codes such as `0371` stay text), real when all are numbers,
///   else string; empty cells are null.
///
/// ```swift
/// let schools = try CSVPointReader(path: "schools.csv", options: .init(crs: CoordinateReferenceSystem("GCJ02")))
/// ```
public final class CSVPointReader: FeatureSource {
    public struct Options: Sendable {
        public var xField: String?
        public var yField: String?
        public var crs: CoordinateReferenceSystem?
        public var encoding: TextEncoding?

        public init(xField: String? = nil, yField: String? = nil, crs: CoordinateReferenceSystem? = nil, encoding: TextEncoding? = nil) {
            self.xField = xField
            self.yField = yField
            self.crs = crs
            self.encoding = encoding
        }
    }

    public let name: String
    public let schema: Schema
    public let crs: CoordinateReferenceSystem?
    public let files: [String]
    /// The encoding read, and why: e.g. `GBK (detected: the text is not UTF-8 but is valid GBK)`.
    public let encodingDecision: String
    /// The positions of the x and y columns in `schema`.
    public let xColumn: Int
    public let yColumn: Int
    private let path: String
    private let rows: [[String]]

    public init(path: String, options: Options = Options()) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LayerError.unreadable(path: path, problem: "the file cannot be read")
        }
        var bytes = [UInt8](data)
        let encoding: TextEncoding
        if let option = options.encoding {
            encoding = option
            encodingDecision = "\(option) (given by --encoding)"
        } else if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            encoding = .utf8
            encodingDecision = "UTF-8 (the file starts with a UTF-8 byte-order mark)"
        } else {
            let detection = TextEncoding.detect([bytes])
            encoding = detection.encoding
            encodingDecision = "\(detection.encoding) (detected: \(detection.reason))"
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let text: String
        do { text = try TextDecoder(encoding).decode(bytes) } catch {
            throw LayerError.unreadable(path: path, problem: "\(error)")
        }
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true) } catch {
            throw LayerError.unreadable(path: path, problem: "not CSV: \(error)")
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        if let error = reader.error { throw LayerError.unreadable(path: path, problem: "not CSV after line \(rows.count + 1): \(error)") }

        func column(_ given: String?, _ candidates: [String], _ role: String) throws -> Int {
            if let given {
                guard let index = header.firstIndex(where: { $0.lowercased() == given.lowercased() }) else {
                    throw LayerError.unreadable(path: path, problem: "there is no column \(given); the columns are \(header.joined(separator: ", "))")
                }
                return index
            }
            guard let index = header.firstIndex(where: { candidates.contains($0.lowercased()) }) else {
                throw LayerError.unreadable(
                    path: path, problem: "no \(role) column was found among \(header.joined(separator: ", ")); name it with --\(role == "longitude (x)" ? "x" : "y")-field")
            }
            return index
        }
        xColumn = try column(options.xField, ["lon", "lng", "long", "longitude", "x", "经度"], "longitude (x)")
        yColumn = try column(options.yField, ["lat", "latitude", "y", "纬度"], "latitude (y)")
        self.path = path
        self.files = [path]
        self.rows = rows
        self.name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        self.crs = try options.crs ?? CoordinateReferenceSystem("EPSG:4326")
        self.schema = Schema(header.enumerated().map { index, name in
            Field(name: name, type: Self.columnType(rows.map { index < $0.count ? $0[index] : "" }))
        })
    }

    public func forEach(_ body: (Feature) throws -> Void) throws {
        for (index, row) in rows.enumerated() {
            func cell(_ column: Int) -> String { column < row.count ? row[column].trimmingCharacters(in: .whitespaces) : "" }
            guard let x = Double(cell(xColumn)), let y = Double(cell(yColumn)), x.isFinite, y.isFinite else {
                throw LayerError.badRecord(
                    path: path, record: index,
                    problem: "line \(index + 2): the coordinates \"\(cell(xColumn))\", \"\(cell(yColumn))\" in \(schema.fields[xColumn].name), \(schema.fields[yColumn].name) are not numbers")
            }
            let values = schema.fields.indices.map { Self.value(cell($0), as: schema.fields[$0].type) }
            try body(Feature(id: index, geometry: Geometry.point(x: x, y: y), attributes: values))
        }
    }

    static func columnType(_ cells: [String]) -> Field.ValueType {
        let values = cells.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        // A leading zero followed by a digit marks a code (0371), not a number.
        if values.isEmpty || values.contains(where: { $0.drop { $0 == "-" }.starts(with: "0") && $0.drop { $0 == "-" }.dropFirst().first?.isNumber == true }) {
            return .string
        }
        if values.allSatisfy({ Int64($0) != nil }) { return .integer }
        if values.allSatisfy({ Double($0)?.isFinite == true }) { return .real }
        return .string
    }

    static func value(_ cell: String, as type: Field.ValueType) -> AttributeValue {
        if cell.isEmpty { return .null }
        switch type {
        case .integer: return Int64(cell).map(AttributeValue.integer) ?? .string(cell)
        case .real: return Double(cell).map(AttributeValue.real) ?? .string(cell)
        default: return .string(cell)
        }
    }
}
