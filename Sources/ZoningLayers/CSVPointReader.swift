import CSV
import Foundation
import ZoningGeometry
import ZoningProjection
import ZoningSupport

/// Reads a CSV point list — facilities from a spreadsheet or a web-map scrape — as point
/// features.
///
/// - **Delimiter**: whichever of `,` tab `;` occurs most in the header line outside quotes,
///   comma on a tie; reported in `delimiter`.
/// - **Coordinates**: the columns `xField`/`yField`, or found by name (x: `lon`, `lng`,
///   `longitude`, `x`, `经度`; y: `lat`, `latitude`, `y`, `纬度`, any case), in `crs` —
///   WGS 84 by default; say `GCJ02` or `BD09` for Amap/Tencent or Baidu coordinates. Never
///   guessed between several: two columns of one name, or two names for one coordinate
///   (`x` beside `lng`), are refused with the columns listed.
/// - **One location column** instead, when `locationField` names it, or when no x or y field
///   is named and the two are not both found: `location`, `lnglat`, `lonlat`, `坐标` or
///   `经纬度` (any case), holding `"lng,lat"` like Amap's `"120.013339,36.324367"` (spaces
///   around either number allowed).
/// - **Swapped latitude and longitude** (geographic CRS only): a row is swapped when (x, y) is
///   not a plausible longitude/latitude in China (longitude 73…136, latitude 3…54) but (y, x)
///   is. Swapped rows are read as (y, x). When every row with coordinates is swapped, the
///   columns are taken as mislabelled (`swappedColumns`); otherwise the swapped rows' line
///   numbers are listed in `swappedLines` for the caller to report. Projected coordinates are
///   never swapped.
/// - **Encoding**: `encoding`, else UTF-8 when the file starts with a byte-order mark, else
///   detected (UTF-8, else GBK — what Excel on Chinese Windows saves — else Latin-1), and
///   reported in `encodingDecision`.
/// - **Columns**: every column is kept, typed integer when all its values are whole numbers
///   without leading zeros (so codes such as `0371` stay text), real when all are numbers,
///   else string; empty cells are null.
///
/// Line numbers count the header as line 1 and the first data row as line 2.
///
/// ```swift
/// let schools = try CSVPointReader(path: "schools.csv", options: .init(crs: CoordinateReferenceSystem("GCJ02")))
/// schools.delimiter       // "\t"
/// schools.locationColumn  // 2: the column "location" holds "120.013339,36.324367"
/// schools.swappedLines    // [7, 12]: given as latitude, longitude; read as longitude, latitude
/// ```
public final class CSVPointReader: FeatureSource {
    public struct Options: Sendable {
        public var xField: String?
        public var yField: String?
        /// The one column holding `"lng,lat"`; when given, `xField` and `yField` are not used.
        public var locationField: String?
        public var crs: CoordinateReferenceSystem?
        public var encoding: TextEncoding?

        public init(
            xField: String? = nil, yField: String? = nil, locationField: String? = nil, crs: CoordinateReferenceSystem? = nil,
            encoding: TextEncoding? = nil
        ) {
            self.xField = xField
            self.yField = yField
            self.locationField = locationField
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
    /// The delimiter found in the header line: `,`, `\t` or `;`.
    public let delimiter: Character
    /// The positions of the x and y columns in `schema`; both the location column's when the
    /// coordinates come in one column.
    public let xColumn: Int
    public let yColumn: Int
    /// The position of the column holding `"lng,lat"`, when the coordinates come in one column.
    public let locationColumn: Int?
    /// True when every row with coordinates gave latitude before longitude, so all were read
    /// the other way round (the columns are mislabelled).
    public let swappedColumns: Bool
    /// The lines (header = line 1) whose latitude and longitude were swapped and have been read
    /// the other way round; empty when `swappedColumns` (then every line was).
    public let swappedLines: [Int]
    private let path: String
    private let rows: [[String]]
    /// Each row's point, swapped back where needed; nil when its coordinates are not numbers.
    private let points: [Coordinate?]

    public init(path: String, options: Options = Options()) throws {
        try ReadBudget.check(path, format: "CSV")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LayerError.unreadable(path: path, problem: FileAccess.readProblem(path) ?? "the file cannot be read")
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
        let delimiter = Self.delimiter(of: text)
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true, delimiter: delimiter) } catch {
            throw LayerError.unreadable(path: path, problem: "not CSV: \(error)")
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingBlanks() }
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        if let error = reader.error { throw LayerError.unreadable(path: path, problem: "not CSV after line \(rows.count + 1): \(error)") }

