import Foundation
import Testing
import ZoningLayers
import ZoningProjection
import ZoningTestSupport

@Suite struct LayerFileTests {
    @Test func formatsFollowExtensions() {
        #expect(LayerFile.Format(path: "a/DLTB.SHP") == .shapefile)
        #expect(LayerFile.Format(path: "x.geojson") == .geoJSON && LayerFile.Format(path: "x.json") == .geoJSON)
        #expect(LayerFile.Format(path: "x.csv") == .csv)
        #expect(LayerFile.Format(path: "x.gpkg") == nil)
    }

    /// Shapefile → GeoJSON → shapefile keeps attributes and geometries.
    @Test func roundTripThroughEveryWriter() throws {
        let folder = try TemporaryFolder()
        let source = try LayerFile.open(checkoutRoot + "/Tests/Fixtures/townships.shp")
        try LayerFile.write(to: folder.file("t.geojson"), schema: source.schema, crs: source.crs) { try source.forEach($0) }
        let middle = try LayerFile.open(folder.file("t.geojson"))
        #expect(middle.crs?.epsg == 4528)
        let result = try LayerFile.write(to: folder.file("t.shp"), schema: middle.schema, crs: middle.crs) { try middle.forEach($0) }
        #expect(result.records == 4 && result.notes.isEmpty)
        var a: [Feature] = [], b: [Feature] = []
        try source.forEach { a.append($0) }
        try LayerFile.open(folder.file("t.shp")).forEach { b.append($0) }
        #expect(a.map(\.attributes) == b.map(\.attributes))
        #expect(try zip(a, b).allSatisfy { try $0.geometry!.equals($1.geometry!) })
    }

    @Test func unknownFormatsAreNamed() throws {
        #expect(throws: LayerError.self) { try LayerFile.open("x.gpkg") }
        #expect(throws: LayerError.self) { try LayerFile.write(to: "/tmp/x.gpkg", schema: Schema([]), crs: nil) { _ in } }
    }
}
