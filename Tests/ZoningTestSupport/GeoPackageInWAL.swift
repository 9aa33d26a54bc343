import CGDAL
import Foundation

/// GeoPackages as QGIS leaves them while it edits: in WAL mode, with committed changes still
/// in the `-wal` file beside the database. Made with GDAL in update mode, and copied while
/// GDAL still holds the file open (closing it would checkpoint the changes in).
public enum GeoPackageInWAL {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Puts the GeoPackage `editing` in WAL mode, runs `statements` on it, and, while it is
    /// still open, copies it and its `-wal` to `path` and `path-wal`. With `checkpoint`, the
    /// changes are written into the file first and no `-wal` is copied: a WAL-mode file with
    /// nothing waiting.
    public static func make(_ path: String, from editing: String, statements: [String], checkpoint: Bool = false) throws {
        GDALAllRegister()
        guard let dataset = GDALOpenEx(editing, UInt32(GDAL_OF_VECTOR | GDAL_OF_UPDATE), nil, nil, nil) else {
            throw Failure(description: "GDAL cannot open \(editing) for update")
        }
        defer { GDALClose(dataset) }
        for statement in ["PRAGMA journal_mode=WAL"] + statements + (checkpoint ? ["PRAGMA wal_checkpoint(TRUNCATE)"] : []) {
            CPLErrorReset()
            if let result = GDALDatasetExecuteSQL(dataset, statement, nil, nil) { GDALDatasetReleaseResultSet(dataset, result) }
            if CPLGetLastErrorType().rawValue >= CE_Failure.rawValue {
                throw Failure(description: "\(statement): \(String(cString: CPLGetLastErrorMsg()))")
            }
        }
        try FileManager.default.copyItem(atPath: editing, toPath: path)
        if !checkpoint { try FileManager.default.copyItem(atPath: editing + "-wal", toPath: path + "-wal") }
    }
}

/// A GeoPackage holding many empty point layers (`layer00000`, `layer00001`, …), made with
/// SQL in one transaction (GDAL's CreateLayer takes minutes for thousands).
public enum GeoPackageWithManyLayers {
    public static func make(_ path: String, layers count: Int) throws {
        GDALAllRegister()
        guard let driver = GDALGetDriverByName("GPKG"), let dataset = GDALCreate(driver, path, 0, 0, 0, GDT_Unknown, nil) else {
            throw GeoPackageInWAL.Failure(description: "GDAL cannot create \(path)")
        }
        defer { GDALClose(dataset) }
        var statements = ["BEGIN"]
        for index in 0..<count {
            let name = String(format: "layer%05d", index)
            statements += [
                "CREATE TABLE \"\(name)\" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT)",
                "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('\(name)', 'features', '\(name)', 0)",
                "INSERT INTO gpkg_geometry_columns VALUES ('\(name)', 'geom', 'POINT', 0, 0, 0)",
            ]
        }
        for statement in statements + ["COMMIT"] {
            CPLErrorReset()
            if let result = GDALDatasetExecuteSQL(dataset, statement, nil, nil) { GDALDatasetReleaseResultSet(dataset, result) }
            if CPLGetLastErrorType().rawValue >= CE_Failure.rawValue {
                throw GeoPackageInWAL.Failure(description: "\(statement): \(String(cString: CPLGetLastErrorMsg()))")
            }
        }
    }
}
