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
