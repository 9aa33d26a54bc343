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

    /// Coordinates are never taken from one of several candidate columns: two `lng` columns
    /// (the first was taken silently), or `x`, `y` in metres beside `lng`, `lat` (x, y were
    /// taken and their 500 000 read as degrees). Each is refused with the columns listed;
    /// naming the columns reads the file.
    @Test func ambiguousCoordinateColumnsAreRefused() throws {
        let folder = try TemporaryFolder()
        try Data("name,lng,lat,lng\n卫生院,117.1,36.6,118.2\n".utf8).write(to: URL(fileURLWithPath: folder.file("twice.csv")))
        #expect { try CSVPointReader(path: folder.file("twice.csv")) } throws: { error in
            "\(error)".contains("2 columns are named lng: lng (column 2), lng (column 4); zoning cannot tell which holds the longitude (x)")
        }
        try Data("name,x,y,lng,lat\n卫生院,500000,4000000,117.1,36.6\n".utf8).write(to: URL(fileURLWithPath: folder.file("both.csv")))
        #expect { try CSVPointReader(path: folder.file("both.csv")) } throws: { error in
            "\(error)".contains("the columns x (column 2), lng (column 4) could each hold the longitude (x)") && "\(error)".contains("--x-field")
        }
        let named = try CSVPointReader(path: folder.file("both.csv"), options: .init(xField: "lng", yField: "lat"))
        var points: [Coordinate] = []
        try named.forEach { points += try $0.geometry?.coordinates ?? [] }
        #expect(points == [Coordinate(x: 117.1, y: 36.6)])
    }

    /// A refusal quotes the header, which in a hostile or damaged file (no line breaks, a
    /// million columns) is the whole file: the message repeated 40–200 MB. Quoted input is cut
    /// (`Excerpt`): 50 columns, 200 characters each.
    @Test func hugeHeadersAreCutInMessages() throws {
        let folder = try TemporaryFolder()
        let columns = (0..<300_000).map { "c\($0)" }.joined(separator: ",")
        try Data((columns + "\n" + columns + "\n").utf8).write(to: URL(fileURLWithPath: folder.file("wide.csv")))
        #expect { try CSVPointReader(path: folder.file("wide.csv")) } throws: { error in
            let text = "\(error)"
            return text.utf8.count < 2_000 && text.contains("no longitude (x) column was found among c0, c1, ") && text.contains(", c49, … (300000 in all)")
        }
        let name = String(repeating: "名", count: 3_000_000)
        try Data((name + ",lat\n卫生院,36.6\n").utf8).write(to: URL(fileURLWithPath: folder.file("long.csv")))
        #expect { try CSVPointReader(path: folder.file("long.csv")) } throws: { error in
            let text = "\(error)"
            return text.utf8.count < 2_000 && text.contains(String(repeating: "名", count: 200) + "… (3000000 characters in all), lat")
        }
    }

    @Test(arguments: ["\t", ";"])
    func tabAndSemicolonDelimitedFiles(delimiter: String) throws {
        let folder = try TemporaryFolder()
        let rows = [["名称", "经度", "纬度", "代码"], ["东湖镇卫生院", "117.1", "36.6", "0371"], ["\"城关, 第一小学\"", "117.2", "36.7", "0372"]]
        func write(_ name: String, _ delimiter: String) throws -> String {
            try Data(rows.map { $0.joined(separator: delimiter) }.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: folder.file(name)))
            return folder.file(name)
        }
        let comma = try CSVPointReader(path: try write("comma.csv", ","))
        let other = try CSVPointReader(path: try write("other.csv", delimiter))
        #expect(comma.delimiter == ",")
        #expect(other.delimiter == Character(delimiter))
        #expect(other.schema.names == ["名称", "经度", "纬度", "代码"])
        #expect(other.schema.fields.map(\.type) == comma.schema.fields.map(\.type))
        let expected = try features(comma)
        let read = try features(other)
        #expect(try read.map { try $0.geometry?.coordinates } == [[Coordinate(x: 117.1, y: 36.6)], [Coordinate(x: 117.2, y: 36.7)]])
        #expect(try read.map { try $0.geometry?.coordinates } == expected.map { try $0.geometry?.coordinates })
        #expect(read.map(\.attributes) == expected.map(\.attributes))
        #expect(read[1].attributes == [.string("城关, 第一小学"), .real(117.2), .real(36.7), .string("0372")])
    }

    @Test func amapExportWithLocationColumn() throws {
        let folder = try TemporaryFolder()
        let comma = """
            name,type,location,adname
            即墨区第一小学,"科教文化服务;学校;小学","120.013339,36.324367",即墨区
            即墨区人民医院,"医疗保健服务;综合医院;三级甲等医院"," 120.45 , 36.38 ",即墨区

            """
        let tab = """
            name\ttype\tlocation\tadname
            即墨区第一小学\t科教文化服务;学校;小学\t120.013339,36.324367\t即墨区
            即墨区人民医院\t医疗保健服务;综合医院;三级甲等医院\t 120.45 , 36.38 \t即墨区

            """
        try Data(comma.utf8).write(to: URL(fileURLWithPath: folder.file("amap.csv")))
        try Data(tab.utf8).write(to: URL(fileURLWithPath: folder.file("amap.txt")))
        for (file, delimiter) in [("amap.csv", Character(",")), ("amap.txt", Character("\t"))] {
            let layer = try CSVPointReader(path: folder.file(file), options: .init(crs: CoordinateReferenceSystem("GCJ02")))
            #expect(layer.delimiter == delimiter)
            #expect(layer.locationColumn == 2)
            #expect(layer.xColumn == 2 && layer.yColumn == 2)
            #expect(layer.schema.names == ["name", "type", "location", "adname"])
            #expect(layer.schema.fields.map(\.type) == [.string, .string, .string, .string])
            #expect(!layer.swappedColumns && layer.swappedLines.isEmpty)
            let read = try features(layer)
            #expect(try read.map { try $0.geometry?.coordinates } == [[Coordinate(x: 120.013339, y: 36.324367)], [Coordinate(x: 120.45, y: 36.38)]])
            #expect(read[0].attributes == [.string("即墨区第一小学"), .string("科教文化服务;学校;小学"), .string("120.013339,36.324367"), .string("即墨区")])
            #expect(read[1].attributes[1] == .string("医疗保健服务;综合医院;三级甲等医院"))
        }

        // Named explicitly, under a name zoning does not guess.
        try Data("名称,GPS,经度\n东湖小学,\"117.1,36.6\",\n".utf8).write(to: URL(fileURLWithPath: folder.file("named.csv")))
        let named = try CSVPointReader(path: folder.file("named.csv"), options: .init(locationField: "gps"))
        #expect(named.locationColumn == 1)
        #expect(try features(named).map { try $0.geometry?.coordinates } == [[Coordinate(x: 117.1, y: 36.6)]])
        #expect {
            try CSVPointReader(path: folder.file("named.csv"), options: .init(locationField: "坐标"))
        } throws: { error in
            guard case .unreadable(_, let problem) = error as? LayerError else { return false }
            return problem.contains("no column 坐标") && problem.contains("名称, GPS, 经度")
        }
    }

    @Test func everyRowSwappedMeansMislabelledColumns() throws {
        let folder = try TemporaryFolder()
        // The lng column holds latitudes and the lat column longitudes; line 4 has no coordinates.
        try Data("名称,lng,lat\nA,36.6,117.1\nB,36.7,117.2\nC,,\n".utf8).write(to: URL(fileURLWithPath: folder.file("s.csv")))
        let layer = try CSVPointReader(path: folder.file("s.csv"))
        #expect(layer.swappedColumns)
        #expect(layer.swappedLines.isEmpty)
        var read: [Feature] = []
        #expect {
            try layer.forEach { read.append($0) }
        } throws: { error in
            guard case .badRecord(_, 2, let problem) = error as? LayerError else { return false }
            return problem.hasPrefix("line 4")
        }
        #expect(try read.map { try $0.geometry?.coordinates } == [[Coordinate(x: 117.1, y: 36.6)], [Coordinate(x: 117.2, y: 36.7)]])
        #expect(read[0].attributes == [.string("A"), .real(36.6), .real(117.1)])  // the cells as they are
    }

    @Test func twoSwappedRowsAmongGoodOnes() throws {
        let folder = try TemporaryFolder()
        let text = """
            名称,经度,纬度
            A,120.013339,36.324367
            B,36.32,120.01
            C,117.1,36.6
            D,117.2,36.7
            E,36.35,120.04
            F,2.35,48.85

            """
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder.file("f.csv")))
        let layer = try CSVPointReader(path: folder.file("f.csv"), options: .init(crs: CoordinateReferenceSystem("GCJ02")))
        #expect(!layer.swappedColumns)
        #expect(layer.swappedLines == [3, 6])
        #expect(try features(layer).map { try $0.geometry?.coordinates } == [
            [Coordinate(x: 120.013339, y: 36.324367)], [Coordinate(x: 120.01, y: 36.32)], [Coordinate(x: 117.1, y: 36.6)],
            [Coordinate(x: 117.2, y: 36.7)], [Coordinate(x: 120.04, y: 36.35)], [Coordinate(x: 2.35, y: 48.85)],  // F: outside China either way, as given
        ])
    }

    @Test func projectedCoordinatesAreNeverSwapped() throws {
        let folder = try TemporaryFolder()
        // Line 2 would read as swapped degrees; in metres it is just a point.
        try Data("x,y\n36.6,117.1\n500100.5,4000200.25\n".utf8).write(to: URL(fileURLWithPath: folder.file("m.csv")))
        let metres = try CSVPointReader(path: folder.file("m.csv"), options: .init(crs: CoordinateReferenceSystem("EPSG:4549")))
        #expect(!metres.swappedColumns)
        #expect(metres.swappedLines.isEmpty)
        #expect(try features(metres).map { try $0.geometry?.coordinates } == [[Coordinate(x: 36.6, y: 117.1)], [Coordinate(x: 500100.5, y: 4000200.25)]])
        let degrees = try CSVPointReader(path: folder.file("m.csv"), options: .init(crs: CoordinateReferenceSystem("EPSG:4490")))
        #expect(degrees.swappedLines == [2])
    }

    @Test func badLocationCellNamesTheLine() throws {
        let folder = try TemporaryFolder()
        try Data("name,经纬度\nA,\"120.01,36.32\"\nB,120.01 36.32\n".utf8).write(to: URL(fileURLWithPath: folder.file("b.csv")))
        let layer = try CSVPointReader(path: folder.file("b.csv"))
        #expect(layer.locationColumn == 1)
        #expect {
            try layer.forEach { _ in }
        } throws: { error in
            guard case .badRecord(_, 1, let problem) = error as? LayerError else { return false }
            return problem.hasPrefix("line 3") && problem.contains("\"120.01 36.32\" in 经纬度")
        }
    }
}

/// Every feature of `layer`, in file order.
private func features(_ layer: CSVPointReader) throws -> [Feature] {
    var features: [Feature] = []
    try layer.forEach { features.append($0) }
    return features
}
