/// What went wrong in GDAL: each case names the file (and the layer) and says what to do.
///
/// ```swift
/// do { _ = try VectorDataset(reading: "county.gdb") } catch let error as VectorError { print(error) }
/// ```
public enum VectorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// GDAL cannot open the file (missing, damaged, or not the format its name says).
    /// Fix: check the path; open it in QGIS or with `ogrinfo` to see what GDAL says.
    case cannotOpen(path: String, message: String)
    /// The container has no layer by that name. Fix: name one of `available`.
    case noSuchLayer(path: String, layer: String, available: [String])
    /// The container holds several layers and none was named. Fix: add `#LAYER` to the
    /// location (`county.gdb#DLTB`) or `layer:` beside `path:` in a project file.
    case layerNotChosen(path: String, available: [String])
    /// The container holds no vector layer. Fix: check that it is the right file.
    case noLayers(path: String)
    /// A file, layer or field cannot be created (a read-only folder, a name the format refuses,
    /// a GDAL without the driver). Fix: as `message` says; check the folder is writable.
    case cannotCreate(path: String, message: String)
    /// A record cannot be written or read (a geometry type the layer refuses, a broken
    /// geometry, a full disk). Fix: as `message` says.
    case recordFailed(path: String, layer: String, record: Int, message: String)
    /// GDAL stopped before the end of a layer: it reported an error (a damaged page of a
    /// GeoPackage, a cut FlatGeobuf or File Geodatabase table) or read fewer records than the
    /// layer declares. `read` records were read; `declared` is the count the file states (nil
    /// when it states none). Nothing read is used. Fix: restore the file or export it again
    /// from its source; `ogrinfo` shows GDAL's error.
    case layerCutShort(path: String, layer: String, read: Int, declared: Int?, message: String)
    /// One GDAL read call on the layer did not finish within `seconds` (SQLite interrupted
    /// it): a view over an endless or very slow query. Nothing read is used. Fix: check the
    /// view's SQL; `ZONING_GDAL_CALL_SECONDS` allows a longer call.
    case tooSlow(path: String, layer: String, seconds: Double, read: Int)
    /// The layer names a CRS that GDAL cannot read (a GeoPackage's `srs_id` missing from
    /// `gpkg_spatial_ref_sys`, or a definition there it cannot parse); `message` is GDAL's.
    /// Fix: repair the row (e.g. re-export the layer from QGIS), or give the CRS with `crs:`
    /// beside `path:` in a project.
    case unreadableCRS(path: String, layer: String, message: String)
    /// The transaction holding the written records could not be committed (a full disk, a
    /// lock held by another program such as QGIS). Fix: close the other program, free space.
    case commitFailed(path: String, message: String)

    /// Layer names for a message: all of them up to 20, else the first 20 and how many more
    /// (a container may hold thousands).
    static func list(_ names: [String], path: String) -> String {
        guard names.count > 20 else { return names.joined(separator: ", ") }
        return names.prefix(20).joined(separator: ", ") + " and \(names.count - 20) more (zoning info \(path) lists them)"
    }

    public var description: String {
        switch self {
        case let .cannotOpen(path, message):
            return "\(path) cannot be opened by GDAL: \(message). Check the path, or look at it with ogrinfo."
        case let .noSuchLayer(path, layer, available):
            return "\(path) has no layer \(layer); its layers are \(Self.list(available, path: path))."
        case let .layerNotChosen(path, available):
            return "\(path) holds \(available.count) layers (\(Self.list(available, path: path))); name one as \(path)#LAYER, or with layer: beside path: in a project file."
        case let .noLayers(path):
            return "\(path) holds no vector layer."
        case let .cannotCreate(path, message):
            return "\(path) cannot be created: \(message)."
        case let .recordFailed(path, layer, record, message):
            return "\(path), layer \(layer), record \(record): \(message)."
        case let .layerCutShort(path, layer, read, declared, message):
            let of = declared.map { " of the \($0) it declares" } ?? ""
            return "\(path), layer \(layer), cannot be read whole: GDAL stopped after \(read) records\(of): \(message). "
                + "The file is damaged or cut short; nothing was computed from it. Restore it, or export it again from its source (ogrinfo, reading its features, shows the same error)."
        case let .tooSlow(path, layer, seconds, read):
            return "\(path), layer \(layer): reading it did not finish within \(Int(seconds)) s for one call (after \(read) records; SQLite was still working), so it was stopped and nothing was computed from it. "
                + "A view over an endless or very slow query (a recursive WITH without an end) does this: check the layer's SQL; ZONING_GDAL_CALL_SECONDS=600 allows a longer call."
        case let .unreadableCRS(path, layer, message):
            return "\(path), layer \(layer), names a CRS that GDAL cannot read (\(message)); it is not a layer without a CRS. "
                + "Repair its row in gpkg_spatial_ref_sys (or export the layer again from QGIS), or give the CRS with crs: beside path: in the project."
        case let .commitFailed(path, message):
            return "\(path): the records could not be committed: \(message). Close other programs using the file and check the free space."
        }
    }
}
