import Foundation
import Testing
import ZoningDatabase
import ZoningLayers
import ZoningProject
import ZoningTestSupport
import ZoningSampleRun

/// `outputs.format: gpkg`: the run's layers in one results.gpkg, as GDAL's ogrinfo reads it,
/// with the same features as the shapefiles of the default run, and no shapefile left.
@Suite struct LayerOutputFormatTests {
    @Test func theLayersGoIntoOneGeoPackage() throws {
        let folder = try TemporaryFolder()
        var project = try SampleRun.project(writingTo: folder.file("gpkg"))
        project.layerOutputFormat = .geoPackage
        try ProjectRun.run(project, overwrite: false)
        let shapefiles = try SampleRun.get().folder
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.file("gpkg"))
        #expect(files.contains("results.gpkg"))
        #expect(!files.contains { $0.hasSuffix(".shp") || $0.hasSuffix(".dbf") || $0.hasSuffix(".shx") })
        // The run's list of its files says so too.
        #expect(Set(files.filter { $0 != "maps" }) == Set(ProjectRun.outputFiles(project)))
        let expected = try FileManager.default.contentsOfDirectory(atPath: shapefiles).filter { $0.hasSuffix(".shp") }.map { String($0.dropLast(4)) }.sorted()
        #expect(expected.contains("villages-classified"))

        let tables = try GDALLayerReader.all(in: folder.file("gpkg/results.gpkg"), driver: .geoPackage)
        // Every layer, and QGIS's table of their styles (StyleOutputsTests checks its rows).
        #expect(tables.map(\.name).sorted() == (expected + [StyleOutputs.stylesTable]).sorted())
        let layers = tables.filter { $0.name != StyleOutputs.stylesTable }
        for layer in layers {
            let shapefile = try LayerFile.open(shapefiles + "/" + layer.name + ".shp")
            #expect(layer.schema.names == shapefile.schema.names, "\(layer.name)")
            #expect(layer.crs?.epsg == shapefile.crs?.epsg, "\(layer.name)")
            var a: [[String]] = [], b: [[String]] = []
            try layer.forEach { a.append($0.attributes.map(\.description)) }
            try shapefile.forEach { b.append($0.attributes.map(\.description)) }
            #expect(a == b, "\(layer.name)")
        }
        // The tables are the default run's, byte for byte.
        for table in ["classification.csv", "coverage.csv", "summary.csv"] {
            #expect(try Data(contentsOf: URL(fileURLWithPath: folder.file("gpkg/" + table))) == Data(contentsOf: URL(fileURLWithPath: shapefiles + "/" + table)), "\(table)")
        }
        guard ExternalTool.ogrinfo.isAvailable else { return }
        let summary = try ExternalTool.ogrinfo.run(["-ro", "-so", folder.file("gpkg/results.gpkg"), "villages-classified"])
        #expect(summary.contains("Feature Count: 120"))
        #expect(summary.contains("ID[\"EPSG\",4528]"))
        #expect(summary.contains("CLASS: String"))
        // The manifest records the format and checksums the GeoPackage.
        let manifest = try String(contentsOfFile: folder.file("gpkg/manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"format\": \"gpkg\""))
        #expect(manifest.contains("results.gpkg"))
    }

    /// Published with --db, a GeoPackage run gives the tables a shapefile run gives.
    @Test(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
    func aGeoPackageRunIsPublishedAsTheShapefileRun() throws {
        let folder = try TemporaryFolder()
        var project = try SampleRun.project(writingTo: folder.file("gpkg"))
        project.layerOutputFormat = .geoPackage
        try ProjectRun.run(project, overwrite: false)
        let db = try DatabaseConnection(DatabaseURL(TestDatabase.requiredURL()))
        let fromGeoPackage = try RunPublication.publish(folder: folder.file("gpkg"), projectName: TestDatabase.uniqueName("gpkg"), database: TestDatabase.requiredURL())
        let fromShapefiles = try RunPublication.publish(folder: try SampleRun.get().folder, projectName: TestDatabase.uniqueName("shp"), database: TestDatabase.requiredURL())
        defer {
            for schema in [fromGeoPackage.schema, fromGeoPackage.latestSchema, fromShapefiles.schema, fromShapefiles.latestSchema] {
                _ = try? db.execute("DROP SCHEMA IF EXISTS \(try db.quoteIdentifier(schema)) CASCADE")
            }
        }
        #expect(fromGeoPackage.tables.sorted() == fromShapefiles.tables.sorted())
        for schema in [fromGeoPackage.schema, fromShapefiles.schema] {
            #expect(try db.execute("SELECT count(*) FROM \(try db.quoteIdentifier(schema)).villages_classified").rows == [["120"]])
        }
    }
}
