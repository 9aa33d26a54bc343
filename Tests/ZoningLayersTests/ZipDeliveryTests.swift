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

    /// Rewrites the archive's name `placeholder` (in the local header and the central
    /// directory) to the bytes `name`, clearing the UTF-8 flag when `utf8` is false, as
    /// Windows' zipper writes GBK names; and, with `declaredSize`, makes the archive declare
    /// that uncompressed size for the entry.
    func patch(_ path: String, entry placeholder: String, name: [UInt8]? = nil, utf8: Bool = true, declaredSize: UInt32? = nil) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let target = Array(placeholder.utf8)
        let name = name ?? target
        precondition(name.count == target.count)
        for (signature, nameAt, flagAt, sizeAt) in [([0x50, 0x4B, 0x03, 0x04] as [UInt8], 30, 6, 22), ([0x50, 0x4B, 0x01, 0x02], 46, 8, 24)] {
            for start in 0..<(bytes.count - nameAt - target.count) where Array(bytes[start..<start + 4]) == signature && Array(bytes[start + nameAt..<start + nameAt + target.count]) == target {
                bytes.replaceSubrange(start + nameAt..<start + nameAt + name.count, with: name)
                if !utf8 { bytes[start + flagAt + 1] &= ~0x08 }  // bit 11
                if let size = declaredSize {
                    for k in 0..<4 { bytes[start + sizeAt + k] = UInt8(truncatingIfNeeded: size >> (8 * k)) }
                }
            }
        }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    func features(_ path: String) throws -> [Feature] {
        var all: [Feature] = []
        try LayerFile.open(path).forEach { all.append($0) }
        return all
    }

    /// Parts named in other cases (`Villages.SHP`, `VILLAGES.dbf`) are the same shapefile:
    /// they were unpacked under their own names, shapelib found no `.dbf`, and the layer had
    /// no attributes, exit 0.
    @Test func partsDifferingInCaseAreOneShapefile() throws {
        let folder = try TemporaryFolder()
        let names = ["shp": "Villages.SHP", "shx": "villages.Shx", "dbf": "VILLAGES.dbf", "prj": "VILLAGES.PRJ", "cpg": "villages.cpg"]
        try makeArchive(names.sorted { $0.key < $1.key }.map { (inside: "交付/\($0.value)", file: "\(Self.fixture).\($0.key)") }, to: folder.file("v.zip"))
        let zipped = try LayerFile.open(folder.file("v.zip"))
        let plain = try LayerFile.open(Self.fixture + ".shp")
        #expect(zipped.name == "Villages" && zipped.crs?.epsg == 4528)
        #expect(zipped.schema.names == plain.schema.names)
        let a = try features(folder.file("v.zip")), b = try features(Self.fixture + ".shp")
        #expect(a.count == 4 && a.map(\.attributes) == b.map(\.attributes))
    }

    /// A GBK-named `.shp` (no UTF-8 flag, as Windows' zipper writes it) beside a UTF-8-named
    /// `.dbf`: the names are decoded before they are matched.
    @Test func namesInGBKAndUTF8AreMatched() throws {
        let folder = try TemporaryFolder()
        // 村庄 is B4E5 D7AF in GBK: four bytes, as many as the placeholder's "abcd".
        try makeArchive([(inside: "abcd.shp", file: Self.fixture + ".shp"), (inside: "abcd.shx", file: Self.fixture + ".shx"), (inside: "村庄.dbf", file: Self.fixture + ".dbf"), (inside: "村庄.cpg", file: Self.fixture + ".cpg")], to: folder.file("v.zip"))
        try patch(folder.file("v.zip"), entry: "abcd.shp", name: [0xB4, 0xE5, 0xD7, 0xAF] + Array(".shp".utf8), utf8: false)
        try patch(folder.file("v.zip"), entry: "abcd.shx", name: [0xB4, 0xE5, 0xD7, 0xAF] + Array(".shx".utf8), utf8: false)
        let zipped = try LayerFile.open(folder.file("v.zip"))
        #expect(zipped.name == "村庄")
        #expect(zipped.schema.names == (try LayerFile.open(Self.fixture + ".shp")).schema.names)
        #expect(try features(folder.file("v.zip")).map(\.attributes) == (try features(Self.fixture + ".shp")).map(\.attributes))
    }

    /// A part that is a symbolic link entry was skipped (no attributes, exit 0); a `.dbf` that
    /// matches no `.shp` was left out. Both are refused, naming the entry.
    @Test func linksAndUnmatchedPartsAreRefused() throws {
        let folder = try TemporaryFolder()
        let archive = try Archive(url: URL(fileURLWithPath: folder.file("link.zip")), accessMode: .create)
        for ext in ["shp", "shx"] {
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(Self.fixture).\(ext)"))
            try archive.addEntry(with: "d/t.\(ext)", type: .file, uncompressedSize: Int64(data.count)) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
        }
        let target = Data("/etc/passwd".utf8)
        try archive.addEntry(with: "d/t.dbf", type: .symlink, uncompressedSize: Int64(target.count)) { position, size in target.subdata(in: Int(position)..<Int(position) + size) }
        #expect { try LayerFile.open(folder.file("link.zip")) } throws: { "\($0)".contains("d/t.dbf is a symbolic link") }

        try makeArchive([(inside: "t.shp", file: Self.fixture + ".shp"), (inside: "t.shx", file: Self.fixture + ".shx"), (inside: "乡镇.dbf", file: Self.fixture + ".dbf")], to: folder.file("apart.zip"))
        #expect { try LayerFile.open(folder.file("apart.zip")) } throws: { "\($0)".contains("乡镇.dbf") && "\($0)".contains("does not match t.shp") }
    }

    /// A highly compressible `.cpg` (3 MB of zeros in a few kB of archive) is refused from
    /// the size the archive declares, before anything is written: a 1 GB one took 46 s and
    /// 2.1 GB of memory.
    @Test func anOversizedSidecarIsRefused() throws {
        let folder = try TemporaryFolder()
        try Data(count: 3_000_000).write(to: URL(fileURLWithPath: folder.file("t.cpg")))
        try makeArchive([(inside: "t.shp", file: Self.fixture + ".shp"), (inside: "t.shx", file: Self.fixture + ".shx"), (inside: "t.dbf", file: Self.fixture + ".dbf"), (inside: "t.cpg", file: folder.file("t.cpg"))], to: folder.file("t.zip"))
        let archiveSize = try #require(try FileManager.default.attributesOfItem(atPath: folder.file("t.zip"))[.size] as? Int)
        #expect(archiveSize < 100_000)
        #expect { try LayerFile.open(folder.file("t.zip")) } throws: {
            "\($0)".contains("t.cpg unpacks to 3.0 MB") && "\($0)".contains("at most 1.0 MB")
        }
    }

    /// An entry that holds more than the archive declares for it (a small declared size over a
    /// large entry) is stopped at the declared size, not written out.
    @Test func anEntryLargerThanDeclaredIsStopped() throws {
        let folder = try TemporaryFolder()
        try Data(repeating: 0x20, count: 600_000).write(to: URL(fileURLWithPath: folder.file("t.prj")))
        try makeArchive([(inside: "t.shp", file: Self.fixture + ".shp"), (inside: "t.shx", file: Self.fixture + ".shx"), (inside: "t.dbf", file: Self.fixture + ".dbf"), (inside: "t.prj", file: folder.file("t.prj"))], to: folder.file("t.zip"))
        try patch(folder.file("t.zip"), entry: "t.prj", declaredSize: 100)
        #expect { try ZipDelivery(archive: folder.file("t.zip")) } throws: {
            "\($0)".contains("t.prj holds more than the 100 bytes the archive declares for it")
        }
    }

    /// The whole is limited too (here an injected 1 kB; by default 8 GB and half the free
    /// space of the temporary folder).
    @Test func theWholeIsLimited() throws {
        let folder = try TemporaryFolder()
        try makeArchive(["shp", "shx", "dbf"].map { (inside: "t.\($0)", file: "\(Self.fixture).\($0)") }, to: folder.file("t.zip"))
        #expect { try ZipDelivery(archive: folder.file("t.zip"), limits: ZipDelivery.Limits(whole: 1_000)) } throws: {
            "\($0)".contains("the shapefile t.shp unpacks to") && "\($0)".contains("more than zoning unpacks from a .zip (1.0 kB")
        }
        #expect(try ZipDelivery(archive: folder.file("t.zip"), limits: ZipDelivery.Limits(whole: 1_000_000)).shapefile.hasSuffix("/t.shp"))
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
