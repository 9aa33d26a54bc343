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
}
