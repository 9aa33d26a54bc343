import Foundation
import Testing
import ZoningGeometry
import ZoningProjection
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

    /// Layers named `x#y` and `x.shp` are read by `#` and by a project's `layer:`.
    @Test func layersNamedWithHashOrExtensionAreRead() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("sample.gpkg")
        try GDALTestFiles.add("villages", to: path, format: "GPKG", layer: "x#y")
        try GDALTestFiles.add("villages", to: path, format: "GPKG", layer: "x.shp")
        for name in ["x#y", "x.shp"] {
            let layer = try LayerFile.open(LayerLocation(path: path, layer: name).text)
            #expect(layer.name == name)
            try Self.expectSameFeatures(layer, as: "villages")
        }
    }

    /// A GeoPackage layer whose srs_id has no row in gpkg_spatial_ref_sys, or a row GDAL
    /// cannot parse, names a CRS: it is refused as such, not read as a layer naming none; a
    /// CRS given beside it is used.
    @Test func anUnreadableCRSRowIsNamedNotTakenForNone() throws {
        let folder = try TemporaryFolder()
        let whole = folder.file("whole.gpkg")
        try GDALTestFiles.add("villages", to: whole, format: "GPKG")
        for (name, statement, problem) in [
            ("missing.gpkg", "UPDATE gpkg_spatial_ref_sys SET srs_id = 99999 WHERE srs_id = 4528", "unable to read srs_id '4528' from gpkg_spatial_ref_sys"),
            ("garbage.gpkg", "UPDATE gpkg_spatial_ref_sys SET organization = 'NONE', definition = 'garbage here' WHERE srs_id = 4528", "Unable to parse srs_id '4528'"),
        ] {
            let path = folder.file(name)
            try FileManager.default.copyItem(atPath: whole, toPath: path)
            _ = try GDALTestFiles.sql(path, statement)
            #expect { try LayerFile.open(path + "#villages") } throws: { error in
                "\(error)".contains("\(path), layer villages, names a CRS that GDAL cannot read (\(problem)") && "\(error)".contains("crs: beside path:")
            }
            let given = try LayerFile.open(path + "#villages", options: .init(crs: try CoordinateReferenceSystem("EPSG:4528")))
            #expect(given.crs?.epsg == 4528)
        }
    }

    @Test func aMissingFileIsNamed() throws {
        let folder = try TemporaryFolder()
        #expect { try LayerFile.open(folder.file("missing.gdb#DLTB")) } throws: { "\($0)".contains("missing.gdb cannot be opened by GDAL: no such file") }
    }
}

/// A damaged container is read whole or refused: GDAL ends a layer at the first error as if it
/// were its end, so every read is checked against GDAL's error state and the count the layer
/// declares (the count GDAL's own ogrinfo states).
extension GDALLayerReaderTests {
    /// Reads every feature of `location`; returns how many arrived and the error that ended it.
    static func readAll(_ location: String) -> (count: Int, error: String?) {
        var count = 0
        do {
            let layer = try LayerFile.open(location)
            try layer.forEach { _ in count += 1 }
            return (count, nil)
        } catch {
            return (count, "\(error)")
        }
    }

