import Foundation
import Testing
import ZIPFoundation
import ZoningLayers
import ZoningTestSupport

@Suite struct ZipDeliveryTests {
    static let fixture = checkoutRoot + "/Tests/Fixtures/townships"

    /// Writes a .zip with the given files, each under its name inside the archive.
    func makeArchive(_ entries: [(inside: String, file: String)], to path: String) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for entry in entries {
            let data = try Data(contentsOf: URL(fileURLWithPath: entry.file))
            try archive.addEntry(with: entry.inside, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    /// A delivery with the shapefile in a folder and a readme beside it reads as the unpacked
    /// shapefile does; the archive is the only input file, and the unpacked copy goes when the
    /// reader does.
    @Test func readsTheShapefileInside() throws {
        let folder = try TemporaryFolder()
        let entries = ["shp", "shx", "dbf", "prj", "cpg"].map { (inside: "交付/townships.\($0)", file: "\(Self.fixture).\($0)") }
        try Data("说明".utf8).write(to: URL(fileURLWithPath: folder.file("readme.txt")))
        try makeArchive(entries + [(inside: "readme.txt", file: folder.file("readme.txt"))], to: folder.file("townships.zip"))

        var unpacked = ""
        do {
            let zipped = try LayerFile.open(folder.file("townships.zip"))
            let plain = try LayerFile.open(Self.fixture + ".shp")
            #expect(zipped.name == "townships" && zipped.crs?.epsg == 4528 && zipped.files == [folder.file("townships.zip")])
            #expect(zipped.schema.names == plain.schema.names)
            var a: [Feature] = [], b: [Feature] = []
            try zipped.forEach { a.append($0) }
            try plain.forEach { b.append($0) }
            #expect(a.count == 4 && a.map(\.attributes) == b.map(\.attributes))
            #expect(try zip(a, b).allSatisfy { try $0.geometry!.equals($1.geometry!) })
            let delivery = try ZipDelivery(archive: folder.file("townships.zip"))
            unpacked = delivery.shapefile
            #expect(FileManager.default.fileExists(atPath: unpacked) && unpacked.hasSuffix("/townships.shp"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: (unpacked as NSString).deletingLastPathComponent).count == 5)  // no readme
        }
        #expect(!FileManager.default.fileExists(atPath: unpacked))  // removed with the delivery
    }

    @Test func archivesWithoutOneShapefileAreRefused() throws {
        let folder = try TemporaryFolder()
        try makeArchive([(inside: "a/x.shp", file: Self.fixture + ".shp"), (inside: "b/y.shp", file: Self.fixture + ".shp")], to: folder.file("two.zip"))
        #expect { try LayerFile.open(folder.file("two.zip")) } throws: {
            "\($0)".contains("2 shapefiles (a/x.shp, b/y.shp)") && "\($0)".contains("Unpack it")
        }
        try makeArchive([(inside: "x.dbf", file: Self.fixture + ".dbf")], to: folder.file("none.zip"))
        #expect { try LayerFile.open(folder.file("none.zip")) } throws: { "\($0)".contains("holds no .shp") }
        try Data("not a zip".utf8).write(to: URL(fileURLWithPath: folder.file("fake.zip")))
        #expect { try LayerFile.open(folder.file("fake.zip")) } throws: { "\($0)".contains("not a readable .zip archive") }
        #expect { try LayerFile.write(to: folder.file("out.zip"), schema: Schema([]), crs: nil) { _ in } } throws: { "\($0)".contains("does not write them; it writes .shp, .geojson, .csv, .gpkg and .fgb files and postgresql:// tables") }
    }
}
