import Foundation
import Testing
import ZoningGeometry
import ZoningLayers
import ZoningProjection
import ZoningShapefile
import ZoningTestSupport

@Suite struct ShapefileReprojectionTests {
    static let sample = checkoutRoot + "/Tests/Fixtures/townships.shp"

    /// EPSG:4528 and EPSG:4549 differ only in the false easting (40 500 000 against 500 000):
    /// every x moves by exactly −40 000 000 and every y stays.
    @Test func prefixedToPlainZoneShiftsEastingsOnly() throws {
        let folder = try TemporaryFolder()
        let output = folder.file("townships_4549.shp")
        let summary = try ShapefileReprojection.run(
            input: Self.sample, output: output, target: CoordinateReferenceSystem("EPSG:4549"))
        #expect(summary.records == 4 && summary.source.epsg == 4528)
        #expect(folder.contents == ["townships_4549.cpg", "townships_4549.dbf", "townships_4549.prj", "townships_4549.shp", "townships_4549.shx"])
        let before = try ShapefileDataset(path: Self.sample), after = try ShapefileDataset(path: output)
        #expect(after.shapeType == .polygon && after.recordCount == 4)
        for index in 0..<4 {
            let a = try before.shape(at: index), b = try after.shape(at: index)
            #expect(b.partStarts == a.partStarts)
            #expect(zip(a.x, b.x).allSatisfy { abs($0 - 40_000_000 - $1) < 1e-6 })
            #expect(zip(a.y, b.y).allSatisfy { abs($0 - $1) < 1e-6 })
        }
        // Attributes and their encoding are copied byte for byte; the .prj names the target.
        #expect(FileManager.default.contents(atPath: folder.file("townships_4549.dbf")) == FileManager.default.contents(atPath: checkoutRoot + "/Tests/Fixtures/townships.dbf"))
        #expect(try CoordinateReferenceSystem(contentsOf: folder.file("townships_4549.prj")).epsg == 4549)
    }

    /// To geographic CGCS2000 and back: no vertex moves by 1 mm.
    @Test func roundTripMovesNoVertexAMillimetre() throws {
        let folder = try TemporaryFolder()
        _ = try ShapefileReprojection.run(input: Self.sample, output: folder.file("geo.shp"), target: CoordinateReferenceSystem("EPSG:4490"))
        _ = try ShapefileReprojection.run(input: folder.file("geo.shp"), output: folder.file("back.shp"), target: CoordinateReferenceSystem("EPSG:4528"))
        let before = try ShapefileDataset(path: Self.sample), geo = try ShapefileDataset(path: folder.file("geo.shp"))
        let back = try ShapefileDataset(path: folder.file("back.shp"))
        #expect(geo.bounds.map { (119...121).contains($0.minX) && (36...37).contains($0.minY) } == true)
        for index in 0..<4 {
            let a = try before.shape(at: index), b = try back.shape(at: index)
            #expect(zip(a.x + a.y, b.x + b.y).allSatisfy { abs($0 - $1) < 0.001 })
        }
    }

    /// GDAL opens the output with the right type, count, extent, CRS and Chinese names.
    @Test(.enabled(if: ExternalTool.ogrinfo.isAvailable, "needs GDAL's ogrinfo (Debian gdal-bin)"))
    func gdalReadsTheOutput() throws {
        let folder = try TemporaryFolder()
        let output = folder.file("townships_4549.shp")
        _ = try ShapefileReprojection.run(input: Self.sample, output: output, target: CoordinateReferenceSystem("EPSG:4549"))
        let info = try ExternalTool.ogrinfo.run(["-al", output])
        #expect(info.contains("Geometry: Polygon"))
        #expect(info.contains("Feature Count: 4"))
        #expect(info.contains("Extent: (495000.000000, 4015000.000000) - (505000.000000, 4025000.000000)"))
        #expect(info.contains("PROJCRS[\"CGCS2000 / 3-degree Gauss-Kruger CM 120E\""))
        #expect(info.contains("XZQMC (String) = 城关街道"))
    }

