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
}
