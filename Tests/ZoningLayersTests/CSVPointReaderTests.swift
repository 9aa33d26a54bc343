import Foundation
import Testing
import ZoningGeometry
import ZoningLayers
import ZoningProjection
import ZoningSupport
import ZoningTestSupport

@Suite struct CSVPointReaderTests {
    @Test func gbkSpreadsheetWithChineseColumns() throws {
        let folder = try TemporaryFolder()
        let text = "名称,经度,纬度,代码,床位\n东湖镇卫生院,117.1,36.6,0371,40\n\"城关, 第一小学\",117.2,36.7,0372,\n"
        try Data(try TextEncoding.gbk.encode(text)).write(to: URL(fileURLWithPath: folder.file("f.csv")))
        let layer = try CSVPointReader(path: folder.file("f.csv"), options: .init(crs: CoordinateReferenceSystem("GCJ02")))
        #expect(layer.encodingDecision.hasPrefix("GBK (detected"))
        #expect(layer.crs?.webMapDatum == .gcj02)
        #expect(layer.schema.names == ["名称", "经度", "纬度", "代码", "床位"])
        #expect(layer.schema.fields.map(\.type) == [.string, .real, .real, .string, .integer])  // 0371 stays text
        var features: [Feature] = []
        try layer.forEach { features.append($0) }
        #expect(features.count == 2)
        #expect(try features[1].geometry?.coordinates == [Coordinate(x: 117.2, y: 36.7)])
        #expect(features[1].attributes == [.string("城关, 第一小学"), .real(117.2), .real(36.7), .string("0372"), .null])
    }

    @Test func namedColumnsAndBadCoordinates() throws {
        let folder = try TemporaryFolder()
        try Data("id,E,N\n1,500100,4000200\n2,,4000300\n".utf8).write(to: URL(fileURLWithPath: folder.file("p.csv")))
        #expect {
            try CSVPointReader(path: folder.file("p.csv"))
        } throws: { error in
            guard case .unreadable(_, let problem) = error as? LayerError else { return false }
            return problem.contains("id, E, N")  // lists the columns there are
        }
        let layer = try CSVPointReader(path: folder.file("p.csv"), options: .init(xField: "e", yField: "N", crs: CoordinateReferenceSystem("EPSG:4549")))
        #expect {
            try layer.forEach { _ in }
        } throws: { error in
            guard case .badRecord(_, 1, let problem) = error as? LayerError else { return false }
            return problem.hasPrefix("line 3")
        }
    }
}

@Suite struct CSVTableWriterTests {
    @Test func byteOrderMarkAndPointColumns() throws {
        let folder = try TemporaryFolder()
        let schema = Schema([Field(name: "名称", type: .string), Field(name: "n", type: .integer)])
        let features = [
            Feature(id: 0, geometry: Geometry.point(x: 117.5, y: 36.25), attributes: [.string("东湖镇, 卫生院"), .integer(3)]),
            Feature(id: 1, geometry: Geometry.point(x: 118, y: 37), attributes: [.null, .integer(4)]),
        ]
        try CSVTableWriter.write(to: folder.file("out.csv"), schema: schema) { emit in for f in features { try emit(f) } }
        let bytes = try #require(FileManager.default.contents(atPath: folder.file("out.csv")))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self) == "名称,n,X,Y\n\"东湖镇, 卫生院\",3,117.5,36.25\n,4,118.0,37.0\n")
        let back = try CSVPointReader(path: folder.file("out.csv"))
        #expect(back.encodingDecision.hasPrefix("UTF-8 (the file starts with a UTF-8 byte-order mark)"))
        #expect(back.schema.names == ["名称", "n", "X", "Y"])

        try CSVTableWriter.write(to: folder.file("plain.csv"), schema: schema, options: .init(byteOrderMark: false)) { emit in
            try emit(Feature(id: 0, geometry: try Geometry(wkt: "LINESTRING(0 0, 1 1)"), attributes: [.string("a"), .integer(1)]))
        }
        #expect(FileManager.default.contents(atPath: folder.file("plain.csv")) == Data("名称,n\na,1\n".utf8))  // no X, Y for lines
    }
}
