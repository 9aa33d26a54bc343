import Foundation
import Testing
import ZoningGDAL
import ZoningSupport
import ZoningTestSupport

/// The GDAL wrapper writes a GeoPackage that GDAL's own ogrinfo reads back, reads it again
/// itself, and names what is wrong as a `VectorError`.
@Suite struct VectorDatasetTests {
    static let fields = [
        VectorField(name: "NAME", kind: .string, width: 20), VectorField(name: "POP", kind: .integer64),
        VectorField(name: "AREA", kind: .real, width: 12, precision: 2), VectorField(name: "SURVEYED", kind: .date),
        VectorField(name: "SPECIAL", kind: .boolean),
    ]

    /// A point at (x, y) as ISO WKB, little-endian, written byte by byte.
    static func pointWKB(_ x: Double, _ y: Double) -> [UInt8] {
        [1, 1, 0, 0, 0] + withUnsafeBytes(of: x.bitPattern.littleEndian, Array.init) + withUnsafeBytes(of: y.bitPattern.littleEndian, Array.init)
    }

    /// Two layers, one with Chinese text in every type of field.
    static func writeSample(_ path: String) throws {
        let dataset = try VectorDataset(creating: path, driver: "GPKG")
        let seats = try dataset.createLayer(named: "seats", geometryType: .point, epsg: 4528, wkt: nil, fields: fields)
        #expect(dataset.beginTransaction())
        try seats.append(
            wkb: pointWKB(40_500_000.5, 4_020_000.25),
            values: [.string("城关街道"), .integer(52_431), .real(1234.56), .date(CalendarDate(year: 2023, month: 12, day: 31)!), .boolean(true)], record: 0)
        try seats.append(wkb: nil, values: [.null, .null, .null, .null, .boolean(false)], record: 1)
        try dataset.commit()
        _ = try dataset.createLayer(named: "notes", geometryType: .none, epsg: nil, wkt: nil, fields: [VectorField(name: "TEXT", kind: .string)])
        dataset.close()
    }

    @Test func aWrittenGeoPackageReadsBackInGDALAndHere() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("sample.gpkg")
        try Self.writeSample(path)

        let dataset = try VectorDataset(reading: path, drivers: ["GPKG"])
        #expect(dataset.driverName == "GPKG")
        #expect(dataset.layerNames.sorted() == ["notes", "seats"])
        let seats = try dataset.layer(named: "seats")
        #expect(seats.epsg == 4528)
        #expect(seats.crsWKT?.contains("Gauss") == true)
        #expect(seats.fields.map(\.kind) == [.string, .integer64, .real, .date, .boolean])
        #expect(seats.featureCount == 2)
        var records: [VectorLayer.Record] = []
        try seats.forEach { records.append($0) }
        #expect(records.count == 2)
        #expect(records[0].wkb == Self.pointWKB(40_500_000.5, 4_020_000.25))
        #expect(records[0].values == [.string("城关街道"), .integer(52_431), .real(1234.56), .date(CalendarDate(year: 2023, month: 12, day: 31)!), .boolean(true)])
        #expect(records[1].wkb == nil)
        #expect(records[1].values == [.null, .null, .null, .null, .boolean(false)])
        let extent = try #require(seats.extent)
        #expect(extent.minX == 40_500_000.5 && extent.maxY == 4_020_000.25)