        // A coordinate column is never guessed between several: two columns named alike would give
        // the first silently, and x beside lng could be metres read as degrees.
        func column(_ given: String?, _ candidates: [String], _ role: String, flag: String) throws -> Int {
            let matches = header.indices.filter { index in
                given.map { header[index].lowercased() == $0.lowercased() } ?? candidates.contains(header[index].lowercased())
            }
            guard let index = matches.first else {
                if let given {
                    throw LayerError.unreadable(path: path, problem: "there is no column \(Excerpt.of(given)); the columns are \(Excerpt.list(header))")
                }
                throw LayerError.unreadable(
                    path: path, problem: "no \(role) column was found among \(Excerpt.list(header)); name it with --\(flag)")
            }
            guard matches.count == 1 else {
                let listed = Excerpt.list(matches.map { "\(Excerpt.of(header[$0])) (column \($0 + 1))" })
                if Set(matches.map { header[$0].lowercased() }).count == 1 {
                    throw LayerError.unreadable(
                        path: path, problem: "\(matches.count) columns are named \(Excerpt.of(header[index])): \(listed); zoning cannot tell which holds the \(role). Rename or remove all but one")
                }
                throw LayerError.unreadable(
                    path: path, problem: "the columns \(listed) could each hold the \(role), and zoning does not guess which "
                        + "(x, y may be metres where lng, lat are degrees); name the one to use with --\(flag)")
            }
            return index
        }
        func found(_ candidates: [String]) -> Bool { header.contains { candidates.contains($0.lowercased()) } }
        let xNames = ["lon", "lng", "long", "longitude", "x", "经度"]
        let yNames = ["lat", "latitude", "y", "纬度"]
        let locationNames = ["location", "lnglat", "lonlat", "坐标", "经纬度"]
        let locationColumn: Int?
        if options.locationField != nil
            || (options.xField == nil && options.yField == nil && !(found(xNames) && found(yNames)) && found(locationNames))
        {
            locationColumn = try column(options.locationField, locationNames, "location", flag: "location-field")
        } else {
            locationColumn = nil
        }
        let xColumn = try locationColumn ?? column(options.xField, xNames, "longitude (x)", flag: "x-field")
        let yColumn = try locationColumn ?? column(options.yField, yNames, "latitude (y)", flag: "y-field")
        let crs = try options.crs ?? CoordinateReferenceSystem("EPSG:4326")
        let points = rows.map { Self.point($0, x: xColumn, y: yColumn, location: locationColumn) }
        let swapped = crs.isGeographic ? Self.swappedRows(points) : []
        let everyRowSwapped = !swapped.isEmpty && swapped.count == points.count(where: { $0 != nil })
        self.delimiter = Character(delimiter)
        self.xColumn = xColumn
        self.yColumn = yColumn
        self.locationColumn = locationColumn
        self.swappedColumns = everyRowSwapped
        self.swappedLines = everyRowSwapped ? [] : swapped.sorted().map { $0 + 2 }
        self.points = points.indices.map { index in
            guard let point = points[index], swapped.contains(index) else { return points[index] }
            return Coordinate(x: point.y, y: point.x)
        }
        self.path = path
        self.files = [path]
        self.rows = rows
        self.name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        self.crs = crs
        self.schema = Schema(header.enumerated().map { index, name in
            Field(name: name, type: Self.columnType(rows.map { index < $0.count ? $0[index] : "" }))
        })
    }

    /// The file line of a record: the header is line 1, so record 0 is line 2.
    public func label(ofRecord id: Int) -> String { "line \(id + 2)" }

    public func forEach(_ body: (Feature) throws -> Void) throws {
        for (index, row) in rows.enumerated() {
            guard let point = points[index] else { throw badCoordinates(row, record: index) }
            let values = schema.fields.indices.map { Self.value(Self.cell(row, $0), as: schema.fields[$0].type) }
            try body(Feature(id: index, geometry: Geometry.point(x: point.x, y: point.y), attributes: values))
        }
    }

