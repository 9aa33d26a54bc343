import CGDAL
import ZoningSupport

/// One layer of a `VectorDataset`, owning the use of its `OGRLayerH` (the dataset owns the
/// handle and is kept alive by the layer). Read with `forEach`, written with `append`.
///
/// ```swift
/// let layer = try VectorDataset(reading: "results.gpkg").layer(named: "villages")
/// layer.epsg                                // 4528
/// try layer.forEach { record in record.wkb; record.values }
/// ```
public final class VectorLayer {
    public let dataset: VectorDataset
    let handle: OGRLayerH
    /// The layer's name.
    public let name: String
    /// The attribute columns, in order.
    public let fields: [VectorField]
    /// GDAL's name of the declared geometry type (`Multi Polygon`, `3D Point`, `None`).
    public let geometryTypeName: String
    /// The layer's CRS as an EPSG code, when its SRS names EPSG as its authority (or GDAL
    /// identifies it as one); nil otherwise.
    public let epsg: Int?
    /// The layer's CRS as WKT (WKT 1, as GDAL exports it); nil for a layer without one.
    public let crsWKT: String?
    /// Why the layer has no CRS although it names one: GDAL's warning when its SRS cannot be
    /// read (`unable to read srs_id '4528' from gpkg_spatial_ref_sys`); nil otherwise. A layer
    /// without a CRS and without this names none.
    public let crsProblem: String?
    /// The geometry column's name; empty when the format has none or the layer no geometry.
    public let geometryColumn: String

    /// - Throws: `VectorError.layerCutShort` when GDAL reports an error while reading the
    ///   layer's definition (a File Geodatabase reads a layer's table only when it is used: a
    ///   cut `.gdbtablx` fails here, and the layer would then read as empty).
    init(_ handle: OGRLayerH, in dataset: VectorDataset) throws {
        VectorLibrary.resetError()
        self.handle = handle
        self.dataset = dataset
        name = OGR_L_GetName(handle).map { String(cString: $0) } ?? ""
        // Reading a GeoPackage view's definition runs its query.
        dataset.watch.start()
        defer { dataset.watch.stop() }
        let definition = OGR_L_GetLayerDefn(handle)
        // GDAL reads a layer's definition, its SRS with it, on first use, and only warns when
        // the SRS it names cannot be read (a GeoPackage's srs_id without its row in
        // gpkg_spatial_ref_sys, or with a definition it cannot parse).
        let definitionWarning = CPLGetLastErrorType() == CE_Warning ? CPLGetLastErrorMsg().map { String(cString: $0) } : nil
        fields = (0..<OGR_FD_GetFieldCount(definition)).compactMap { OGR_FD_GetFieldDefn(definition, $0) }.map(VectorField.init)
        geometryTypeName = OGRGeometryTypeToName(OGR_L_GetGeomType(handle)).map { String(cString: $0) } ?? "Unknown"
        geometryColumn = OGR_L_GetGeometryColumn(handle).map { String(cString: $0) } ?? ""
        if let srs = OGR_L_GetSpatialRef(handle) {
            (epsg, crsWKT) = Self.describe(srs)
        } else {
            (epsg, crsWKT) = (nil, nil)
        }
        crsProblem = crsWKT == nil && OGR_L_GetGeomType(handle) != wkbNone ? definitionWarning : nil
        if dataset.watch.timedOut { throw VectorError.tooSlow(path: dataset.path, layer: name, seconds: CallWatch.limit, read: 0) }
        if let failure = VectorLibrary.failure() {
            throw VectorError.layerCutShort(path: dataset.path, layer: name, read: 0, declared: nil, message: failure)
        }
    }

    /// The EPSG code and WKT of an SRS.
    private static func describe(_ srs: OGRSpatialReferenceH) -> (Int?, String?) {
        var text: UnsafeMutablePointer<CChar>?
        let wkt: String? = OSRExportToWkt(srs, &text) == OGRERR_NONE ? text.map { String(cString: $0) } : nil
        VSIFree(text)
        func authority(_ srs: OGRSpatialReferenceH) -> Int? {
            let key = OSRIsProjected(srs) != 0 ? "PROJCS" : OSRIsGeographic(srs) != 0 ? "GEOGCS" : nil
            guard let name = OSRGetAuthorityName(srs, key).map({ String(cString: $0) }), name.uppercased() == "EPSG",
                let code = OSRGetAuthorityCode(srs, key).map({ String(cString: $0) })
            else { return nil }
            return Int(code)
        }
        if let code = authority(srs) { return (code, wkt) }
        guard let copy = OSRClone(srs) else { return (nil, wkt) }
        defer { OSRRelease(copy) }
        return (OSRAutoIdentifyEPSG(copy) == OGRERR_NONE ? authority(copy) : nil, wkt)
    }