        guard ExternalTool.ogrinfo.isAvailable else { return }
        let summary = try ExternalTool.ogrinfo.run(["-ro", "-so", path, "seats"])
        #expect(summary.contains("Geometry: Point"))
        #expect(summary.contains("Feature Count: 2"))
        #expect(summary.contains("ID[\"EPSG\",4528]"))
        #expect(summary.contains("NAME: String (20.0)"))
        #expect(summary.contains("POP: Integer64"))
        #expect(summary.contains("AREA: Real"))  // GeoPackage keeps no width for reals
        #expect(summary.contains("SURVEYED: Date"))
        #expect(summary.contains("SPECIAL: Integer(Boolean)"))
        let values = try ExternalTool.ogrinfo.run(["-ro", "-q", path, "seats", "-fid", "1"])
        #expect(values.contains("NAME (String) = 城关街道"))
        #expect(values.contains("SURVEYED (Date) = 2023/12/31"))
    }

    @Test func aContainerWithSeveralLayersNeedsOneNamed() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("two.gpkg")
        try Self.writeSample(path)
        let dataset = try VectorDataset(reading: path)
        #expect(throws: VectorError.layerNotChosen(path: path, available: dataset.layerNames)) { try dataset.layer(named: nil) }
        #expect(throws: VectorError.noSuchLayer(path: path, layer: "DLTB", available: dataset.layerNames)) { try dataset.layer(named: "DLTB") }
        let message = VectorError.layerNotChosen(path: path, available: ["notes", "seats"]).description
        #expect(message.contains("holds 2 layers (notes, seats)") && message.contains("#LAYER") && message.contains("layer:"))
    }

    @Test func aMissingOrForeignFileIsNamed() throws {
        let folder = try TemporaryFolder()
        #expect { try VectorDataset(reading: folder.file("missing.gpkg")) } throws: { error in
            guard case VectorError.cannotOpen(let path, let message)? = error as? VectorError else { return false }
            return path == folder.file("missing.gpkg") && message.contains("no such file")
        }
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: folder.file("text.gpkg")))
        #expect { try VectorDataset(reading: folder.file("text.gpkg"), drivers: ["GPKG"]) } throws: { error in
            guard case VectorError.cannotOpen(let path, _)? = error as? VectorError else { return false }
            return path == folder.file("text.gpkg")
        }
        #expect { try VectorDataset(creating: folder.file("x.abc"), driver: "NoSuchDriver") } throws: { error in
            "\(error)".contains("this GDAL has no NoSuchDriver driver")
        }
    }

    @Test func aBrokenGeometryIsARecordError() throws {
        let folder = try TemporaryFolder()
        let dataset = try VectorDataset(creating: folder.file("broken.gpkg"), driver: "GPKG")
        let layer = try dataset.createLayer(named: "broken", geometryType: .point, epsg: 4490, wkt: nil, fields: [])
        #expect(throws: VectorError.recordFailed(path: folder.file("broken.gpkg"), layer: "broken", record: 7, message: "GDAL cannot read its geometry (WKB)")) {
            try layer.append(wkb: [1, 1, 0, 0], values: [], record: 7)
        }
    }

    /// A GeoPackage of 20 points, `seats`, at `path`.
    static func writeTwenty(_ path: String) throws {
        let dataset = try VectorDataset(creating: path, driver: "GPKG")
        let seats = try dataset.createLayer(named: "seats", geometryType: .point, epsg: 4528, wkt: nil, fields: [VectorField(name: "N", kind: .integer)])
        #expect(dataset.beginTransaction())
        for n in 0..<20 { try seats.append(wkb: pointWKB(40_500_000 + Double(n), 4_020_000), values: [.integer(Int64(n))], record: n) }
        try dataset.commit()
        dataset.close()
    }

    /// The bytes and modification time of each file.
    static func state(_ paths: [String]) throws -> [String: String] {
        try Dictionary(uniqueKeysWithValues: paths.map { path in
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let modified = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
            return (path, "\(modified?.timeIntervalSince1970 ?? 0) \(data.base64EncodedString())")
        })
    }

    /// A GeoPackage left in WAL mode with committed changes in its -wal (10 of 20 points
    /// deleted, as QGIS leaves it while editing) is refused, and neither file is touched:
    /// SQLite would checkpoint the -wal into the file on closing, even opened read-only.
    @Test func aGeoPackageWithChangesInItsWALIsRefusedAndUntouched() throws {
        let folder = try TemporaryFolder()
        try Self.writeTwenty(folder.file("editing.gpkg"))
        let path = folder.file("wal.gpkg")
        try GeoPackageInWAL.make(path, from: folder.file("editing.gpkg"), statements: ["DELETE FROM seats WHERE fid > 10"])
        let before = try Self.state([path, path + "-wal"])
        #expect { try VectorDataset(reading: path, drivers: ["GPKG"]) } throws: { error in
            guard case VectorError.cannotOpen(let named, let message)? = error as? VectorError else { return false }
            return named == path && message.contains("wal.gpkg-wal holds changes not yet written into it") && message.contains("ogr2ogr -f GPKG copy.gpkg wal.gpkg")
        }
        #expect(try Self.state([path, path + "-wal"]) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-shm"))
    }

    /// A WAL-mode GeoPackage with nothing waiting is read (opened immutable) and left as it
    /// was: no -wal or -shm made beside it, the file unchanged.
    @Test func aGeoPackageInWALModeWithNothingWaitingIsReadAsItIs() throws {
        let folder = try TemporaryFolder()
        try Self.writeTwenty(folder.file("editing.gpkg"))
        try FileManager.default.createDirectory(atPath: folder.file("in"), withIntermediateDirectories: false)
        let path = folder.file("in/clean.gpkg")
        try GeoPackageInWAL.make(path, from: folder.file("editing.gpkg"), statements: ["DELETE FROM seats WHERE fid > 10"], checkpoint: true)
        let before = try Self.state([path])
        let dataset = try VectorDataset(reading: path, drivers: ["GPKG"])
        var count = 0
        try dataset.layer(named: "seats").forEach { _ in count += 1 }
        dataset.close()
        #expect(count == 10)
        #expect(try Self.state([path]) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("in")) == ["clean.gpkg"])
    }

    /// A hot -journal beside a GeoPackage (a write cut short) would be rolled back into the
    /// file by SQLite, even opened read-only: refused, the journal left in place.
    @Test func aGeoPackageBesideAHotJournalIsRefused() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("cut.gpkg")
        try Self.writeTwenty(path)
        let journal = Data([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7] + [UInt8](repeating: 0, count: 504))
        try journal.write(to: URL(fileURLWithPath: path + "-journal"))
        let before = try Self.state([path, path + "-journal"])
        #expect { try VectorDataset(reading: path, drivers: ["GPKG"]) } throws: { error in
            "\(error)".contains("a write to it was cut short (cut.gpkg-journal is beside it)")
        }
        #expect(try Self.state([path, path + "-journal"]) == before)
    }
}
