import Testing
import ZoningLayers
import ZoningTestSupport

@Suite struct PostGISDriverTests {
    @Test func databaseURLsAreShownMasked() {
        #expect(LayerFile.shown("postgresql://gis:secret@db/county?table=t") == "postgresql://gis:***@db/county?table=t")
        #expect(LayerFile.shown("Shapefiles/DLTB.shp") == "Shapefiles/DLTB.shp")
        #expect(LayerFile.isDatabase("postgres://db/x") && !LayerFile.isDatabase("x.shp"))
    }

    /// LayerFile reads and writes tables through the driver: shapefile → PostGIS → GeoJSON.
    @Test(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
    func layerFileGoesThroughTheDriver() throws {
        let scratch = try ScratchSchema()
        let folder = try TemporaryFolder()
        let source = try LayerFile.open(checkoutRoot + "/Shapefiles/townships.shp")
        let table = try scratch.url("townships").text
        let written = try LayerFile.write(to: table, schema: source.schema, crs: source.crs, options: .init(inputs: source.files)) { try source.forEach($0) }
        #expect(written.records == 9)
        #expect { try LayerFile.write(to: table, schema: source.schema, crs: source.crs) { try source.forEach($0) } } throws: { "\($0)".contains("already exists") }
        #expect(try LayerFile.write(to: table, schema: source.schema, crs: source.crs, options: .init(overwrite: true)) { try source.forEach($0) }.records == 9)
        let back = try LayerFile.open(table)
        try LayerFile.write(to: folder.file("t.geojson"), schema: back.schema, crs: back.crs) { try back.forEach($0) }
        let geojson = try LayerFile.open(folder.file("t.geojson"))
        #expect(try ScratchSchema.features(geojson).map(\.attributes) == ScratchSchema.features(source).map(\.attributes))
        #expect(geojson.crs?.epsg == 4528)
    }
}
