import CGDAL
import Foundation

/// One GDAL vector dataset — a GeoPackage, a FlatGeobuf file, a File Geodatabase folder —
/// owning its `GDALDatasetH`. No GDAL handle leaves this module.
///
/// A dataset and its layers are used by one thread at a time (GDAL's rule): make them inside
/// the task that reads them, as with the other file readers.
///
/// ```swift
/// let dataset = try VectorDataset(reading: "county.gdb", drivers: ["OpenFileGDB"])
/// dataset.layerNames                       // ["DLTB", "XZQ"]
/// let parcels = try dataset.layer(named: "DLTB")
/// parcels.featureCount                     // 12831
/// ```
public final class VectorDataset {
    /// The path as given.
    public let path: String
    /// nil once closed.
    private(set) var handle: GDALDatasetH?
    /// The bound on each read call, for a GeoPackage (`CallWatch`).
    let watch = CallWatch()

    /// Opens a dataset read-only, and truly so: a GeoPackage in WAL mode is opened
    /// `IMMUTABLE=YES` (SQLite would otherwise checkpoint its `-wal` into it on closing, even
    /// read-only), and one whose `-wal` holds committed changes, or beside a hot `-journal`,
    /// is refused with the fix (`SQLiteJournal`).
    /// - Parameter drivers: GDAL's short names of the drivers that may open it
    ///   (`GPKG`, `FlatGeobuf`, `OpenFileGDB`); empty for any vector driver.
    /// - Throws: `VectorError.cannotOpen`.
    public init(reading path: String, drivers: [String] = []) throws {
        VectorLibrary.register()
        let options = try SQLiteJournal.openOptions(for: path)
        VectorLibrary.resetError()
        let flags = UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR)
        // GDAL lists only the first 10,000 tables of a GeoPackage unless told otherwise (0:
        // no limit); the others could not be opened by name.
        let limit = CPLGetThreadLocalConfigOption("OGR_TABLE_LIMIT", nil).map { String(cString: $0) }
        CPLSetThreadLocalConfigOption("OGR_TABLE_LIMIT", "0")
        defer { CPLSetThreadLocalConfigOption("OGR_TABLE_LIMIT", limit) }
        let opened = withCStringList(drivers) { allowed in
            withCStringList(options) { openOptions in
                GDALOpenEx(
                    path, flags, UnsafeRawPointer(allowed)?.assumingMemoryBound(to: UnsafePointer<CChar>?.self),
                    UnsafeRawPointer(openOptions)?.assumingMemoryBound(to: UnsafePointer<CChar>?.self), nil)
            }
        }
        guard let opened else {
            let exists = FileManager.default.fileExists(atPath: path)
            let message = VectorLibrary.lastError("GDAL does not recognise the file")
            throw VectorError.cannotOpen(path: path, message: exists ? message : "no such file or folder")
        }
        self.path = path
        handle = opened
        watch.attach(to: opened)
    }

    /// Creates a new, empty dataset with GDAL's driver `driver` (`GPKG`, `FlatGeobuf`).
    /// An existing file at `path` is replaced by GDAL: check before calling.
    /// - Throws: `VectorError.cannotCreate`.
    public init(creating path: String, driver: String) throws {
        VectorLibrary.register()
        VectorLibrary.resetError()
        guard let gdalDriver = GDALGetDriverByName(driver) else {
            throw VectorError.cannotCreate(path: path, message: "this GDAL has no \(driver) driver")
        }
        guard let created = GDALCreate(gdalDriver, path, 0, 0, 0, GDT_Unknown, nil) else {
            throw VectorError.cannotCreate(path: path, message: VectorLibrary.lastError("GDAL's \(driver) driver refused it"))
        }
        self.path = path
        handle = created
    }

    deinit { close() }

    /// Closes the dataset, flushing what was written. Its layers cannot be used afterwards.
    public func close() {
        if let handle {
            watch.detach(from: handle)
            GDALClose(handle)
        }
        handle = nil
    }

    /// GDAL's short name of the driver that opened it (`GPKG`, `OpenFileGDB`).
    public var driverName: String {
        guard let handle, let driver = GDALGetDatasetDriver(handle) else { return "" }
        return GDALGetDriverShortName(driver).map { String(cString: $0) } ?? ""
    }

    /// The names of its vector layers, in GDAL's order.
    public var layerNames: [String] {
        guard let handle else { return [] }
        return (0..<GDALDatasetGetLayerCount(handle)).compactMap { index in
            GDALDatasetGetLayer(handle, index).flatMap { OGR_L_GetName($0) }.map { String(cString: $0) }
        }
    }

    /// Each layer's name, GDAL's name of its declared geometry type and the feature count
    /// the file states (nil when it states none), without reading a feature.
    public func layerSummaries() -> [(name: String, geometryType: String, declaredCount: Int?)] {
        guard let handle else { return [] }
        return (0..<GDALDatasetGetLayerCount(handle)).compactMap { GDALDatasetGetLayer(handle, $0) }.map { layer in
            watch.start()
            let counted = Int(OGR_L_GetFeatureCount(layer, 0))
            watch.stop()
            let count = watch.timedOut ? -1 : counted
            return (
                OGR_L_GetName(layer).map { String(cString: $0) } ?? "", OGRGeometryTypeToName(OGR_L_GetGeomType(layer)).map { String(cString: $0) } ?? "Unknown",
                count >= 0 ? count : nil
            )
        }
    }

    /// One layer: by name, or the only one when `name` is nil.
    /// - Throws: `VectorError.noSuchLayer`, `.layerNotChosen` (several layers and no name),
    ///   `.noLayers`.
    public func layer(named name: String?) throws -> VectorLayer {
        let names = layerNames
        guard let handle else { throw VectorError.cannotOpen(path: path, message: "the dataset was closed") }
        guard let name else {
            guard !names.isEmpty else { throw VectorError.noLayers(path: path) }
            guard names.count == 1, let only = GDALDatasetGetLayer(handle, 0) else {
                throw VectorError.layerNotChosen(path: path, available: names)
            }
            return try VectorLayer(only, in: self)
        }
        guard let found = GDALDatasetGetLayerByName(handle, name) else {
            throw VectorError.noSuchLayer(path: path, layer: name, available: names)
        }
        return try VectorLayer(found, in: self)
    }

    /// Every layer, in GDAL's order.
    /// - Throws: `VectorError.layerCutShort` for a layer GDAL cannot read.
    public func layers() throws -> [VectorLayer] {
        guard let handle else { return [] }
        return try (0..<GDALDatasetGetLayerCount(handle)).compactMap { GDALDatasetGetLayer(handle, $0) }.map { try VectorLayer($0, in: self) }
    }

    /// Creates a layer with its fields.
    /// - Parameters:
    ///   - geometryType: the layer's geometry type; `.unknown` for mixed types, `.none` for a table.
    ///   - epsg: the CRS's EPSG code, preferred; else `wkt` (any text GDAL reads); neither for none.
    ///   - options: GDAL layer creation options, `KEY=VALUE` (`SPATIAL_INDEX=NO`).
    /// - Throws: `VectorError.cannotCreate`.
    public func createLayer(
        named name: String, geometryType: VectorGeometryType, hasZ: Bool = false, epsg: Int?, wkt: String?, fields: [VectorField], options: [String] = []
    ) throws -> VectorLayer {
        guard let handle else { throw VectorError.cannotCreate(path: path, message: "the dataset was closed") }
        VectorLibrary.resetError()
        var srs: OGRSpatialReferenceH?
        if epsg != nil || wkt != nil {
            srs = OSRNewSpatialReference(nil)
            let status = epsg.map { OSRImportFromEPSG(srs, Int32($0)) } ?? OSRSetFromUserInput(srs, wkt)
            guard status == OGRERR_NONE else {
                OSRRelease(srs)
                throw VectorError.cannotCreate(path: path, message: VectorLibrary.lastError("GDAL cannot read the CRS \(epsg.map { "EPSG:\($0)" } ?? wkt ?? "")"))
            }
        }
        defer { if let srs { OSRRelease(srs) } }
        var type = geometryType.ogrType
        if hasZ, geometryType != .none { type = OGR_GT_SetZ(type) }
        guard let layer = withCStringList(options, { GDALDatasetCreateLayer(handle, name, srs, type, $0) }) else {
            throw VectorError.cannotCreate(path: path, message: VectorLibrary.lastError("GDAL refused the layer \(name)"))
        }
        for field in fields {
            let definition = OGR_Fld_Create(field.name, field.ogrType.0)
            defer { OGR_Fld_Destroy(definition) }
            OGR_Fld_SetSubType(definition, field.ogrType.1)
            if field.width > 0 { OGR_Fld_SetWidth(definition, Int32(field.width)) }
            if field.precision > 0 { OGR_Fld_SetPrecision(definition, Int32(field.precision)) }
            guard OGR_L_CreateField(layer, definition, 1) == OGRERR_NONE else {
                throw VectorError.cannotCreate(path: path, message: VectorLibrary.lastError("GDAL refused the field \(field.name)"))
            }
        }
        return try VectorLayer(layer, in: self)
    }

    /// Starts a transaction when the format has them (GeoPackage); false when it has none
    /// (FlatGeobuf), and the records are then written as they come.
    public func beginTransaction() -> Bool {
        guard let handle else { return false }
        return GDALDatasetStartTransaction(handle, 0) == OGRERR_NONE
    }

    /// Commits the transaction `beginTransaction()` started.
    /// - Throws: `VectorError.commitFailed`.
    public func commit() throws {
        guard let handle else { throw VectorError.commitFailed(path: path, message: "the dataset was closed") }
        VectorLibrary.resetError()
        guard GDALDatasetCommitTransaction(handle) == OGRERR_NONE else {
            throw VectorError.commitFailed(path: path, message: VectorLibrary.lastError("GDAL gave no reason"))
        }
    }
}

/// The geometry type of a layer, as GDAL declares it (the 2D code; Z is separate).
public enum VectorGeometryType: Sendable, Hashable {
    case none, unknown, point, lineString, polygon, multiPoint, multiLineString, multiPolygon, geometryCollection

    var ogrType: OGRwkbGeometryType {
        switch self {
        case .none: wkbNone
        case .unknown: wkbUnknown
        case .point: wkbPoint
        case .lineString: wkbLineString
        case .polygon: wkbPolygon
        case .multiPoint: wkbMultiPoint
        case .multiLineString: wkbMultiLineString
        case .multiPolygon: wkbMultiPolygon
        case .geometryCollection: wkbGeometryCollection
        }
    }
}
