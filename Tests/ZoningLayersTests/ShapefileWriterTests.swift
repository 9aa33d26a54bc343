import Foundation
import Testing
import ZoningGeometry
import ZoningLayers
import ZoningProjection
import ZoningShapefile
import ZoningSupport
import ZoningTestSupport

@Suite struct ShapefileWriterTests {
    static let sample = checkoutRoot + "/Tests/Fixtures/townships.shp"

    func write(_ features: [Feature], schema: Schema, to path: String, options: ShapefileWriter.Options = .init()) throws -> ShapefileWriter.Report {
        try ShapefileWriter.write(to: path, schema: schema, crs: CoordinateReferenceSystem("EPSG:4528"), options: options) { emit in
            for feature in features { try emit(feature) }
        }
    }

    /// The sample written in GBK reads back identically, and GDAL decodes its names through
    /// the .cpg.
    @Test func gbkCopyReadsBackIdentically() throws {
        let folder = try TemporaryFolder()
        let input = try ShapefileLayerReader(path: Self.sample)
        let report = try ShapefileWriter.write(
            to: folder.file("gbk.shp"), schema: input.schema, crs: input.crs, options: .init(encoding: .gbk)
        ) { emit in try input.forEach(emit) }
        #expect(report.records == 4 && report.shapeType == .polygon && report.renamedFields.isEmpty)
        #expect(folder.contents == ["gbk.cpg", "gbk.dbf", "gbk.prj", "gbk.shp", "gbk.shx"])
        #expect(String(decoding: FileManager.default.contents(atPath: folder.file("gbk.cpg"))!, as: UTF8.self) == "936")
        // 经济开发区 is 10 bytes in GBK (15 in UTF-8): the field is sized for it.
        #expect(report.fields.first { $0.name == "XZQMC" }?.width == 50)
        #expect(report.fields.first { $0.name == "KIND" }?.width == 12)

        let copy = try ShapefileLayerReader(path: folder.file("gbk.shp"))
        #expect(copy.encoding.encoding == .gbk && copy.crs?.epsg == 4528)
        for index in 0..<4 {
            let a = try input.feature(at: index), b = try copy.feature(at: index)
            #expect(a.attributes == b.attributes)
            #expect(try a.geometry!.equals(b.geometry!))
        }
        if ExternalTool.ogrinfo.isAvailable {
            #expect(try ExternalTool.ogrinfo.run(["-al", folder.file("gbk.shp")]).contains("XZQMC (String) = 经济开发区"))
        }
    }

    @Test func widthsFitTheValuesAndNamesAreShortened() throws {
        let folder = try TemporaryFolder()
        let schema = Schema([
            Field(name: "POPULATION_2020", type: .integer), Field(name: "POPULATION_2021", type: .integer),
            Field(name: "AREA_KM2", type: .real, precision: 2), Field(name: "NAME", type: .string),
        ])
        let point = Geometry.point(x: 40_500_000, y: 4_000_000)
        let features = [
            Feature(id: 0, geometry: point, attributes: [.integer(5), .integer(-123456), .real(12345.678), .string("城关")]),
            Feature(id: 1, geometry: point, attributes: [.null, .integer(7), .real(-0.5), .string("x")]),
        ]
        let report = try write(features, schema: schema, to: folder.file("p.shp"))
        #expect(report.renamedFields == [.init(from: "POPULATION_2020", to: "POPULATION"), .init(from: "POPULATION_2021", to: "POPULATI_1")])
        #expect(report.fields.map(\.width) == [1, 7, 5 + 1 + 2, 6])  // 城关 is 6 bytes in UTF-8
        let read = try ShapefileLayerReader(path: folder.file("p.shp"))
        #expect(try read.feature(at: 0).attributes == [.integer(5), .integer(-123456), .real(12345.68), .string("城关")])
        #expect(try read.feature(at: 1).attributes == [.null, .integer(7), .real(-0.5), .string("x")])
    }

