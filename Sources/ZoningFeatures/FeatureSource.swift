import ZoningProjection

/// Anything features can be read from: a shapefile, a GeoJSON file, a CSV point list.
///
/// ```swift
/// let source = try LayerFile.open("villages.geojson")
/// try source.forEach { feature in … }
/// ```
public protocol FeatureSource: AnyObject {
    /// The layer name (file name without extension).
    var name: String { get }
    var schema: Schema { get }
    /// The CRS of the geometries; nil when the file does not say and none was given.
    var crs: CoordinateReferenceSystem? { get }
    /// The files read, which outputs must never replace.
    var files: [String] { get }
    /// Calls `body` with every feature in file order. May be called more than once.
    func forEach(_ body: (Feature) throws -> Void) throws
    /// How messages name a feature: `record 12` (from 0), or `line 14` for a CSV file.
    func label(ofRecord id: Int) -> String
}

extension FeatureSource {
    public func label(ofRecord id: Int) -> String { "record \(id)" }
}

/// A source that read some coordinates the other way round, as a CSV point list does when its
/// columns are labelled latitude-first or some rows swap them: the input checks report it
/// without knowing the format.
public protocol SwappedCoordinateSource: FeatureSource {
    /// The coordinate columns as read, e.g. `lng, lat`.
    var coordinateFields: String { get }
    /// Every record had them swapped: the columns are labelled the wrong way round.
    var everyRecordSwapped: Bool { get }
    /// The records read the other way round, as messages name them (`line 14`).
    var swappedRecords: [String] { get }
}

/// A source whose file may hold records flagged deleted (a shapefile's .dbf marks them with a
/// `*` until it is packed): `forEach` skips them, as GDAL, QGIS and ArcGIS do, and the input
/// checks report how many there were.
public protocol DeletedRecordSource: FeatureSource {
    /// The records (as `label(ofRecord:)` numbers them) the last `forEach` skipped as deleted.
    var deletedRecords: [Int] { get }
}

/// A source that can leave attribute columns undecoded: a reader that needs a few fields of a
/// wide table (the input checks need three or four of a DLTB's thirty) says which, and the
/// others read as `.null`, without their text being decoded or checked.
///
/// ```swift
/// (source as? ColumnSelectingSource)?.selectedColumns = [2, 5]
/// try source.forEach { feature in … }     // feature.attributes[0] == .null
/// ```
public protocol ColumnSelectingSource: FeatureSource {
    /// The columns (schema positions from 0) `forEach` decodes; nil, the default, decodes all.
    var selectedColumns: Set<Int>? { get set }
}
