import Foundation
import Testing
import ZoningTestSupport

/// `zoning convert` between the GDAL formats and the others, checked with ogrinfo.
@Suite(.enabled(if: ExternalTool.ogr2ogr.isAvailable && ExternalTool.ogrinfo.isAvailable, "ogr2ogr and ogrinfo (gdal-bin) make and check the files"))
struct ConvertGDALTests {
    /// ogrinfo's answer to an SQL count on a layer.
    static func count(_ path: String, _ sql: String) throws -> Int {
        let text = try ExternalTool.ogrinfo.run(["-ro", "-q", path, "-sql", sql])
        let line = text.split(separator: "\n").first { $0.contains("(Integer") && $0.contains(") = ") } ?? ""
        return Int(line.split(separator: "=").last?.trimmingCharacters(in: .whitespaces) ?? "") ?? -1
    }

    @Test func aGeodatabaseLayerBecomesAGeoPackageAndBack() throws {
        let folder = try TemporaryFolder()
        let gdb = folder.file("县级数据库.gdb")
        _ = try ExternalTool.ogr2ogr.run(["-f", "OpenFileGDB", "-oo", "ENCODING=CP936", "-nln", "DLTB", gdb, checkoutRoot + "/Shapefiles/DLTB.shp"])
        _ = try ExternalTool.ogr2ogr.run(["-f", "OpenFileGDB", "-update", "-nln", "XZQ", gdb, checkoutRoot + "/Shapefiles/townships.shp"])

        // Housing land only, into a named GeoPackage layer.
        let housing = folder.file("成果.gpkg")
        let result = try CommandLine.run(["convert", gdb + "#DLTB", housing + "#宅基地", "--where", "DLBM^=07"])
        #expect(result.status == 0, "\(result.errors)")
        let expected = try Self.count(gdb, "SELECT COUNT(*) FROM DLTB WHERE DLBM LIKE '07%'")
        #expect(expected > 0)
        #expect(try Self.count(housing, "SELECT COUNT(*) FROM \"宅基地\"") == expected)
        let summary = try ExternalTool.ogrinfo.run(["-ro", "-so", housing, "宅基地"])
        #expect(summary.contains("ID[\"EPSG\",4528]") && summary.contains("DLMC: String"))

        // On to FlatGeobuf, GeoJSON and a shapefile, and the count and text stay.
        for (from, to) in [(housing, "housing.fgb"), (folder.file("housing.fgb"), "housing.geojson"), (folder.file("housing.geojson"), "housing.shp")] {
            let step = try CommandLine.run(["convert", from, folder.file(to)])
            #expect(step.status == 0, "\(step.errors)")
            let layer = String(to.split(separator: ".")[0])
            #expect(try Self.count(folder.file(to), "SELECT COUNT(*) FROM \(layer)") == expected, "\(to)")
            let first = try ExternalTool.ogrinfo.run(["-ro", "-q", folder.file(to), "-sql", "SELECT DLMC FROM \(layer) WHERE DLBM = '0702'"])
            #expect(first.contains("DLMC (String) = 农村宅基地"), "\(to)")
        }

        // A geodatabase is not written, and a container without a layer named is refused.
        let refused = try CommandLine.run(["convert", housing, folder.file("out.gdb")])
        #expect(refused.status != 0 && refused.errors.contains("write a .gpkg instead"))
        let unnamed = try CommandLine.run(["convert", gdb, folder.file("x.gpkg")])
        #expect(unnamed.status != 0 && unnamed.errors.contains("holds 2 layers (DLTB, XZQ)"))
    }

    /// A GeoPackage view over an endless recursive query (it yields no row, ever) no longer
    /// hangs `info` and `convert`: each GDAL call is bounded (ZONING_GDAL_CALL_SECONDS, here
    /// 2 s), and the error names the file and layer.
    @Test func aViewOverAnEndlessQueryIsStopped() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("views.gpkg")
        _ = try ExternalTool.ogr2ogr.run(["-f", "GPKG", "-nln", "villages", path, checkoutRoot + "/Shapefiles/villages.shp"])
        for statement in [
            "CREATE VIEW endless AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x AS fid, NULL AS geom FROM c WHERE x < 0",
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('endless', 'features', 'endless', 0)",
            "INSERT INTO gpkg_geometry_columns VALUES ('endless', 'geom', 'POINT', 0, 0, 0)",
        ] {
            _ = try ExternalTool.ogrinfo.run(["-q", path, "-dialect", "SQLITE", "-sql", statement])
        }
        let bound = ["ZONING_GDAL_CALL_SECONDS": "2"]
        let started = Date()
        let info = try CommandLine.run(["info", path + "#endless"], environment: bound)
        #expect(info.status != 0)
        #expect(info.errors.contains("\(path), layer endless: reading it did not finish within 2 s for one call"), "\(info.errors)")
        let convert = try CommandLine.run(["convert", path + "#endless", folder.file("out.gpkg")], environment: bound)
        #expect(convert.status != 0)
        #expect(convert.errors.contains("layer endless: reading it did not finish within 2 s"), "\(convert.errors)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("out.gpkg")))
        #expect(Date().timeIntervalSince(started) < 60)
        // The other layer of the file reads as before.
        #expect(try CommandLine.run(["info", path + "#villages"], environment: bound).status == 0)
    }
}
