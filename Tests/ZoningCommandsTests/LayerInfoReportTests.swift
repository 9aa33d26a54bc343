import Foundation
import Testing
import ZoningTestSupport

/// `zoning info` on every format it reads: each layer of a GeoPackage and of a File
/// Geodatabase (made here with ogr2ogr from the sample), FlatGeobuf, GeoJSON, CSV and a folder
/// of shapefiles, with counts checked against ogrinfo's.
@Suite(.enabled(if: ExternalTool.ogr2ogr.isAvailable && ExternalTool.ogrinfo.isAvailable, "ogr2ogr and ogrinfo (gdal-bin) make and check the inputs"))
struct LayerInfoReportTests {
    static func sample(_ name: String) -> String { checkoutRoot + "/Shapefiles/\(name).shp" }

    /// ogr2ogr's copy of the sample's layer `name` into `path` (DLTB is GBK without a .cpg).
    static func add(_ name: String, to path: String, format: String) throws {
        let update = FileManager.default.fileExists(atPath: path) ? ["-update"] : []
        let encoding = name == "DLTB" ? ["-oo", "ENCODING=CP936"] : []
        _ = try ExternalTool.ogr2ogr.run(["-f", format] + update + encoding + ["-nln", name, path, sample(name)])
    }

    /// ogrinfo's feature count of a layer.
    static func count(_ path: String, _ layer: String) throws -> Int {
        let text = try ExternalTool.ogrinfo.run(["-ro", "-so", path, layer])
        let line = text.split(separator: "\n").first { $0.hasPrefix("Feature Count: ") } ?? ""
        return Int(line.dropFirst("Feature Count: ".count)) ?? -1
    }

    /// The report's blocks, one per layer, each as its lines.
    static func blocks(_ output: String) -> [[String]] {
        output.components(separatedBy: "\nLayer:").enumerated().map { index, text in
            (index == 0 ? text : "Layer:" + text).split(separator: "\n").map(String.init)
        }
    }

    @Test func everyLayerOfAGeoPackageIsDescribed() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("sample.gpkg")
        try Self.add("villages", to: path, format: "GPKG")
        try Self.add("seats", to: path, format: "GPKG")
        let result = try CommandLine.run(["info", "--no-validity", path])
        #expect(result.status == 0, "\(result.errors)")
        let blocks = Self.blocks(result.output)
        #expect(blocks.count == 2)
        #expect(Set(blocks.compactMap { $0.first }) == ["Layer:     villages", "Layer:     seats"])
        for block in blocks {
            let name = String(block[0].dropFirst("Layer:     ".count))
            #expect(block.contains("File:      \(path)#\(name)"))
            #expect(block.contains("Format:    GeoPackage (GDAL GPKG)"))
            #expect(block.contains("Features:  \(try Self.count(path, name))"))
            #expect(block.contains { $0.hasPrefix("CRS:       EPSG:4528 — ") })
        }
        let villages = try #require(blocks.first { $0[0] == "Layer:     villages" })
        #expect(villages.contains { $0.hasPrefix("  XZQMC ") && $0.contains("string") })
        #expect(villages.contains { $0.hasPrefix("Record 0:") && $0.unicodeScalars.contains { $0.value >= 0x4E00 } })

