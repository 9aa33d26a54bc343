import Testing
import ZoningLayers
import ZoningProjection
import ZoningShapefile
import ZoningSupport
import ZoningTestSupport

/// Every odd shapefile of the shared test data (SharedData; see its README) read end to end, with the outcome
/// each one should have.
@Suite(.enabled(if: SharedData.isAvailable, SharedData.skipReason))
struct SharedShapefilesTests {
    struct Expectation: Sendable, CustomStringConvertible {
        var path: String
        var count: Int
        var epsg: Int?           // nil: no .prj
        var encoding: String
        var geometries: Int      // records with a geometry
        var description: String { path }
    }

    @Test(arguments: [
        Expectation(path: "pyshp/blockgroups.shp", count: 663, epsg: nil, encoding: "UTF-8", geometries: 663),  // no .prj, .sbn beside it
        Expectation(path: "pyshp/merge.shp", count: 6630, epsg: nil, encoding: "UTF-8", geometries: 6630),
        Expectation(path: "pyshp/latin1.shp", count: 1, epsg: nil, encoding: "ISO-8859-1", geometries: 1),      // no .cpg, no .shx
        Expectation(path: "pyshp/corrupt_too_long.shp", count: 10, epsg: nil, encoding: "UTF-8", geometries: 10),  // header off by one byte
        Expectation(path: "sf/nc.shp", count: 100, epsg: 4267, encoding: "UTF-8", geometries: 100),
        Expectation(path: "sf/storms_xyz.shp", count: 71, epsg: nil, encoding: "UTF-8", geometries: 71),       // PolyLineZ read in 2D
        Expectation(path: "fiona/coutwildrnp.shp", count: 67, epsg: 4326, encoding: "ISO-8859-1", geometries: 67),
        Expectation(path: "naturalearth/naturalearth_lowres.shp", count: 177, epsg: 4326, encoding: "ISO-8859-1", geometries: 177),
        Expectation(path: "china-outline/country.shp", count: 1, epsg: 4326, encoding: "UTF-8", geometries: 1),  // GCJ-02 labelled WGS 84
        Expectation(path: "missing-shp/district.shp", count: 2877, epsg: 4326, encoding: "UTF-8", geometries: 0),  // table only
    ])
    func readsEndToEnd(_ expected: Expectation) throws {
        let layer = try ShapefileLayerReader(path: SharedData.path("shapefiles/" + expected.path))
        #expect(layer.count == expected.count)
        #expect(layer.crs?.epsg == expected.epsg)
        #expect(layer.encoding.encoding.name == expected.encoding)
        var geometries = 0
        try layer.forEach { feature in
            if let geometry = feature.geometry {
                geometries += 1
                #expect(!geometry.isEmpty)
            }
        }
        #expect(geometries == expected.geometries)
    }

    /// MultiPatch is refused with the record named, not read as something it is not.
    @Test func multiPatchIsRefusedClearly() throws {
        let tin = try ShapefileLayerReader(path: SharedData.path("shapefiles/fiona/test_tin.shp"))
        #expect {
            try tin.forEach { _ in }
        } throws: { error in
            guard case .badRecord(_, 0, let problem) = error as? LayerError else { return false }
            return problem.contains("MultiPatch")
        }
    }

    /// district.shp's names are UTF-8 Chinese (its .cpg says so).
    @Test func chineseDistrictNames() throws {
        let district = try ShapefileLayerReader(path: SharedData.path("shapefiles/missing-shp/district.shp"))
        var names: [String] = []
        try district.forEach { names.append($0.attributes[district.schema.index(of: "dt_name")!].stringValue ?? "") }
        #expect(names.contains { $0.hasSuffix("区") || $0.hasSuffix("县") })
        #expect(names.allSatisfy { !$0.contains("\u{FFFD}") })
    }
}