    /// The number of features (GDAL counts them when the format does not store the number).
    public var featureCount: Int {
        guard dataset.handle != nil else { return 0 }
        dataset.watch.start()
        defer { dataset.watch.stop() }
        return Int(OGR_L_GetFeatureCount(handle, 1))
    }

    /// The bounds of the geometries, in layer units; nil for a layer without any.
    public var extent: (minX: Double, minY: Double, maxX: Double, maxY: Double)? {
        guard dataset.handle != nil, OGR_L_GetGeomType(handle) != wkbNone else { return nil }
        var envelope = OGREnvelope()
        dataset.watch.start()
        defer { dataset.watch.stop() }
        guard OGR_L_GetExtent(handle, &envelope, 1) == OGRERR_NONE, !dataset.watch.timedOut else { return nil }
        return (envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY)
    }

    /// One feature as read: its position (from 0), its geometry as ISO WKB (little-endian,
    /// curves made linear), its values in field order.
    public struct Record {
        public var index: Int
        public var wkb: [UInt8]?
        public var values: [AttributeValue]
    }

    /// Calls `body` with every feature in the layer's order, from the first each time.
    /// Values: integers as `.integer`, reals `.real`, text `.string` (UTF-8 as GDAL gives it),
    /// dates `.date`, Boolean integers `.boolean`, date-times and other types as GDAL's text;
    /// unset and null fields `.null`.
    ///
    /// The whole layer is read, or an error is thrown: GDAL's error state is checked after
    /// every call, since GDAL ends a layer at the first error it meets as if it were the end.
    /// - Throws: `VectorError.layerCutShort` when GDAL stops with an error or reads another
    ///   number of records than the layer declares; `.recordFailed` for a record GDAL returns
    ///   with an error (a geometry it cannot decode is never read as "no geometry"), and for a
    ///   GeoPackage value GDAL would misread (text in a numeric column, read as 0; text
    ///   holding NUL, cut there).
    public func forEach(_ body: (Record) throws -> Void) throws {
        guard dataset.handle != nil else { throw VectorError.cannotOpen(path: dataset.path, message: "the dataset was closed") }
        let watch = dataset.watch
        defer { watch.stop() }
        VectorLibrary.resetError()
        watch.start()
        let stated = Int(OGR_L_GetFeatureCount(handle, 0))
        watch.stop()
        if watch.timedOut { throw VectorError.tooSlow(path: dataset.path, layer: name, seconds: CallWatch.limit, read: 0) }
        let declared = stated >= 0 ? stated : nil
        if let message = VectorLibrary.failure() {
            throw VectorError.layerCutShort(path: dataset.path, layer: name, read: 0, declared: nil, message: message)
        }
        OGR_L_ResetReading(handle)
        var index = 0
        while true {
            VectorLibrary.resetError()
            watch.start()
            let next = OGR_L_GetNextFeature(handle)
            watch.stop()
            if watch.timedOut {
                if let next { OGR_F_Destroy(next) }
                throw VectorError.tooSlow(path: dataset.path, layer: name, seconds: CallWatch.limit, read: index)
            }
            let failure = VectorLibrary.failure()
            guard let feature = next else {
                if let failure { throw VectorError.layerCutShort(path: dataset.path, layer: name, read: index, declared: declared, message: failure) }
                break
            }
            defer { OGR_F_Destroy(feature) }
            if let declared, index >= declared {
                throw VectorError.layerCutShort(path: dataset.path, layer: name, read: index, declared: declared, message: "GDAL gives more records than the layer declares")
            }
            if let failure { throw recordError(feature, index: index, "GDAL cannot read it (\(failure)); it is damaged: repair it in QGIS or export the layer again") }
            let record = Record(index: index, wkb: try geometry(of: feature, index: index), values: values(of: feature))
            if let failure = VectorLibrary.failure() {
                throw recordError(feature, index: index, "GDAL cannot read its values (\(failure))")
            }
            try body(record)
            index += 1
        }
        if let declared, declared != index {
            throw VectorError.layerCutShort(path: dataset.path, layer: name, read: index, declared: declared, message: "the records end early, without an error from GDAL")
        }
        if dataset.driverName == "GPKG" { try checkStoredValues() }
    }

