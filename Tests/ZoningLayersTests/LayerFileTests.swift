import Foundation
import Testing
import ZoningLayers
import ZoningProjection
import ZoningTestSupport

@Suite struct LayerFileTests {
    @Test func driversFollowExtensionsAndSchemes() {
        #expect(LayerDrivers.driver(for: "a/DLTB.SHP")?.name == "ESRI Shapefile")
        #expect(LayerDrivers.driver(for: "a/DLTB.dbf")?.name == "ESRI Shapefile")
        #expect(LayerDrivers.driver(for: "a/DLTB.zip")?.name == "ESRI Shapefile (zipped)")
        #expect(LayerDrivers.driver(for: "x.geojson")?.name == "GeoJSON" && LayerDrivers.driver(for: "x.json")?.name == "GeoJSON")
        #expect(LayerDrivers.driver(for: "x.csv")?.name == "CSV")
        #expect(LayerDrivers.driver(for: "x.gpkg")?.name == "GeoPackage")
        #expect(LayerDrivers.driver(for: "x.kml") == nil)
        #expect(LayerDrivers.driver(for: "postgresql://localhost/zoning?table=dltb")?.name == "PostgreSQL/PostGIS")
        #expect(LayerDrivers.driver(for: "postgres://localhost/zoning?table=dltb")?.name == "PostgreSQL/PostGIS")
        #expect(throws: LayerError.self) { try LayerFile.write(to: "x.zip", schema: Schema([]), crs: nil) { _ in } }
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

    /// A geometry transform runs once per feature in every format, though shapefile and CSV
    /// writers read the features twice, and what is written is the transformed geometry.
    @Test(arguments: ["t.shp", "t.geojson", "c.csv"]) func geometryTransformRunsOncePerFeature(_ name: String) throws {
        let folder = try TemporaryFolder()
        let townships = try LayerFile.open(checkoutRoot + "/Tests/Fixtures/townships.shp")
        var features: [Feature] = []
        try townships.forEach { features.append($0) }
        if name.hasSuffix(".csv") {  // CSV keeps X, Y of points: use the townships' interior points
            features = try features.map { var point = $0; point.geometry = try $0.geometry!.pointOnSurface(); return point }
        }
        let toDegrees = try CoordinateTransform(from: CoordinateReferenceSystem("EPSG:4528"), to: CoordinateReferenceSystem("EPSG:4490"))
        var calls = 0
        try LayerFile.write(to: folder.file(name), schema: townships.schema, crs: toDegrees.target, geometryTransform: { geometry in
            calls += 1
            return try toDegrees.apply(to: geometry)
        }) { emit in try features.forEach(emit) }
        #expect(calls == features.count)
        let written = try LayerFile.open(folder.file(name), options: .init(crs: toDegrees.target))
        var index = 0
        try written.forEach { feature in
            let expected = try toDegrees.apply(to: features[index].geometry!)
            #expect(try feature.geometry!.normalized().equalsExact(expected.normalized(), tolerance: 1e-9), "feature \(index)")  // rings may turn
            index += 1
        }
        #expect(index == features.count)
    }

    @Test func unknownFormatsAreNamed() throws {
        #expect(throws: LayerError.self) { try LayerFile.open("x.kml") }
        #expect(throws: LayerError.self) { try LayerFile.write(to: "/tmp/x.kml", schema: Schema([]), crs: nil) { _ in } }
    }
}
