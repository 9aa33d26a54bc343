import Foundation
import ZoningGeometry
import ZoningProjection
import ZoningShapefile
import ZoningSupport

/// Writes features to a shapefile (.shp, .shx, .dbf, .prj, .cpg) that QGIS, ArcGIS and GDAL
/// open cleanly.
///
/// It reads the features twice: once to settle the shape type, field widths and file sizes,
/// once to write. So:
/// - one geometry type per file (a mixed layer is refused, naming its types);
/// - field names at most 10 bytes, renamed deterministically and reported (`FieldNamePlan`);
/// - string fields as wide as their longest value in the output encoding, at most 254 bytes
///   (longer values are an error unless `truncateStrings`, and then counted);
/// - numeric fields wide enough for every value at the field's decimals;
/// - an error before either file would pass the format's 2 GB limit, never a corrupt file;
/// - a .cpg always (UTF-8 by default, `936` for GBK, as ArcGIS writes it), a .prj as ESRI WKT;
/// - nothing at the final names until all is written (`OutputFiles`).
///
/// ```swift
/// let report = try ShapefileWriter.write(to: "out.shp", schema: layer.schema, crs: layer.crs) { emit in
///     try layer.forEach(emit)
/// }
/// report.renamedFields  // [Rename(from: "POPULATION_2020", to: "POPULATION")]
/// ```
public enum ShapefileWriter {
    public struct Options: Sendable {
        /// The attribute text encoding; UTF-8 unless the data must go to software that reads
        /// only GBK.
        public var encoding: TextEncoding = .utf8
        public var overwrite = false
        /// Cut strings longer than 254 bytes (at a character boundary) instead of refusing them.
        public var truncateStrings = false
        /// Files the output must not replace.
        public var inputs: [String] = []
        /// The .shp size limit in bytes (2 GB); lower only for tests.
        public var maximumFileBytes = Int(Int32.max)
        /// The date the .dbf header records; nil for today. Fix it for byte-identical output.
        public var dbfDate: CalendarDate?

        public init(encoding: TextEncoding = .utf8, overwrite: Bool = false, truncateStrings: Bool = false, inputs: [String] = []) {
            self.encoding = encoding
            self.overwrite = overwrite
            self.truncateStrings = truncateStrings
            self.inputs = inputs
        }
    }

    /// A field whose name had to change: `from` the schema, `to` the DBF.
    public struct Rename: Sendable, Equatable {
        public var from: String
        public var to: String

        public init(from: String, to: String) {
            self.from = from
            self.to = to
        }
    }

    public struct Report: Sendable {
        public var records: Int
        public var shapeType: ShapeType
        public var fields: [FieldDefinition]
        public var renamedFields: [Rename]
        /// Strings cut to 254 bytes (with `truncateStrings`).
        public var truncatedValues: Int
        public var output: String
    }

    /// - Parameters:
    ///   - geometryTransform: applied to each geometry once, as it is written (e.g. a
    ///     reprojection). The sizing pass reads the geometries as given, so it must keep each
    ///     geometry's type and emptiness, as reprojection does.
    ///   - features: called twice with a function to pass every feature to, in the same order
    ///     both times.
    /// - Throws: `LayerError` naming the record and the problem; nothing is left behind.
    public static func write(
        to path: String, schema: Schema, crs: CoordinateReferenceSystem?, options: Options = Options(),
        geometryTransform: ((Geometry) throws -> Geometry)? = nil,
        features: ((Feature) throws -> Void) throws -> Void
    ) throws -> Report {
        let base = path.lowercased().hasSuffix(".shp") ? String(path.dropLast(4)) : path
        let finals = ["shp", "shx", "dbf", "prj", "cpg"].map { "\(base).\($0)" }
        let files = try OutputFiles(finals, inputs: options.inputs, overwrite: options.overwrite)
        let prjText = try crs?.esriWKT()

        // Pass 1: the shape type, field sizes, and the files' sizes.
        var sizing = FieldSizing(schema: schema, encoding: options.encoding, truncate: options.truncateStrings)
        var types = Set<GeometryType>()
        var count = 0
        try features { feature in
            if let geometry = feature.geometry, !geometry.isEmpty { types.insert(geometry.type) }
            try sizing.measure(feature, path: "\(base).dbf")
            count += 1
        }
        let shapeType: ShapeType
        do {
            shapeType = try GeometryShape.shapeType(for: types)
        } catch let problem as ShapeGeometry.Problem {
            throw LayerError.cannotWrite(path: "\(base).shp", problem: problem.message)
        }
        let names = try FieldNamePlan.names(for: schema.names, encoding: options.encoding)
        let definitions = sizing.definitions(names: names)
        let recordBytes = 1 + definitions.reduce(0) { $0 + $1.width }
        let dbfBytes = 32 + 32 * definitions.count + 1 + count * recordBytes + 1
        guard dbfBytes <= options.maximumFileBytes else {
            throw LayerError.cannotWrite(path: "\(base).dbf", problem: "it would be \(dbfBytes) bytes, over the format's 2 GB limit; split the layer")
        }

        // Pass 2: write under temporary names.
        let written = try files.writing { () throws -> Int in
            let shpWriter = try ShapefileShapeWriter(shpPath: files.temporaryPath(for: "\(base).shp"), type: shapeType == .null ? .polygon : shapeType)
            let table = try DBFTableWriter(
                path: files.temporaryPath(for: "\(base).dbf"), fields: definitions, encoding: options.encoding, lastModified: options.dbfDate)
            var shpBytes = 100, written = 0
            try features { feature in
                let shape: Shape
                do {
                    let geometry = try feature.geometry.map { try geometryTransform?($0) ?? $0 }
                    shape = try GeometryShape.shape(geometry, as: shapeType)
                } catch {
                    throw LayerError.badRecord(path: "\(base).shp", record: written, problem: "\(error)")
                }
                shpBytes += GeometryShape.fileBytes(shape)
                guard shpBytes <= options.maximumFileBytes else {
                    throw LayerError.cannotWrite(path: "\(base).shp", problem: "record \(written) would take it over the format's 2 GB limit; split the layer")
                }
                try shpWriter.write(shape)
                try table.write(sizing.prepare(feature.attributes))
                written += 1
            }
            guard written == count else {
                throw LayerError.cannotWrite(path: "\(base).shp", problem: "the features changed between the two passes (\(count) then \(written))")
            }
            try shpWriter.close()
            try table.close()
            if shpWriter.shxPath != files.temporaryPath(for: "\(base).shx") {
                try FileManager.default.moveItem(atPath: shpWriter.shxPath, toPath: files.temporaryPath(for: "\(base).shx"))
            }
            let cpg = options.encoding == .gbk ? "936" : options.encoding.name
            try Data(cpg.utf8).write(to: URL(fileURLWithPath: files.temporaryPath(for: "\(base).cpg")))
            if let prjText { try Data(prjText.utf8).write(to: URL(fileURLWithPath: files.temporaryPath(for: "\(base).prj"))) }
            try files.commit()
            return written
        }
        if prjText == nil { try? FileManager.default.removeItem(atPath: "\(base).prj") }  // a stale .prj would lie
        return Report(
            records: written, shapeType: shapeType, fields: definitions,
            renamedFields: zip(schema.names, names).filter { $0 != $1 }.map { Rename(from: $0, to: $1) },
            truncatedValues: sizing.truncated, output: "\(base).shp")
    }
}

