import Foundation
import Testing
import ZoningGeometry
import ZoningLayers
import ZoningProjection
import ZoningSupport
import ZoningTestSupport

/// The names read from the .dbf header alone are those the full reader gives (a second
/// method), in GBK and UTF-8, renamed fields included, and need no .prj or .shp.
@Suite struct LayerFieldNamesTests {
    func written(_ folder: TemporaryFolder, _ name: String, encoding: TextEncoding) throws -> String {
        let path = folder.file(name + ".shp")
        let schema = Schema([Field(name: "XZQDM", type: .string), Field(name: "名称", type: .string),
                             Field(name: "POPULATION_2020", type: .integer)])
        _ = try ShapefileWriter.write(to: path, schema: schema, crs: CoordinateReferenceSystem("EPSG:4528"), options: .init(encoding: encoding)) { emit in
            try emit(Feature(id: 0, geometry: try Geometry(wkt: "POLYGON((0 0, 10 0, 10 10, 0 0))"),
                             attributes: [.string("370202001001"), .string("城关街道"), .integer(1200)]))
        }
        return path
    }

    @Test func sameNamesAsTheReader() throws {
        let folder = try TemporaryFolder()
        for encoding in [TextEncoding.gbk, .utf8] {
            let path = try written(folder, "layer-\(encoding.name)", encoding: encoding)
            let names = try LayerFieldNames.shapefile(path)
            // POPULATION_2020 is 15 bytes: the writer cuts it to 10 (FieldNamePlan).
            #expect(names == ["XZQDM", "名称", "POPULATION"])
            #expect(names == (try ShapefileLayerReader(path: path)).schema.names)
        }
    }

    @Test func needsNoProjection() throws {
        let folder = try TemporaryFolder()
        let path = try written(folder, "unknown-crs", encoding: .utf8)
        // A .prj PROJ cannot read stops the full reader, not the names.
        try Data("PROJCS[\"nothing PROJ knows\"]".utf8).write(to: URL(fileURLWithPath: folder.file("unknown-crs.prj")))
        #expect(throws: (any Error).self) { try ShapefileLayerReader(path: path) }
        #expect(try LayerFieldNames.shapefile(path) == ["XZQDM", "名称", "POPULATION"])
        #expect(throws: (any Error).self) { try LayerFieldNames.shapefile(folder.file("missing.shp")) }
    }
}
