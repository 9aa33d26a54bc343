import Foundation
import Testing
import ZoningTestSupport

@Suite struct ConvertTests {
    static let sample = checkoutRoot + "/Tests/Fixtures/townships.shp"

    @Test func filtersReprojectsAndReports() throws {
        let folder = try TemporaryFolder()
        let result = try CommandLine.run(["convert", Self.sample, folder.file("towns.geojson"), "--where", "KIND=镇", "--dst-crs", "EPSG:4490"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output == "Wrote 1 of 4 features (where KIND=镇) from EPSG:4528 to EPSG:4490: \(folder.file("towns.geojson"))\n")
        let text = String(decoding: FileManager.default.contents(atPath: folder.file("towns.geojson"))!, as: UTF8.self)
        #expect(text.contains("\"XZQMC\":\"东湖镇\"") && text.contains("urn:ogc:def:crs:EPSG::4490"))
    }

    @Test func csvOfFacilitiesInGCJ02ToShapefile() throws {
        let folder = try TemporaryFolder()
        try Data("name,lng,lat\n卫生院,120.0069,36.3520\n".utf8).write(to: URL(fileURLWithPath: folder.file("f.csv")))
        let result = try CommandLine.run(["convert", "-q", folder.file("f.csv"), folder.file("f.shp"), "--src-crs", "GCJ02", "--dst-crs", "EPSG:4528"])
        #expect(result.status == 0, "\(result.errors)")
        let info = try CommandLine.run(["info", "--no-prj", folder.file("f.shp")])
        #expect(info.output.contains("CRS:       EPSG:4528"))
        #expect(info.output.contains("Geometry:  Point"))
    }

    @Test func shortenedFieldNamesAreReported() throws {
        let folder = try TemporaryFolder()
        let geojson = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"population_2020":1},"geometry":{"type":"Point","coordinates":[117,36]}}]}"#
        try Data(geojson.utf8).write(to: URL(fileURLWithPath: folder.file("p.geojson")))
        let result = try CommandLine.run(["convert", folder.file("p.geojson"), folder.file("p.shp")])
        #expect(result.output.contains("Note: field population_2020 is named population in the .dbf (10 bytes at most)"))
    }

    /// OR in one --where; two --where flags are refused rather than silently joined.
    @Test func whereTakesOneConditionWithOr() throws {
        let folder = try TemporaryFolder()
        let both = try CommandLine.run(["convert", Self.sample, folder.file("a.geojson"), "--where", "KIND = '镇' OR KIND = '街道'"])
        #expect(both.status == 0, "\(both.errors)")
        #expect(both.output.hasPrefix("Wrote 2 of 4 features (where KIND = '镇' OR KIND = '街道')"))
        let twice = try CommandLine.run(["convert", Self.sample, folder.file("b.geojson"), "--where", "KIND=镇", "--where", "KIND=街道"])
        #expect(twice.status != 0 && twice.errors.contains("Give one --where and join conditions in it with AND or OR"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("b.geojson")))
    }

    @Test func errorsNameTheProblem() throws {
        let folder = try TemporaryFolder()
        let badWhere = try CommandLine.run(["convert", Self.sample, folder.file("x.shp"), "--where", "NOPE=1"])
        #expect(badWhere.status == 1 && badWhere.errors.contains("column 1: there is no field NOPE; the fields are XZQDM, XZQMC, KIND"))
        let badEncoding = try CommandLine.run(["convert", Self.sample, folder.file("x.shp"), "--output-encoding", "EBCDIC-XX"])
        #expect(badEncoding.status != 0 && badEncoding.errors.contains("Unknown encoding"))
        let sameFile = try CommandLine.run(["convert", Self.sample, Self.sample, "--overwrite"])
        #expect(sameFile.status == 1 && sameFile.errors.contains("never overwrites its inputs"))
        #expect(folder.contents.isEmpty)
    }
}