/// The widths each field needs, learnt from the values in pass 1.
struct FieldSizing {
    let schema: Schema
    let encoding: TextEncoding
    let truncate: Bool
    private var widths: [Int]
    private var integerDigits: [Int]
    private(set) var truncated = 0

    init(schema: Schema, encoding: TextEncoding, truncate: Bool) {
        self.schema = schema
        self.encoding = encoding
        self.truncate = truncate
        widths = schema.fields.map { _ in 1 }
        integerDigits = schema.fields.map { _ in 1 }
    }

    static let maximumString = 254

    mutating func measure(_ feature: Feature, path: String) throws {
        for (column, field) in schema.fields.enumerated() {
            let value = column < feature.attributes.count ? feature.attributes[column] : .null
            func fail(_ problem: String) -> LayerError {
                .badValue(path: path, record: feature.id, field: field.name, problem: problem)
            }
            switch (field.type, value) {
            case (_, .null):
                continue
            case (.string, _):
                let bytes = try encodedLength(value.description, fail)
                if bytes > Self.maximumString && !truncate {
                    throw fail("\(bytes) bytes is longer than a DBF text field can hold (254); pass --truncate-strings to cut such values")
                }
                widths[column] = max(widths[column], min(bytes, Self.maximumString))
            case (.integer, .integer(let number)):
                widths[column] = max(widths[column], String(number).count)
            case (.real, .integer(let number)):
                integerDigits[column] = max(integerDigits[column], String(number).count)
            case (.real, .real(let number)):
                guard number.isFinite else { throw fail("\(number) cannot be stored in a DBF number") }
                // A DBF number holds at most about 19 digits: 1e19 or 1e308 would not fit (nor an Int64).
                guard abs(number) < 1e18 else { throw fail("\(number) is too large for a DBF number (18 digits before the point at most)") }
                integerDigits[column] = max(integerDigits[column], String(Int64(number.rounded(.towardZero))).count + (number < 0 && number > -1 ? 1 : 0))
            case (.date, .date), (.boolean, .boolean):
                continue
            default:
                throw fail("a \(value) value in a \(field.type.rawValue) field")
            }
        }
    }

    /// DBF definitions with the learnt widths; reals keep the schema's decimals (6 when it has
    /// none), integers become N with 0 decimals.
    func definitions(names: [String]) -> [FieldDefinition] {
        zip(schema.fields.indices, names).map { column, name in
            let field = schema.fields[column]
            switch field.type {
            case .string:
                return FieldDefinition(name: name, kind: .character, width: max(widths[column], min(field.width, Self.maximumString)))
            case .integer:
                return FieldDefinition(name: name, kind: .numeric, width: max(widths[column], field.width, 1))
            case .real:
                let decimals = field.precision > 0 ? field.precision : 6
                let needed = integerDigits[column] + 1 + decimals
                return FieldDefinition(name: name, kind: .numeric, width: min(max(needed, field.width), 255), decimals: decimals)
            case .date:
                return FieldDefinition(name: name, kind: .date, width: 8)
            case .boolean:
                return FieldDefinition(name: name, kind: .logical, width: 1)
            }
        }
    }

    /// The values as the table writer takes them, long strings cut when allowed.
    mutating func prepare(_ values: [AttributeValue]) throws -> [AttributeValue] {
        try values.enumerated().map { column, value in
            guard column < schema.fields.count, schema.fields[column].type == .string, value != .null else { return value }
            let text = value.description
            if truncate, try encoding.encode(text).count > Self.maximumString {
                truncated += 1
                return .string(try FieldNamePlan.cut(text, to: Self.maximumString, encoding))
            }
            return .string(text)
        }
    }

    private func encodedLength(_ text: String, _ fail: (String) -> LayerError) throws -> Int {
        do { return try encoding.encode(text).count } catch { throw fail("\(error)") }
    }
}