    /// A record error naming the record by position and by its FID.
    private func recordError(_ feature: OGRFeatureH, index: Int, _ message: String) -> VectorError {
        let fid = OGR_F_GetFID(feature)
        return VectorError.recordFailed(path: dataset.path, layer: name, record: index, message: fid >= 0 ? "FID \(fid): \(message)" : message)
    }

    /// Looks, in SQLite, for GeoPackage values that GDAL would read wrong without saying so
    /// (SQLite stores any value in any column): text or a blob in an integer or real column
    /// (GDAL reads 0), a fraction in an integer column (truncated), text holding NUL (cut at
    /// it). Throws for the first, naming its record (position in FID order), FID and field.
    private func checkStoredValues() throws {
        guard let datasetHandle = dataset.handle else { return }
        let fidColumn = OGR_L_GetFIDColumn(handle).map { String(cString: $0) } ?? ""
        guard !fidColumn.isEmpty else { return }
        func quoted(_ identifier: String) -> String { "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var tests: [(field: String, test: String, shown: String, problem: String)] = []
        for field in fields {
            let column = quoted(field.name)
            switch field.kind {
            case .integer, .integer64, .boolean:
                tests.append((field.name, "typeof(\(column)) NOT IN ('integer', 'null')", "quote(\(column))", "the integer column holds \(field.kind == .boolean ? "a value that is not 0 or 1" : "a value that is not an integer"), which GDAL would read as another number"))
            case .real:
                tests.append((field.name, "typeof(\(column)) NOT IN ('integer', 'real', 'null')", "quote(\(column))", "the real column holds text or a blob, which GDAL would read as 0"))
            case .string:
                tests.append((field.name, "instr(CAST(\(column) AS BLOB), X'00') > 0", "quote(CAST(\(column) AS BLOB))", "the text holds a NUL character, where GDAL would cut it"))
            case .date, .dateTime, .other:
                continue
            }
        }
        guard !tests.isEmpty else { return }
        let table = quoted(name), fid = quoted(fidColumn)
        // Every column aliased, so that GDAL takes none of them for the result's FID.
        let flags = tests.enumerated().map { "(\($1.test)) AS zoning_flag\($0)" }.joined(separator: ", ")
        let shown = tests.enumerated().map { "\($1.shown) AS zoning_value\($0)" }.joined(separator: ", ")
        let sql = "SELECT checked.\(fid) + 0 AS zoning_fid, (SELECT count(*) FROM \(table) AS earlier WHERE earlier.\(fid) < checked.\(fid)) AS zoning_position, "
            + "\(flags), \(shown) FROM \(table) AS checked WHERE "
            + tests.map { "(\($0.test))" }.joined(separator: " OR ") + " ORDER BY checked.\(fid) LIMIT 1"
        VectorLibrary.resetError()
        let watch = dataset.watch
        watch.start()
        defer { watch.stop() }
        let result = GDALDatasetExecuteSQL(datasetHandle, sql, nil, "SQLITE")
        defer { if let result { GDALDatasetReleaseResultSet(datasetHandle, result) } }
        guard let result else {
            throw VectorError.layerCutShort(path: dataset.path, layer: name, read: 0, declared: nil, message: VectorLibrary.lastError("SQLite cannot check its values"))
        }
        VectorLibrary.resetError()
        let row = OGR_L_GetNextFeature(result)
        defer { if let row { OGR_F_Destroy(row) } }
        if watch.timedOut { throw VectorError.tooSlow(path: dataset.path, layer: name, seconds: CallWatch.limit, read: 0) }
        if let failure = VectorLibrary.failure() {
            throw VectorError.layerCutShort(path: dataset.path, layer: name, read: 0, declared: nil, message: "SQLite cannot check its values: \(failure)")
        }
        guard let row else { return }
        let fidValue = OGR_F_GetFieldAsInteger64(row, 0), position = Int(OGR_F_GetFieldAsInteger64(row, 1))
        for (offset, test) in tests.enumerated() where OGR_F_GetFieldAsInteger64(row, Int32(2 + offset)) != 0 {
            let stored = OGR_F_GetFieldAsString(row, Int32(2 + tests.count + offset)).map { String(cString: $0) } ?? ""
            throw VectorError.recordFailed(
                path: dataset.path, layer: name, record: position,
                message: "FID \(fidValue), field \(test.field): \(test.problem) (SQLite holds \(stored.prefix(80))); correct the value in QGIS or with SQL")
        }
    }

    private func geometry(of feature: OGRFeatureH, index: Int) throws -> [UInt8]? {
        guard var geometry = OGR_F_GetGeometryRef(feature) else { return nil }
        var linear: OGRGeometryH?
        if OGR_G_HasCurveGeometry(geometry, 1) != 0 {
            linear = OGR_G_GetLinearGeometry(geometry, 0, nil)
            guard let linear else {
                throw VectorError.recordFailed(path: dataset.path, layer: name, record: index, message: "its curved geometry cannot be made linear")
            }
            geometry = linear
        }
        defer { if let linear { OGR_G_DestroyGeometry(linear) } }
        var bytes = [UInt8](repeating: 0, count: Int(OGR_G_WkbSize(geometry)))
        let status = bytes.withUnsafeMutableBufferPointer { OGR_G_ExportToIsoWkb(geometry, wkbNDR, $0.baseAddress) }
        guard status == OGRERR_NONE else {
            throw VectorError.recordFailed(path: dataset.path, layer: name, record: index, message: VectorLibrary.lastError("its geometry cannot be exported"))
        }
        return bytes
    }

    private func values(of feature: OGRFeatureH) -> [AttributeValue] {
        fields.indices.map { position in
            let i = Int32(position)
            guard OGR_F_IsFieldSetAndNotNull(feature, i) != 0 else { return .null }
            switch fields[position].kind {
            case .integer, .integer64: return .integer(OGR_F_GetFieldAsInteger64(feature, i))
            case .real: return .real(OGR_F_GetFieldAsDouble(feature, i))
            case .boolean: return .boolean(OGR_F_GetFieldAsInteger64(feature, i) != 0)
            case .date:
                var year: Int32 = 0, month: Int32 = 0, day: Int32 = 0, hour: Int32 = 0, minute: Int32 = 0, second: Int32 = 0, zone: Int32 = 0
                if OGR_F_GetFieldAsDateTime(feature, i, &year, &month, &day, &hour, &minute, &second, &zone) != 0,
                    let date = CalendarDate(year: Int(year), month: Int(month), day: Int(day))
                {
                    return .date(date)
                }
                return .string(OGR_F_GetFieldAsString(feature, i).map { String(cString: $0) } ?? "")
            case .string, .dateTime, .other:
                return .string(OGR_F_GetFieldAsString(feature, i).map { String(cString: $0) } ?? "")
            }
        }
    }

    /// Appends one feature: its geometry as WKB (any flavour GDAL reads; converted to the
    /// layer's type when that is its multi form, e.g. Polygon → MultiPolygon) and its values
    /// in field order. `record` numbers it in messages.
    /// - Throws: `VectorError.recordFailed`.
    public func append(wkb: [UInt8]?, values: [AttributeValue], record: Int) throws {
        guard dataset.handle != nil else { throw VectorError.recordFailed(path: dataset.path, layer: name, record: record, message: "the dataset was closed") }
        VectorLibrary.resetError()
        guard let feature = OGR_F_Create(OGR_L_GetLayerDefn(handle)) else {
            throw VectorError.recordFailed(path: dataset.path, layer: name, record: record, message: "out of memory")
        }
        defer { OGR_F_Destroy(feature) }
        if let wkb {
            var geometry: OGRGeometryH?
            let status = wkb.withUnsafeBufferPointer { OGR_G_CreateFromWkb($0.baseAddress, nil, &geometry, Int32($0.count)) }
            guard status == OGRERR_NONE, var made = geometry else {
                throw VectorError.recordFailed(path: dataset.path, layer: name, record: record, message: "GDAL cannot read its geometry (WKB)")
            }
            let target = OGR_L_GetGeomType(handle)
            if target != wkbUnknown, OGR_G_GetGeometryType(made) != target {
                made = OGR_G_ForceTo(made, target, nil)  // takes ownership, returns the converted one
            }
            OGR_F_SetGeometryDirectly(feature, made)
        }
        for (position, value) in values.enumerated() where position < fields.count {
            let i = Int32(position)
            switch value {
            case .null: OGR_F_SetFieldNull(feature, i)
            case .string(let text): OGR_F_SetFieldString(feature, i, text)
            case .integer(let number): OGR_F_SetFieldInteger64(feature, i, number)
            case .real(let number): OGR_F_SetFieldDouble(feature, i, number)
            case .boolean(let flag): OGR_F_SetFieldInteger(feature, i, flag ? 1 : 0)
            case .date(let date): OGR_F_SetFieldDateTime(feature, i, Int32(date.year), Int32(date.month), Int32(date.day), 0, 0, 0, 0)
            }
        }
        guard OGR_L_CreateFeature(handle, feature) == OGRERR_NONE else {
            throw VectorError.recordFailed(path: dataset.path, layer: name, record: record, message: VectorLibrary.lastError("GDAL refused it"))
        }
    }
}
