import Foundation
import Testing
import ZIPFoundation
import ZoningTestSupport

/// `zoning info` and the layer commands on a shapefile delivered as a .zip.
@Suite struct InfoZipTests {
    @Test func describesAndConvertsAZippedShapefile() throws {
        let folder = try TemporaryFolder()
        let archive = try Archive(url: URL(fileURLWithPath: folder.file("交付.zip")), accessMode: .create)
        for ext in ["shp", "shx", "dbf", "prj", "cpg"] {
            try archive.addEntry(with: "townships.\(ext)", relativeTo: URL(fileURLWithPath: checkoutRoot + "/Tests/Fixtures"))
        }
        let info = try CommandLine.run(["info", folder.file("交付.zip")])
        #expect(info.status == 0, "\(info.errors)")
        #expect(info.output.contains("Features:  4") && info.output.contains("CRS:       EPSG:4528"))
        let convert = try CommandLine.run(["convert", folder.file("交付.zip"), folder.file("t.geojson"), "-q"])
        #expect(convert.status == 0, "\(convert.errors)")
        #expect(try String(contentsOfFile: folder.file("t.geojson"), encoding: .utf8).components(separatedBy: "\"type\":\"Feature\"").count - 1 == 4)
    }

    /// A zip bomb's `.cpg` (3 MB of zeros in a few kB) stops `convert` before it is unpacked,
    /// and a symbolic-link `.dbf` stops it too: exit 1, the entry named, no output.
    @Test func convertRefusesAnOversizedOrLinkedPart() throws {
        let folder = try TemporaryFolder()
        let fixtures = checkoutRoot + "/Tests/Fixtures/townships"
        let bomb = try Archive(url: URL(fileURLWithPath: folder.file("bomb.zip")), accessMode: .create)
        for ext in ["shp", "shx", "dbf"] {
            try bomb.addEntry(with: "townships.\(ext)", relativeTo: URL(fileURLWithPath: checkoutRoot + "/Tests/Fixtures"))
        }
        let zeros = Data(count: 3_000_000)
        try bomb.addEntry(with: "townships.cpg", type: .file, uncompressedSize: Int64(zeros.count), compressionMethod: .deflate) { position, size in zeros.subdata(in: Int(position)..<Int(position) + size) }
        let refused = try CommandLine.run(["convert", folder.file("bomb.zip"), folder.file("t.geojson"), "-q"])
        #expect(refused.status == 1 && refused.errors.contains("townships.cpg unpacks to 3.0 MB"), "\(refused.errors)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("t.geojson")))

        let linked = try Archive(url: URL(fileURLWithPath: folder.file("link.zip")), accessMode: .create)
        for ext in ["shp", "shx"] {
            try linked.addEntry(with: "townships.\(ext)", relativeTo: URL(fileURLWithPath: checkoutRoot + "/Tests/Fixtures"))
        }
        let target = Data((fixtures + ".dbf").utf8)
        try linked.addEntry(with: "townships.dbf", type: .symlink, uncompressedSize: Int64(target.count)) { position, size in target.subdata(in: Int(position)..<Int(position) + size) }
        let link = try CommandLine.run(["convert", folder.file("link.zip"), folder.file("t.geojson"), "-q"])
        #expect(link.status == 1 && link.errors.contains("townships.dbf is a symbolic link in the archive"), "\(link.errors)")
    }
}
