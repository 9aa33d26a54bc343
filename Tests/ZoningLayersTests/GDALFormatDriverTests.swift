import Foundation
import Testing
import ZoningLayers
import ZoningTestSupport

/// GeoPackage, FlatGeobuf and File Geodatabase are chosen by extension, and `#LAYER` names a
/// layer of a container.
@Suite struct GDALFormatDriverTests {
    @Test func driversAreChosenByExtensionAndLayerSuffix() {
        #expect(LayerDrivers.driver(for: "results.gpkg")?.name == "GeoPackage")
        #expect(LayerDrivers.driver(for: "results.GPKG#villages")?.name == "GeoPackage")
        #expect(LayerDrivers.driver(for: "villages.fgb")?.name == "FlatGeobuf")
        #expect(LayerDrivers.driver(for: "县级数据库.gdb")?.name == "File Geodatabase")
        #expect(LayerDrivers.driver(for: "县级数据库.gdb/")?.name == "File Geodatabase")
        #expect(LayerDrivers.driver(for: "县级数据库.gdb#DLTB")?.name == "File Geodatabase")
        #expect(LayerDrivers.driver(for: "no#1.shp")?.name == "ESRI Shapefile")
        #expect(LayerDrivers.driver(for: "notes.txt#x") == nil)
    }

    @Test func locationsSplitAtTheLayer() {
        #expect(LayerLocation("county.gdb#DLTB") == LayerLocation(path: "county.gdb", layer: "DLTB"))
        #expect(LayerLocation("/data/成果.gpkg#村庄") == LayerLocation(path: "/data/成果.gpkg", layer: "村庄"))
        #expect(LayerLocation("DLTB.shp") == LayerLocation(path: "DLTB.shp", layer: nil))
        // A # inside a file name stays in it.
        #expect(LayerLocation("plot#2.shp") == LayerLocation(path: "plot#2.shp", layer: nil))
        #expect(LayerLocation("county.gdb#") == LayerLocation(path: "county.gdb#", layer: nil))
        #expect(LayerLocation(path: "a.gpkg", layer: "v").text == "a.gpkg#v")
        // A layer's name may hold # or end in an extension.
        #expect(LayerLocation("results.gpkg#x#y") == LayerLocation(path: "results.gpkg", layer: "x#y"))
        #expect(LayerLocation("results.gpkg#x.shp") == LayerLocation(path: "results.gpkg", layer: "x.shp"))
        #expect(LayerLocation("/data/#1/成果.gpkg#村庄") == LayerLocation(path: "/data/#1/成果.gpkg", layer: "村庄"))
        #expect(LayerDrivers.driver(for: "results.gpkg#x.shp")?.name == "GeoPackage")
        #expect(LayerDrivers.driver(for: "results.gpkg#x#y")?.name == "GeoPackage")
    }

    @Test func aGeodatabaseIsNotWritten() throws {
        let folder = try TemporaryFolder()
        #expect { try LayerFile.write(to: folder.file("out.gdb"), schema: Schema([]), crs: nil) { _ in } } throws: { error in
            "\(error)".contains("does not write them; write a .gpkg instead")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file("out.gdb")))
    }
}