        // One layer named after #.
        let one = try CommandLine.run(["info", path + "#seats"])
        #expect(one.status == 0, "\(one.errors)")
        #expect(Self.blocks(one.output).count == 1)
        #expect(one.output.contains("Validity:  \(try Self.count(path, "seats")) valid, 0 invalid, 0 empty"))
        let missing = try CommandLine.run(["info", path + "#DLTB"])
        #expect(missing.status != 0)
        #expect(missing.errors.contains("has no layer DLTB; its layers are"))
    }

    @Test func everyLayerOfAFileGeodatabaseIsDescribed() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("县级数据库.gdb")
        try Self.add("DLTB", to: path, format: "OpenFileGDB")
        try Self.add("villages", to: path, format: "OpenFileGDB")
        let result = try CommandLine.run(["info", "--no-prj", path])
        #expect(result.status == 0, "\(result.errors)")
        let blocks = Self.blocks(result.output)
        #expect(blocks.map { $0[0] } == ["Layer:     DLTB", "Layer:     villages"])
        #expect(blocks[0].contains("Format:    File Geodatabase (GDAL OpenFileGDB)"))
        #expect(blocks[0].contains("Features:  20280"))
        #expect(blocks[0].contains { $0.hasPrefix("Geometry:  Multi Polygon") })
        #expect(blocks[0].contains { $0.hasPrefix("  DLMC ") && $0.contains("string") })
        #expect(blocks[0].contains { $0.hasPrefix("Record 0:") && $0.contains("王家庄村委会") })
        #expect(blocks[1].contains("Features:  120"))
        #expect(!result.output.contains("CRS text:"))
    }

    @Test func flatGeobufGeoJSONAndCSVAreDescribed() throws {
        let folder = try TemporaryFolder()
        _ = try ExternalTool.ogr2ogr.run(["-f", "FlatGeobuf", folder.file("villages.fgb"), Self.sample("villages")])
        _ = try ExternalTool.ogr2ogr.run(["-f", "GeoJSON", folder.file("villages.geojson"), Self.sample("villages")])
        for (file, format) in [("villages.fgb", "FlatGeobuf (GDAL FlatGeobuf)"), ("villages.geojson", "GeoJSON")] {
            let result = try CommandLine.run(["info", folder.file(file)])
            #expect(result.status == 0, "\(result.errors)")
            let lines = result.output.split(separator: "\n").map(String.init)
            #expect(lines.contains("Format:    \(format)"))
            #expect(lines.contains("Features:  120"))
            #expect(lines.contains("Validity:  120 valid, 0 invalid, 0 empty"))
            #expect(lines.contains { $0.hasPrefix("CRS:       EPSG:4528") })
            #expect(lines.contains("Extent:    40482000.000, 4005000.000 – 40518000.000, 4035000.000  (minX, minY – maxX, maxY)"))
        }
        let csv = checkoutRoot + "/Shapefiles/facilities-gcj02.csv"
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").count - 1
        let result = try CommandLine.run(["info", csv])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("Format:    CSV"))
        #expect(result.output.contains("Geometry:  Point (\(rows))"))
        #expect(result.output.contains("Features:  \(rows)"))
        #expect(result.output.contains("CRS:       EPSG:4326"))
    }

    @Test func aFolderDescribesEachShapefileAsAlone() throws {
        let folder = checkoutRoot + "/Shapefiles"
        let result = try CommandLine.run(["info", "--no-validity", folder])
        #expect(result.status == 0, "\(result.errors)")
        let shapefiles = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".shp") }.sorted()
        let blocks = Self.blocks(result.output)
        #expect(blocks.map { $0[0] } == shapefiles.map { "Layer:     \($0.dropLast(4))" })
        // Each block is the report of the shapefile alone, unchanged.
        let alone = try CommandLine.run(["info", "--no-validity", folder + "/villages.shp"])
        #expect(result.output.contains(alone.output))
        let empty = try TemporaryFolder()
        let none = try CommandLine.run(["info", empty.path])
        #expect(none.status != 0)
        #expect(none.errors.contains("is a folder without shapefiles"))
    }

    /// A GeoPackage of 10,001 layers: `info` lists them in a line each without reading them
    /// (before, it read every one, over a minute), the 10,001st opens by name (GDAL lists only
    /// 10,000 tables unless told otherwise), and an error lists 20 names, not 10,001 (80 KB).
    @Test func aGeoPackageWithTenThousandLayersIsListedAndEveryLayerOpens() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("many.gpkg")
        try GeoPackageWithManyLayers.make(path, layers: 10_001)
        let list = try CommandLine.run(["info", path])
        #expect(list.status == 0, "\(list.errors)")
        #expect(list.output.contains("Layers:    10001: more than 20, so each is listed without being read; name one as \(path)#LAYER for its full report"))
        #expect(list.output.contains("\n  layer10000  Point, "))
        #expect(!list.output.contains("Record 0:") && list.output.split(separator: "\n").count == 10_004)
        let last = try CommandLine.run(["info", path + "#layer10000"])
        #expect(last.status == 0, "\(last.errors)")
        #expect(last.output.contains("Layer:     layer10000"))
        let missing = try CommandLine.run(["info", path + "#nosuch"])
        #expect(missing.status != 0)
        #expect(missing.errors.contains("layer00019 and 9981 more (zoning info \(path) lists them)"), "\(missing.errors.prefix(500))")
        #expect(missing.errors.utf8.count < 1_000)
    }
}
