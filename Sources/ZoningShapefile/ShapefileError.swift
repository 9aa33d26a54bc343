/// What went wrong reading a shapefile. Each case names the file and says what to do.
public enum ShapefileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Neither the .shp nor the .dbf of `path` exists.
    case notFound(path: String)
    /// The .shp exists but its .shx index does not; shapelib needs it to find records.
    case missingIndex(shp: String)
    /// shapelib could not read `path`; `message` is shapelib's reason, if it gave one.
    case unreadable(path: String, message: String?)
    /// `path` exists but may not be read (permissions); `problem` says whose and how to fix it.
    case noAccess(path: String, problem: String)
    /// The .shx index does not fit the .shp (truncated, foreign, or records damaged).
    case badIndex(shp: String, problem: String)

    /// A cell does not hold what its field type says, or its text is not in the encoding.
    case badValue(path: String, record: Int, field: String, text: String, problem: String)

    /// A file could not be written (disk full, no permission, a record shapelib refused).
    case unwritable(path: String, message: String)

    public var description: String {
        switch self {
        case .notFound(let path):
            return "\(path): no such shapefile (looked for .shp and .dbf). Check the path and the file name's case."
        case .missingIndex(let shp):
            return "\(shp): the .shx index beside it is missing. Copy it from the original delivery, "
                + "or rebuild it with GDAL: ogrinfo --config SHAPE_RESTORE_SHX YES \(shp)"
        case let .badIndex(shp, problem):
            return "\(shp): the .shx index does not fit the .shp: \(problem). The files are damaged or from different deliveries; "
                + "take both from the original delivery, or delete the .shx and zoning rebuilds it from the .shp"
        case let .badValue(path, record, field, text, problem):
            return "\(path), record \(record), field \(field): \"\(text)\" — \(problem). "
                + "Fix the cell, or give the encoding with --encoding if the text is garbled."
        case let .noAccess(path, problem):
            return "\(path) cannot be read: \(problem)."
        case let .unwritable(path, message):
            return "\(path): could not be written: \(message). Check the folder's free space and permissions."
        case let .unreadable(path, message):
            return "\(path): shapelib could not read it"
                + (message.map { ": \($0)" } ?? "")
                + ". The file may be truncated or not a shapefile; try opening it in QGIS to compare."
        }
    }
}
