import Foundation
import Testing
import ZoningGeometry
import ZoningLayers
import ZoningSupport
import ZoningTestSupport

/// The CSV tables are opened in Excel: UTF-8 with a byte-order mark, and text Excel would
/// evaluate as a formula written as text (OWASP's advice against CSV injection: a `'` before a cell starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return), and numbers stay numbers.
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

    @Test func formulaTextIsNeutralisedAndNumbersStayNumbers() throws {
        let folder = try TemporaryFolder()
        let schema = Schema([
            Field(name: "XZQMC", type: .string), Field(name: "CHANGE", type: .real),
            Field(name: "DELTA", type: .integer), Field(name: "NOTE", type: .string), Field(name: "=cmd", type: .string),
        ])
        let rows: [[AttributeValue]] = [
            [.string("=HYPERLINK(\"http://evil\",\"点此\")"), .real(-0.25), .integer(-5), .string("-5"), .null],
            [.string("+1-2"), .real(-1.5e-3), .integer(0), .string("-0.25"), .string("@SUM(A1)")],
            [.string("-2+3"), .real(3), .integer(12), .string("\tx"), .string("\r=1")],
            [.string("东湖村"), .real(0.5), .integer(-7), .string("-inf"), .string("a=b")],
        ]
        try LayerFile.write(to: folder.file("t.csv"), schema: schema, crs: nil, options: .init(byteOrderMark: false)) { emit in
            for (index, attributes) in rows.enumerated() { try emit(Feature(id: index, geometry: nil, attributes: attributes)) }
        }
        let read = try CSVTableReader.table(folder.file("t.csv"))
        #expect(read.header == ["XZQMC", "CHANGE", "DELTA", "NOTE", "'=cmd"])
        #expect(read.rows.map { $0 } == [
            ["'=HYPERLINK(\"http://evil\",\"点此\")", "-0.25", "-5", "-5", ""],
            ["'+1-2", "-0.0015", "0", "-0.25", "'@SUM(A1)"],
            ["'-2+3", "3", "12", "'\tx", "'\r=1"],
            ["东湖村", "0.5", "-7", "'-inf", "a=b"],
        ])
    }

}
