import ArgumentParser
import Foundation
import ZoningLayers
import ZoningSupport

/// `zoning info FILE`: what a layer holds — a shapefile, every layer of a GeoPackage or File
/// Geodatabase, a FlatGeobuf, GeoJSON or CSV file, every shapefile in a folder, a PostGIS table.
public struct Info: ParsableCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Describe a layer (shapefile, GeoPackage, FileGDB, FlatGeobuf, GeoJSON, CSV, folder, PostGIS table): type, count, extent, CRS, encoding, validity, fields.",
        discussion: """
            FILE may be given as name.shp, name.dbf, name, or a .zip holding one
            shapefile (unpacked into a temporary folder). Nothing is written. A
            shapefile whose .shp is missing is described from its .dbf alone; a missing
            .shx is rebuilt in a temporary folder.

            The attribute encoding is decided in this order and the report says which
            decided: --encoding, the .cpg file, the DBF language-driver byte, then the
            text itself (UTF-8, else GBK, else Latin-1).

            FILE may also be a PostGIS table, postgresql://user@host/database?table=
            schema.name (docs/DATABASE.md): its geometry column, SRID, row count,
            extent and columns.

            FILE may also be a GeoPackage (.gpkg) or File Geodatabase (.gdb folder):
            every layer is described, or only LAYER with file.gpkg#LAYER; a FlatGeobuf
            (.fgb), GeoJSON (.geojson, .json) or CSV point list (.csv); or a folder, whose
            shapefiles are each described.

            Examples:
              zoning info Shapefiles/townships.shp
              zoning info 县级数据库.gdb
              zoning info results.gpkg#villages
              zoning info Shapefiles/
              zoning info 'postgresql://gis@localhost/county?table=sample.villages'
            """)

    @Argument(help: "The file, folder, file.gpkg#LAYER or postgresql://…?table=schema.name to describe.")
    var file: String

    @Flag(name: .customLong("no-prj"), help: "Leave out the .prj text at the end.")
    var omitProjectionText = false

    @OptionGroup var encoding: InputEncodingOption

    @Flag(name: .customLong("no-validity"), help: "Skip the geometry validity check (it reads every record).")
    var skipValidity = false

    public init() {}

    public func run() throws {
        if LayerFile.isDatabase(file) {
            print(try TableInfoReport(location: file, checkValidity: !skipValidity).render(), terminator: "")
            return
        }
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: file, isDirectory: &isFolder)
        let driver = LayerDrivers.driver(for: file)
        if exists, isFolder.boolValue, driver == nil {
            // A folder: every shapefile in it, in name order, each with the shapefile report.
            let names = try FileManager.default.contentsOfDirectory(atPath: file).filter { $0.lowercased().hasSuffix(".shp") }.sorted()
            guard !names.isEmpty else { throw CommandError(message: "\(file) is a folder without shapefiles; name a file, or a .gdb folder") }
            let reports = try names.map { name in
                try InfoReport(path: URL(fileURLWithPath: file).appendingPathComponent(name).path, encoding: encoding.value, checkValidity: !skipValidity)
            }
            print(reports.map { $0.render(includeProjectionText: !omitProjectionText) }.joined(separator: "\n"), terminator: "")
            return
        }
        if let driver, !(driver is ShapefileDriver), !(driver is ZippedShapefileDriver) {
            if let list = try LayerInfoReport.layerList(location: file) {
                print(list, terminator: "")
                return
            }
            let reports = try LayerInfoReport.all(location: file, encoding: encoding.value, checkValidity: !skipValidity)
            print(reports.map { $0.render(includeProjectionText: !omitProjectionText) }.joined(separator: "\n"), terminator: "")
            return
        }
        let report = try InfoReport(
            path: file, encoding: encoding.value, checkValidity: !skipValidity)
        print(report.render(includeProjectionText: !omitProjectionText), terminator: "")
    }
}