    @Test func longStringsAreRefusedOrCutOnRequest() throws {
        let folder = try TemporaryFolder()
        let schema = Schema([Field(name: "NOTE", type: .string)])
        let long = String(repeating: "长", count: 100)  // 300 bytes in UTF-8
        let features = [Feature(id: 0, geometry: Geometry.point(x: 0, y: 0), attributes: [.string(long)])]
        #expect {
            try write(features, schema: schema, to: folder.file("a.shp"))
        } throws: { error in
            guard case .badValue(_, 0, "NOTE", let problem) = error as? LayerError else { return false }
            return problem.contains("254")
        }
        #expect(folder.contents.isEmpty)
        let report = try write(features, schema: schema, to: folder.file("a.shp"), options: .init(truncateStrings: true))
        #expect(report.truncatedValues == 1)
        let cut = try ShapefileLayerReader(path: folder.file("a.shp")).feature(at: 0).attributes[0].stringValue
        #expect(cut == String(repeating: "长", count: 84))  // 252 bytes: the 85th character would pass 254
    }

    @Test func polygonsAreWrittenClockwiseWithCounterClockwiseHoles() throws {
        let folder = try TemporaryFolder()
        // Counter-clockwise shell, clockwise hole: the opposite of what the format wants.
        let polygon = try Geometry(wkt: "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (4 4, 4 6, 6 6, 6 4, 4 4))")
        _ = try write([Feature(id: 0, geometry: polygon, attributes: [])], schema: Schema([]), to: folder.file("o.shp"))
        let shape = try ShapefileDataset(path: folder.file("o.shp")).shape(at: 0)
        func signedArea(_ range: Range<Int>) -> Double {  // shoelace: positive counter-clockwise
            zip(range, range.dropFirst()).reduce(0) { $0 + shape.x[$1.0] * shape.y[$1.1] - shape.x[$1.1] * shape.y[$1.0] } / 2
        }
        #expect(shape.partStarts == [0, 5])
        #expect(signedArea(0..<5) == -100)  // clockwise
        #expect(signedArea(5..<10) == 4)    // counter-clockwise
    }

    @Test func mixedTypesAndCollectionsAreRefused() throws {
        let folder = try TemporaryFolder()
        let mixed = [
            Feature(id: 0, geometry: Geometry.point(x: 0, y: 0), attributes: []),
            Feature(id: 1, geometry: try Geometry(wkt: "LINESTRING(0 0, 1 1)"), attributes: []),
        ]
        #expect {
            try write(mixed, schema: Schema([]), to: folder.file("m.shp"))
        } throws: { error in
            guard case .cannotWrite(_, let problem) = error as? LayerError else { return false }
            return problem.contains("LineString, Point")
        }
        let collection = [Feature(id: 0, geometry: try Geometry(wkt: "GEOMETRYCOLLECTION(POINT(0 0))"), attributes: [])]
        #expect(throws: LayerError.self) { try write(collection, schema: Schema([]), to: folder.file("c.shp")) }
        #expect(folder.contents.isEmpty)
    }

    @Test func sizeLimitStopsBeforeACorruptFile() throws {
        let folder = try TemporaryFolder()
        var options = ShapefileWriter.Options()
        options.maximumFileBytes = 100 + 28 * 3  // room for three points
        let points = (0..<4).map { Feature(id: $0, geometry: Geometry.point(x: Double($0), y: 0), attributes: []) }
        #expect {
            try write(points, schema: Schema([]), to: folder.file("big.shp"), options: options)
        } throws: { error in
            guard case .cannotWrite(_, let problem) = error as? LayerError else { return false }
            return problem.contains("record 3") && problem.contains("2 GB")
        }
        #expect(folder.contents.isEmpty)
        #expect(try write(Array(points.prefix(3)), schema: Schema([]), to: folder.file("ok.shp"), options: options).records == 3)
    }

    /// `ogrinfo -al -so` on what the writer makes: the CRS, encoding, fields and count it should.
    @Test(.enabled(if: ExternalTool.ogrinfo.isAvailable, "needs GDAL's ogrinfo (Debian gdal-bin)"),
          arguments: [(TextEncoding.utf8, "UTF-8", "XZQMC: String (15.0)"), (TextEncoding.gbk, "CP936", "XZQMC: String (10.0)")])
    func gdalReportsWhatWasWritten(encoding: TextEncoding, gdalEncoding: String, nameField: String) throws {
        let folder = try TemporaryFolder()
        let input = try ShapefileLayerReader(path: Self.sample)
        let schema = Schema(input.schema.fields.map { var field = $0; field.width = 0; return field })  // widths from the values
        try ShapefileWriter.write(to: folder.file("t.shp"), schema: schema, crs: input.crs, options: .init(encoding: encoding)) { try input.forEach($0) }
        let info = try ExternalTool.ogrinfo.run(["-al", "-so", "-mdd", "all", folder.file("t.shp")])
        #expect(info.contains("Geometry: Polygon") && info.contains("Feature Count: 4"))
        #expect(info.contains("PROJCRS[\"CGCS2000 / 3-degree Gauss-Kruger zone 40\""))
        #expect(info.contains("SOURCE_ENCODING=\(gdalEncoding)"))
        #expect(info.contains("XZQDM: String (9.0)") && info.contains(nameField))  // 经济开发区: 15 bytes UTF-8, 10 GBK
    }

    /// Reals a DBF number cannot hold (1e19, 1e308 from a GeoJSON or CSV) are refused by
    /// record and field, never trapped on.
    @Test func hugeRealsAreRefused() throws {
        let folder = try TemporaryFolder()
        let schema = Schema([Field(name: "V", type: .real)])
        for value in [1e19, 1e308, -1e19] {
            let feature = Feature(id: 0, geometry: Geometry.point(x: 0, y: 0), attributes: [.real(value)])
            #expect { try self.write([feature], schema: schema, to: folder.file("h.shp")) } throws: { "\($0)".contains("too large for a DBF number") }
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file("h.shp")))
    }
}