    private func badCoordinates(_ row: [String], record index: Int) -> LayerError {
        if let locationColumn {
            return LayerError.badRecord(
                path: path, record: index,
                problem: "line \(index + 2): the location \"\(Excerpt.of(Self.cell(row, locationColumn)))\" in \(Excerpt.of(schema.fields[locationColumn].name)) is not two numbers \"longitude,latitude\"")
        }
        return LayerError.badRecord(
            path: path, record: index,
            problem: "line \(index + 2): the coordinates \"\(Excerpt.of(Self.cell(row, xColumn)))\", \"\(Excerpt.of(Self.cell(row, yColumn)))\" in \(Excerpt.of(schema.fields[xColumn].name)), \(Excerpt.of(schema.fields[yColumn].name)) are not numbers")
    }

    /// The delimiter of a delimited text: whichever of `,` tab `;` occurs most in its first
    /// line outside quotes, comma on a tie.
    ///
    /// ```swift
    /// CSVPointReader.delimiter(of: "name\ttype\tlocation\n…")  // "\t"
    /// CSVPointReader.delimiter(of: "name,\"a;b;c\"\n…")         // ","
    /// ```
    static func delimiter(of text: String) -> Unicode.Scalar {
        var counts: [Unicode.Scalar: Int] = [:]
        var quoted = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.toggle() }
            if !quoted && (scalar == "\n" || scalar == "\r") { break }
            if !quoted { counts[scalar, default: 0] += 1 }
        }
        var best: Unicode.Scalar = ","
        for candidate: Unicode.Scalar in ["\t", ";"] where counts[candidate, default: 0] > counts[best, default: 0] {
            best = candidate
        }
        return best
    }

    /// The cell of `row` in `column`, trimmed; empty when the row is short.
    static func cell(_ row: [String], _ column: Int) -> String {
        column < row.count ? row[column].trimmingBlanks() : ""
    }

    /// A row's point, as given: from the location column when there is one, else from the x and
    /// y columns; nil unless both are finite numbers.
    static func point(_ row: [String], x: Int, y: Int, location: Int?) -> Coordinate? {
        if let location { return lngLat(cell(row, location)) }
        guard let x = Double(cell(row, x)), let y = Double(cell(row, y)), x.isFinite, y.isFinite else { return nil }
        return Coordinate(x: x, y: y)
    }

    /// A combined location cell as a point: two finite numbers separated by a comma, spaces
    /// around either allowed; nil otherwise.
    ///
    /// ```swift
    /// CSVPointReader.lngLat("120.013339,36.324367")  // (120.013339, 36.324367)
    /// CSVPointReader.lngLat("120.01 36.32")          // nil
    /// ```
    static func lngLat(_ cell: String) -> Coordinate? {
        let parts = cell.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingBlanks() }
        guard parts.count == 2, let x = Double(parts[0]), let y = Double(parts[1]), x.isFinite, y.isFinite else { return nil }
        return Coordinate(x: x, y: y)
    }

    /// True for a plausible longitude/latitude in China: longitude 73…136, latitude 3…54.
    static func isInChina(longitude: Double, latitude: Double) -> Bool {
        (73...136).contains(longitude) && (3...54).contains(latitude)
    }

    /// The positions of the points given as (latitude, longitude): (x, y) is not in China but
    /// (y, x) is.
    static func swappedRows(_ points: [Coordinate?]) -> Set<Int> {
        Set(points.indices.filter { index in
            guard let point = points[index] else { return false }
            return !isInChina(longitude: point.x, latitude: point.y) && isInChina(longitude: point.y, latitude: point.x)
        })
    }

    static func columnType(_ cells: [String]) -> Field.ValueType {
        let values = cells.map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
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

extension CSVPointReader: SwappedCoordinateSource {
    public var coordinateFields: String { "\(schema.fields[xColumn].name), \(schema.fields[yColumn].name)" }
    public var everyRecordSwapped: Bool { swappedColumns }
    public var swappedRecords: [String] { swappedLines.map { "line \($0)" } }
}
