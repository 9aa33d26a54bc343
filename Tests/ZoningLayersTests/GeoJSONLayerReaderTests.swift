import Foundation
import Testing
import ZoningGeometry
import ZoningLayers
import ZoningProjection
import ZoningSupport
import ZoningTestSupport

@Suite struct GeoJSONLayerReaderTests {
    /// The Shandong counties: 136 MultiPolygons in EPSG:4490 (legacy crs member), properties
    /// name and gb; the first is 邹平市 (156371681), as the file itself says.
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func shandongCounties() throws {
        let counties = try GeoJSONLayerReader(path: SharedData.path("shandong/counties-cgcs2000.geojson"))
        #expect(counties.crs?.epsg == 4490)
        #expect(counties.schema == Schema([Field(name: "name", type: .string), Field(name: "gb", type: .string)]))
        var count = 0, first: Feature?
        try counties.forEach { feature in
            if first == nil { first = feature }
            #expect(feature.geometry?.type == .multiPolygon)
            count += 1
        }
        #expect(count == 136)
        #expect(first?.attributes == [.string("邹平市"), .string("156371681")])
    }

    @Test func typesAreInferredAndNestedValuesKeptAsJSON() throws {
        let folder = try TemporaryFolder()
        let text = """
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "properties": {"n": 1, "x": 1, "ok": true, "tags": ["a", 1], "s": "城关"},
               "geometry": {"type": "Point", "coordinates": [117.0, 36.6]}},
              {"type": "Feature", "properties": {"n": 2, "x": 2.5, "ok": null, "extra": "late"}, "geometry": null}
            ]}
            """
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder.file("f.geojson")))
        let layer = try GeoJSONLayerReader(path: folder.file("f.geojson"))
        #expect(layer.crs?.epsg == 4326)  // RFC 7946 default
        #expect(layer.schema.names == ["n", "x", "ok", "tags", "s", "extra"])
        #expect(layer.schema.fields.map(\.type) == [.integer, .real, .boolean, .string, .string, .string])
        var features: [Feature] = []
        try layer.forEach { features.append($0) }
        #expect(features[0].attributes == [.integer(1), .real(1), .boolean(true), .string("[\"a\",1]"), .string("城关"), .null])
        #expect(features[1].attributes == [.integer(2), .real(2.5), .null, .null, .null, .string("late")])
        #expect(features[1].geometry == nil)
    }

    @Test func badFilesSayWhy() throws {
        let folder = try TemporaryFolder()
        try Data("{\"type\": \"FeatureCollection\", \"features\": [}".utf8).write(to: URL(fileURLWithPath: folder.file("a.geojson")))
        #expect {
            try GeoJSONLayerReader(path: folder.file("a.geojson"))
        } throws: { error in
            guard case .unreadable(_, let problem) = error as? LayerError else { return false }
            return problem.contains("line 1")
        }
        try Data([0xB3, 0xC7]).write(to: URL(fileURLWithPath: folder.file("gbk.geojson")))
        #expect(throws: LayerError.self) { try GeoJSONLayerReader(path: folder.file("gbk.geojson")) }
        let badGeometry = #"{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [[[0,0],[1,0]]]}}"#
        try Data(badGeometry.utf8).write(to: URL(fileURLWithPath: folder.file("g.geojson")))
        let layer = try GeoJSONLayerReader(path: folder.file("g.geojson"))
        #expect(throws: LayerError.self) { try layer.forEach { _ in } }
        // An empty position (it crashed GEOS's reader): the record is named, the ones before read.
        let emptyPosition = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[120,36]}},{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[120,36.3],[],[120,36.3]]]}}]}"#
        try Data(emptyPosition.utf8).write(to: URL(fileURLWithPath: folder.file("e.geojson")))
        var read = 0
        #expect {
            try GeoJSONLayerReader(path: folder.file("e.geojson")).forEach { _ in read += 1 }
        } throws: { error in
            guard case .badRecord(_, let record, let problem) = error as? LayerError else { return false }
            return record == 1 && problem.contains("an empty position or ring")
        }
        #expect(read == 1)
    }
}

@Suite struct GeoJSONWriterTests {
    /// Two fields of one name (a damaged DBF, a CSV with a repeated column) became two equal
    /// keys in each feature, of which readers keep the last: the second value was lost without
    /// a word. The later field is written as NAME_2 (NAME_3 when NAME_2 is taken), and the
    /// writer says so.
    @Test func repeatedFieldNamesAreRenamedAndSaid() throws {
        let folder = try TemporaryFolder()
        let schema = Schema([
            Field(name: "NAME", type: .string), Field(name: "NAME_2", type: .string), Field(name: "NAME", type: .string),
        ])
        let written = try LayerFile.write(to: folder.file("t.geojson"), schema: schema, crs: nil) { emit in
            try emit(Feature(id: 0, geometry: Geometry.point(x: 117, y: 36), attributes: [.string("东湖村"), .string("b"), .string("西山村")]))
        }
        #expect(written.notes == ["field 3 repeats the name NAME of an earlier field: written as NAME_3, since GeoJSON readers keep only one of two equal keys"])
        let back = try GeoJSONLayerReader(path: folder.file("t.geojson"))
        #expect(back.schema.names == ["NAME", "NAME_2", "NAME_3"])
        var values: [AttributeValue] = []
        try back.forEach { values = $0.attributes }
        #expect(values == [.string("东湖村"), .string("b"), .string("西山村")])
    }

    @Test func roundTripsThroughTheReaderAndGDAL() throws {
        let folder = try TemporaryFolder()
        let schema = Schema([Field(name: "name", type: .string), Field(name: "pop", type: .integer), Field(name: "share", type: .real),
                             Field(name: "day", type: .date), Field(name: "seat", type: .boolean)])
        let square = try Geometry(wkt: "POLYGON((40500000 4000000, 40501000 4000000, 40501000 4001000, 40500000 4001000, 40500000 4000000))")
        let features = [
            Feature(id: 0, geometry: square, attributes: [.string("东湖镇"), .integer(3500), .real(0.62), .date(CalendarDate(year: 2024, month: 5, day: 1)!), .boolean(true)]),
            Feature(id: 1, geometry: nil, attributes: [.null, .null, .null, .null, .null]),
        ]
        let count = try GeoJSONWriter.write(to: folder.file("out.geojson"), schema: schema, crs: CoordinateReferenceSystem("EPSG:4528")) { emit in
            for feature in features { try emit(feature) }
        }
        #expect(count == 2)
        let read = try GeoJSONLayerReader(path: folder.file("out.geojson"))
        #expect(read.crs?.epsg == 4528)
        var back: [Feature] = []
        try read.forEach { back.append($0) }
        #expect(back[0].attributes == [.string("东湖镇"), .integer(3500), .real(0.62), .string("2024-05-01"), .boolean(true)])
        #expect(try back[0].geometry!.equals(square))
        if ExternalTool.ogrinfo.isAvailable {
            let info = try ExternalTool.ogrinfo.run(["-al", folder.file("out.geojson")])
            #expect(info.contains("Feature Count: 2"))
            #expect(info.contains("name (String) = 东湖镇"))
            #expect(info.contains("ID[\"EPSG\",4528]"))
        }
    }

    @Test func unnamedCRSIsRefused() throws {
        let folder = try TemporaryFolder()
        #expect(throws: LayerError.self) {
            try GeoJSONWriter.write(to: folder.file("x.geojson"), schema: Schema([]), crs: CoordinateReferenceSystem("GCJ02")) { _ in }
        }
        #expect(folder.contents.isEmpty)
    }
}