    @Test func missingPrjSuggestsTheZoneFromPrefixedEastings() throws {
        let folder = try TemporaryFolder()
        for ext in ["shp", "shx", "dbf"] {
            try FileManager.default.copyItem(atPath: checkoutRoot + "/Tests/Fixtures/townships.\(ext)", toPath: folder.file("noprj.\(ext)"))
        }
        #expect {
            try ShapefileReprojection.run(input: folder.file("noprj.shp"), output: folder.file("out.shp"), target: CoordinateReferenceSystem("EPSG:4490"))
        } throws: { error in
            guard case .unknownSourceCRS(_, let suggestion) = error as? LayerError else { return false }
            return suggestion?.hasPrefix("EPSG:4528") == true
        }
        // With the source given, it works.
        let summary = try ShapefileReprojection.run(
            input: folder.file("noprj.shp"), output: folder.file("out.shp"),
            target: CoordinateReferenceSystem("EPSG:4490"), source: CoordinateReferenceSystem("EPSG:4528"))
        #expect(summary.records == 4)
    }

    /// A point that cannot be transformed stops the run with its coordinates, and leaves no
    /// output and no temporary file behind.
    @Test func failedPointLeavesNothingBehind() throws {
        let folder = try TemporaryFolder()
        let writer = try ShapefileShapeWriter(shpPath: folder.file("bad.shp"), type: .point)
        try writer.write(Shape(type: .point, x: [120], y: [36]))
        try writer.write(Shape(type: .point, x: [120], y: [100]))  // latitude 100°
        try writer.close()
        try Data(try CoordinateReferenceSystem("EPSG:4490").esriWKT().utf8).write(to: URL(fileURLWithPath: folder.file("bad.prj")))
        let inputFiles = folder.contents
        #expect {
            try ShapefileReprojection.run(input: folder.file("bad.shp"), output: folder.file("out.shp"), target: CoordinateReferenceSystem("EPSG:4528"))
        } throws: { error in
            guard case .transformFailed(let x, let y, _, _, _) = error as? ProjectionError else { return false }
            return x == 120 && y == 100
        }
        #expect(folder.contents == inputFiles)
    }

    @Test func inputsAreNeverModified() throws {
        let names = ["shp", "shx", "dbf", "prj", "cpg"].map { checkoutRoot + "/Tests/Fixtures/townships.\($0)" }
        let before = names.map { FileManager.default.contents(atPath: $0) }
        let folder = try TemporaryFolder()
        _ = try ShapefileReprojection.run(input: Self.sample, output: folder.file("x.shp"), target: CoordinateReferenceSystem("EPSG:4490"))
        #expect(throws: LayerError.self) {
            try ShapefileReprojection.run(input: Self.sample, output: Self.sample, target: CoordinateReferenceSystem("EPSG:4490"), overwrite: true)
        }
        #expect(names.map { FileManager.default.contents(atPath: $0) } == before)
    }

    /// A real third-party layer (Fiona's coutwildrnp, WGS 84) to UTM 12N and back.
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func thirdPartyLayerRoundTrips() throws {
        let folder = try TemporaryFolder()
        let input = SharedData.path("shapefiles/fiona/coutwildrnp.shp")
        _ = try ShapefileReprojection.run(input: input, output: folder.file("utm.shp"), target: CoordinateReferenceSystem("EPSG:32612"))
        _ = try ShapefileReprojection.run(input: folder.file("utm.shp"), output: folder.file("back.shp"), target: CoordinateReferenceSystem("EPSG:4326"))
        let a = try ShapefileDataset(path: input), b = try ShapefileDataset(path: folder.file("back.shp"))
        #expect(b.recordCount == 67 && b.codePageText == "ISO-8859-1")
        var worst = 0.0
        for index in 0..<a.recordCount {
            let p = try a.shape(at: index), q = try b.shape(at: index)
            worst = max(worst, zip(p.x + p.y, q.x + q.y).map { abs($0 - $1) }.max() ?? 0)
        }
        #expect(worst < 1e-8)  // degrees: about a millimetre
    }
}
