import Foundation
import Testing
import ZoningTestSupport

/// A GBK shapefile as much real survey data comes: no .cpg, language driver 0x57 ("ANSI",
/// which names no code page), Chinese field names and values.
@Suite struct GBKShapefileTests {
    /// Writes the sample with Chinese field names in GBK, then strips what would declare it.
    func makeGBKWithoutCodePage(_ folder: TemporaryFolder) throws -> String {
        let geojson = try CommandLine.run(["convert", "-q", checkoutRoot + "/Tests/Fixtures/townships.shp", folder.file("t.geojson")])
        #expect(geojson.status == 0, "\(geojson.errors)")
        var text = String(decoding: FileManager.default.contents(atPath: folder.file("t.geojson"))!, as: UTF8.self)
        text = text.replacingOccurrences(of: "\"XZQMC\"", with: "\"名称\"").replacingOccurrences(of: "\"KIND\"", with: "\"类型\"")
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder.file("named.geojson")))
        let shp = try CommandLine.run(["convert", "-q", folder.file("named.geojson"), folder.file("gbk.shp"), "--output-encoding", "GBK"])
        #expect(shp.status == 0, "\(shp.errors)")
        try FileManager.default.removeItem(atPath: folder.file("gbk.cpg"))
        let handle = try #require(FileHandle(forUpdatingAtPath: folder.file("gbk.dbf")))
        try handle.seek(toOffset: 29)  // dBase header: language driver byte
        try handle.write(contentsOf: Data([0x57]))
        try handle.close()
        return folder.file("gbk.shp")
    }

    @Test func infoDetectsGBKAndShowsChineseNames() throws {
        let folder = try TemporaryFolder()
        let result = try CommandLine.run(["info", "--no-prj", try makeGBKWithoutCodePage(folder)])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("Encoding:  GBK (detected: the text is not UTF-8 but is valid GBK; no .cpg file; language driver 0x57 does not name a code page)"))
        #expect(result.output.contains("  名称   String"))
        #expect(result.output.contains("Record 0:  XZQDM=370000001, 名称=城关街道, 类型=街道"))
    }

    @Test func survivesARoundTrip() throws {
        let folder = try TemporaryFolder()
        let gbk = try makeGBKWithoutCodePage(folder)
        #expect(try CommandLine.run(["convert", "-q", gbk, folder.file("utf8.shp")]).status == 0)
        #expect(try CommandLine.run(["convert", "-q", folder.file("utf8.shp"), folder.file("again.shp"), "--output-encoding", "GBK"]).status == 0)
        let first = try CommandLine.run(["info", "--no-prj", gbk]).output
        let last = try CommandLine.run(["info", "--no-prj", folder.file("again.shp")]).output
        // Names, types and values must survive; widths may grow through UTF-8 (the writer
        // keeps a schema's widths when they are larger than the values need).
        func table(_ text: String) -> [String] {
            text.split(separator: "\n").map(String.init)
                .filter { $0.hasPrefix("  ") || $0.hasPrefix("Record 0:") || $0.hasPrefix("Features:") }
                .map { $0.hasPrefix("  ") ? $0.split(separator: " ").prefix(2).joined(separator: " ") : $0 }
        }
        #expect(table(first) == table(last))
        #expect(last.contains("Encoding:  GBK (from the .cpg file: \"936\")"))
        if ExternalTool.ogrinfo.isAvailable {
            let gdal = try ExternalTool.ogrinfo.run(["-al", "-q", folder.file("again.shp")])
            #expect(gdal.contains("名称 (String) = 城关街道"))
        }
    }
}
