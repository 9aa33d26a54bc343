import Foundation
import Testing
import ZoningGeometry
import ZoningLayers
import ZoningSupport
import ZoningTestSupport

/// The sample's shapefiles, converted by ogr2ogr into a GeoPackage, a FlatGeobuf file and a
/// File Geodatabase, read back feature for feature as the shapefile reader reads them.
@Suite(.enabled(if: ExternalTool.ogr2ogr.isAvailable, "ogr2ogr (gdal-bin) makes the inputs"))
struct GDALLayerReaderTests {
    /// Every feature of `layer` has the shapefile's geometry and values, in the same order.
    /// - Parameters:
    ///   - tolerance: how far a vertex may move, in metres (a File Geodatabase stores
    ///     coordinates on a grid); 0 for the same geometry.
    ///   - realIntegers: integer fields arrive as reals (GDAL 3.6 writes 64-bit integers to a
    ///     File Geodatabase as reals).
    static func expectSameFeatures(_ layer: FeatureSource, as name: String, tolerance: Double = 0, realIntegers: Bool = false) throws {
        let shapefile = try LayerFile.open(GDALTestFiles.sample(name), options: .init(encoding: name == "DLTB" ? .gbk : nil))
        #expect(layer.schema.names == shapefile.schema.names)
        let types = shapefile.schema.fields.map { realIntegers && $0.type == .integer ? .real : $0.type }
        #expect(layer.schema.fields.map(\.type) == types)
        #expect(layer.crs?.epsg == 4528)
        var expected: [Feature] = []
        try shapefile.forEach { expected.append($0) }
        var index = 0
        try layer.forEach { feature in
            guard index < expected.count else { index += 1; return }
            #expect(feature.id == index)
            let wanted = expected[index].attributes.map { value -> AttributeValue in
                if realIntegers, case .integer(let number) = value { return .real(Double(number)) }
                return value
            }
            #expect(feature.attributes == wanted, "record \(index)")
            let (a, b) = (try #require(feature.geometry), try #require(expected[index].geometry))
            if tolerance == 0 {
                #expect(try a.equals(b), "record \(index)")
            } else {
                // Within the grid: the same bounds and area, to the tolerance.
                let (p, q) = (try #require(a.bounds), try #require(b.bounds))
                let moved = [p.minX - q.minX, p.minY - q.minY, p.maxX - q.maxX, p.maxY - q.maxY].map(abs).max() ?? 0
                #expect(moved <= tolerance && abs(a.area - b.area) <= tolerance * b.length, "record \(index)")
            }
            index += 1
        }
        #expect(index == expected.count)
    }

    @Test func aGeoPackageLayerReadsAsTheShapefile() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("sample.gpkg")
        try GDALTestFiles.add("villages", to: path, format: "GPKG")
        try GDALTestFiles.add("seats", to: path, format: "GPKG", layer: "政府驻地")
        let villages = try LayerFile.open(path + "#villages")
        #expect(villages.name == "villages")
        #expect(villages.files == [path])
        try Self.expectSameFeatures(villages, as: "villages")
        let seats = try LayerFile.open(path + "#政府驻地")
        #expect(seats.name == "政府驻地")
        try Self.expectSameFeatures(seats, as: "seats")
        // Two layers and none named: the error lists them.
        #expect { try LayerFile.open(path) } throws: { "\($0)".contains("holds 2 layers (villages, 政府驻地)") }
        #expect { try LayerFile.open(path + "#DLTB") } throws: { "\($0)".contains("has no layer DLTB; its layers are villages, 政府驻地") }
    }

    @Test func aFlatGeobufReadsAsTheShapefile() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("villages.fgb")
        try GDALTestFiles.convert(["-f", "FlatGeobuf", "-lco", "SPATIAL_INDEX=NO", path, GDALTestFiles.sample("villages")])
        let layer = try LayerFile.open(path)
        try Self.expectSameFeatures(layer, as: "villages")
    }

    @Test func aFileGeodatabaseLayerReadsAsTheShapefile() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("县级数据库.gdb")
        try GDALTestFiles.add("DLTB", to: path, format: "OpenFileGDB")
        try GDALTestFiles.add("villages", to: path, format: "OpenFileGDB")
        let parcels = try LayerFile.open(path + "#DLTB")
        #expect(parcels.files.allSatisfy { $0.hasPrefix(path + "/") } && parcels.files.count > 4)
        try Self.expectSameFeatures(parcels, as: "DLTB", tolerance: 0.001, realIntegers: true)
        // Chinese text from the GBK shapefile arrives intact.
        var names: Set<String> = []
        try parcels.forEach { names.insert($0.attributes[parcels.schema.index(of: "DLMC")!].stringValue ?? "") }
        #expect(names.contains("水浇地"))
    }

    @Test func aMissingFileIsNamed() throws {
        let folder = try TemporaryFolder()
        #expect { try LayerFile.open(folder.file("missing.gdb#DLTB")) } throws: { "\($0)".contains("missing.gdb cannot be opened by GDAL: no such file") }
    }
}