    @Test func aGeoPackageWithAZeroedPageIsRefused() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("三调成果.gpkg")
        try GDALTestFiles.landUse(to: path, format: "GPKG")
        let size = try GDALTestFiles.size(path)
        try GDALTestFiles.overwrite(path, at: size / 4096 / 2 * 4096, with: [UInt8](repeating: 0, count: 4096))
        #expect(try GDALTestFiles.ogrinfoCount(path, layer: "DLTB") == 20_280)
        let (count, error) = Self.readAll(path + "#DLTB")
        #expect(count < 20_280)
        #expect(error?.contains("\(path), layer DLTB, cannot be read whole: GDAL stopped after \(count) records of the 20280 it declares") == true, "\(error ?? "no error")")
        #expect(error?.contains("malformed") == true, "\(error ?? "")")
    }

    @Test func aCutOrDamagedFlatGeobufIsRefused() throws {
        let folder = try TemporaryFolder()
        let whole = folder.file("whole.fgb")
        try GDALTestFiles.landUse(to: whole, format: "FlatGeobuf")
        let size = try GDALTestFiles.size(whole)
        for (name, damage) in [("cut10.fgb", { try GDALTestFiles.truncate($0, to: size * 9 / 10) }), ("cut1.fgb", { try GDALTestFiles.truncate($0, to: size - 1) }),
            ("prefix.fgb", { path in
                // The first feature's size prefix follows the 8-byte magic and the header (its size, then it).
                let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
                let header = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
                try GDALTestFiles.overwrite(path, at: 12 + header, with: [0xff, 0xff, 0xff, 0x7f])
            }),
        ] as [(String, (String) throws -> Void)] {
            let path = folder.file(name)
            try FileManager.default.copyItem(atPath: whole, toPath: path)
            try damage(path)
            #expect(try GDALTestFiles.ogrinfoCount(path, layer: nil) == 20_280)
            let (count, error) = Self.readAll(path)
            #expect(count < 20_280, "\(name)")
            #expect(error?.contains("cannot be read whole: GDAL stopped after \(count) records of the 20280 it declares") == true, "\(name): \(error ?? "no error")")
        }
    }

    @Test func aCutFileGeodatabaseTableIsRefused() throws {
        let folder = try TemporaryFolder()
        let whole = folder.file("whole.gdb")
        try GDALTestFiles.landUse(to: whole, format: "OpenFileGDB")
        // The layer's table is the largest one.
        let table = try FileManager.default.contentsOfDirectory(atPath: whole).filter { $0.hasSuffix(".gdbtable") }
            .max { try GDALTestFiles.size(whole + "/" + $0) < GDALTestFiles.size(whole + "/" + $1) }!
        for (name, file, fraction) in [("cut99.gdb", table, 0.99), ("halfx.gdb", String(table.dropLast("table".count)) + "tablx", 0.5)] {
            let path = folder.file(name)
            try FileManager.default.copyItem(atPath: whole, toPath: path)
            let damaged = path + "/" + file
            try GDALTestFiles.truncate(damaged, to: Int(Double(try GDALTestFiles.size(damaged)) * fraction))
            let (count, error) = Self.readAll(path + "#DLTB")
            #expect(count < 20_280, "\(name)")
            #expect(error?.contains("\(path), layer DLTB, cannot be read whole: GDAL stopped after \(count) records") == true, "\(name): \(error ?? "no error")")
        }
    }

    @Test func aGeometryGDALCannotDecodeNamesItsRecord() throws {
        let folder = try TemporaryFolder()
        let whole = folder.file("whole.gpkg")
        try GDALTestFiles.landUse(to: whole, format: "GPKG")
        let blob = try GDALTestFiles.geometryHex(whole, table: "DLTB", fid: 5)
        #expect(blob.hasPrefix("4750") && blob.count > 120)
        // Bad magic; then a polygon of 2³¹ rings (the WKB follows the 40-byte header with its envelope).
        let start = blob.index(blob.startIndex, offsetBy: 90), end = blob.index(start, offsetBy: 8)
        for (name, damaged) in [("magic.gpkg", "5858" + blob.dropFirst(4)), ("rings.gpkg", blob.replacingCharacters(in: start..<end, with: "00000080"))] {
            let path = folder.file(name)
            try FileManager.default.copyItem(atPath: whole, toPath: path)
            _ = try GDALTestFiles.sql(path, "UPDATE DLTB SET geom = X'\(damaged)' WHERE fid = 5")
            let (count, error) = Self.readAll(path + "#DLTB")
            #expect(count == 4, "\(name)")
            #expect(error?.contains("\(path), layer DLTB, record 4: FID 5: GDAL cannot read it (Unable to read geometry)") == true, "\(name): \(error ?? "no error")")
        }
    }

    @Test func valuesGDALWouldMisreadNameTheirRecordAndField() throws {
        let folder = try TemporaryFolder()
        let whole = folder.file("whole.gpkg")
        try GDALTestFiles.landUse(to: whole, format: "GPKG")
        for (name, statement, field) in [
            ("text.gpkg", "UPDATE DLTB SET TBMJ = '约40202.79' WHERE fid = 9", "TBMJ"),
            ("nul.gpkg", "UPDATE DLTB SET DLMC = CAST(X'E6B0B400E6B5' AS TEXT) WHERE fid = 9", "DLMC"),
            ("fraction.gpkg", "UPDATE DLTB SET BSM = 2.5 WHERE fid = 9", "BSM"),
        ] {
            let path = folder.file(name)
            try FileManager.default.copyItem(atPath: whole, toPath: path)
            _ = try GDALTestFiles.sql(path, statement)
            let (_, error) = Self.readAll(path + "#DLTB")
            #expect(error?.contains("\(path), layer DLTB, record 8: FID 9, field \(field): ") == true, "\(name): \(error ?? "no error")")
        }
    }
}
