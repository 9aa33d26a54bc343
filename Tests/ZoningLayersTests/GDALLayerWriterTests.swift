import Foundation
import Testing
import ZoningGeometry
import ZoningLayers
import ZoningProjection
import ZoningSupport
import ZoningTestSupport

/// Layers written as GeoPackage and FlatGeobuf keep their CRS, field types, Chinese text and
/// counts, as GDAL's ogrinfo reads them, and are written the safe way.
@Suite(.enabled(if: ExternalTool.ogrinfo.isAvailable, "ogrinfo (gdal-bin) checks the outputs"))
struct GDALLayerWriterTests {
    /// Writes the sample's shapefile `name` to `location` through the drivers.
    @discardableResult
    static func write(_ name: String, to location: String, overwrite: Bool = false) throws -> Int {
        let source = try LayerFile.open(GDALTestFiles.sample(name), options: .init(encoding: name == "DLTB" ? .gbk : nil))
        return try LayerFile.write(to: location, schema: source.schema, crs: source.crs, options: .init(overwrite: overwrite, inputs: source.files)) { emit in
            try source.forEach(emit)
        }.records
    }

    @Test(arguments: ["gpkg", "fgb"])
    func theSampleRoundTrips(_ suffix: String) throws {
        let folder = try TemporaryFolder()
        let path = folder.file("parcels.\(suffix)")
        #expect(try Self.write("DLTB", to: path) == 20280)
        let summary = try ExternalTool.ogrinfo.run(["-ro", "-so", path, "parcels"])
        #expect(summary.contains("Feature Count: 20280"))
        #expect(summary.contains("ID[\"EPSG\",4528]"))
        #expect(summary.contains("Geometry: Polygon") || summary.contains("Geometry: Multi Polygon"))
        #expect(summary.contains("DLMC: String (60.0)"))
        // GeoPackage keeps no width for reals; FlatGeobuf keeps width and precision.
        #expect(summary.contains(suffix == "fgb" ? "TBMJ: Real (19.2)" : "TBMJ: Real"))
        let first = try ExternalTool.ogrinfo.run(["-ro", "-q", path, "-sql", "SELECT DLMC FROM parcels WHERE DLMC = '水浇地' LIMIT 1"])
        #expect(first.contains("DLMC (String) = 水浇地"))
        // No temporary file is left beside it.
        #expect(folder.contents == ["parcels.\(suffix)"])
        // Read back: the same features as the shapefile.
        try GDALLayerReaderTests.expectSameFeatures(try LayerFile.open(path), as: "DLTB")
    }

    @Test func aGeoPackageLayerIsNamedAfterTheHash() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("成果.gpkg")
        try Self.write("villages", to: path + "#村庄")
        let summary = try ExternalTool.ogrinfo.run(["-ro", "-so", path, "村庄"])
        #expect(summary.contains("Feature Count: 120"))
        #expect(summary.contains("XZQMC: String"))
        #expect(summary.contains("POP: Integer"))
        let villages = try LayerFile.open(path)  // one layer: no name needed
        #expect(villages.name == "村庄")
        var names: [String] = []
        try villages.forEach { names.append($0.attributes[villages.schema.index(of: "XZQMC")!].stringValue ?? "") }
        #expect(names.count == 120 && names.allSatisfy { $0.unicodeScalars.contains { $0.value >= 0x4E00 } })
    }

    @Test func anExistingFileNeedsOverwriteAndAnInputIsNeverReplaced() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("seats.gpkg")
        try Self.write("seats", to: path)
        #expect(throws: LayerError.outputExists(path: path)) { try Self.write("seats", to: path) }
        #expect(try Self.write("villages", to: path, overwrite: true) == 120)
        #expect(try LayerFile.open(path).name == "seats")  // named after the file
        let source = try LayerFile.open(path)
        #expect(throws: LayerError.outputIsInput(path: path)) {
            try LayerFile.write(to: path + "#copy", schema: source.schema, crs: source.crs, options: .init(overwrite: true, inputs: source.files)) { try source.forEach($0) }
        }
    }

    @Test(arguments: ["gpkg", "fgb"])
    func mixedSingleAndMultiPartsAreWrittenAsMulti(_ suffix: String) throws {
        let folder = try TemporaryFolder()
        let path = folder.file("mixed.\(suffix)")
        let crs = try CoordinateReferenceSystem("EPSG:4528")
        let shapes = [
            try Geometry(wkt: "POLYGON ((0 0, 1 0, 1 1, 0 0))"),
            try Geometry(wkt: "MULTIPOLYGON (((2 2, 3 2, 3 3, 2 2)), ((5 5, 6 5, 6 6, 5 5)))"),
        ]
        let schema = Schema([Field(name: "名称", type: .string), Field(name: "DAY", type: .date), Field(name: "OK", type: .boolean)])
        let values: [[AttributeValue]] = [[.string("甲"), .date(CalendarDate(year: 2024, month: 2, day: 29)!), .boolean(true)], [.null, .null, .boolean(false)]]
        try LayerFile.write(to: path, schema: schema, crs: crs) { emit in
            for (index, shape) in shapes.enumerated() { try emit(Feature(id: index, geometry: shape, attributes: values[index])) }
        }
        let summary = try ExternalTool.ogrinfo.run(["-ro", "-so", path, "mixed"])
        #expect(summary.contains("Geometry: Multi Polygon"))
        #expect(summary.contains("名称: String") && summary.contains("OK: Integer(Boolean)"))
        var read: [Feature] = []
        try LayerFile.open(path).forEach { read.append($0) }
        if suffix == "gpkg" {
            #expect(summary.contains("DAY: Date"))
            #expect(read.map(\.attributes) == values)
        } else {
            // FlatGeobuf has no date type: GDAL stores a date-time, read back as its text.
            #expect(summary.contains("DAY: DateTime"))
            #expect(read.map(\.attributes) == [[.string("甲"), .string("2024/02/29 00:00:00"), .boolean(true)], values[1]])
        }
        #expect(read.map { $0.geometry?.type } == [.multiPolygon, .multiPolygon])
        #expect(try read[0].geometry!.equals(shapes[0]))
    }

    /// A write that fails half-way leaves no file, temporary or final.
    @Test(arguments: ["gpkg", "fgb"])
    func aFailedWriteLeavesNothing(_ suffix: String) throws {
        struct Stop: Error {}
        let folder = try TemporaryFolder()
        let schema = Schema([Field(name: "N", type: .integer)])
        var pass = 0
        #expect(throws: Stop.self) {
            try LayerFile.write(to: folder.file("half.\(suffix)"), schema: schema, crs: try CoordinateReferenceSystem("EPSG:4528")) { emit in
                pass += 1
                for n in 0..<100 {
                    if pass == 2 && n == 50 { throw Stop() }
                    try emit(Feature(id: n, geometry: try Geometry(wkt: "POINT (\(n) 1)"), attributes: [.integer(Int64(n))]))
                }
            }
        }
        #expect(pass == 2)
        #expect(folder.contents.isEmpty, "\(folder.contents)")
    }

    @Test func webMapCoordinatesAreRefused() throws {
        let folder = try TemporaryFolder()
        #expect { try LayerFile.write(to: folder.file("x.gpkg"), schema: Schema([]), crs: try CoordinateReferenceSystem("GCJ02")) { _ in } } throws: {
            "\($0)".contains("add --dst-crs EPSG:4326")
        }
        #expect(folder.contents.isEmpty)
    }
}
