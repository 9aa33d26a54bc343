import Foundation
import Testing
import ZoningTestSupport

@Suite struct ReprojectTests {
    @Test func reprojectsAndReports() throws {
        let folder = try TemporaryFolder()
        let output = folder.file("t.shp")
        let result = try CommandLine.run(["reproject", checkoutRoot + "/Tests/Fixtures/townships.shp", output, "--dst-crs", "EPSG:4490"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output == "Reprojected 4 records from EPSG:4528 to EPSG:4490: \(output)\n")
        let again = try CommandLine.run(["reproject", "-q", checkoutRoot + "/Tests/Fixtures/townships.shp", output, "--dst-crs", "EPSG:4490"])
        #expect(again.status == 1 && again.errors.contains("Pass --overwrite"))
        let replaced = try CommandLine.run(["reproject", "-q", "--overwrite", checkoutRoot + "/Tests/Fixtures/townships.shp", output, "--dst-crs", "EPSG:4490"])
        #expect(replaced.status == 0 && replaced.output.isEmpty)
    }

    @Test func badCRSAndMissingOptionsAreNamed() throws {
        let folder = try TemporaryFolder()
        let bad = try CommandLine.run(["reproject", checkoutRoot + "/Tests/Fixtures/townships.shp", folder.file("t.shp"), "--dst-crs", "EPSG:999999"])
        #expect(bad.status == 1 && bad.errors.contains("EPSG:999999"))
        let missing = try CommandLine.run(["reproject", checkoutRoot + "/Tests/Fixtures/townships.shp", folder.file("t.shp")])
        #expect(missing.status != 0 && missing.errors.contains("--dst-crs"))
        #expect(folder.contents.isEmpty)
    }

    @Test func helpExplains() throws {
        let help = try CommandLine.run(["reproject", "--help"])
        #expect(help.status == 0)
        #expect(help.output.contains("--dst-crs") && help.output.contains("--src-crs") && help.output.contains("--overwrite"))
    }
}
