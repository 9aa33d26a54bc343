import Foundation
import Testing
import ZoningTestSupport
@testable import ZoningCommands

@Suite(.enabled(if: SharedData.isAvailable, SharedData.skipReason))
struct InfoTests {
    @Test func describesNorthCarolina() throws {
        let result = try CommandLine.run(["info", SharedData.path("shapefiles/sf/nc.shp")])
        #expect(result.status == 0, "\(result.errors)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.contains("Geometry:  Polygon"))
        #expect(lines.contains("Features:  100"))
        #expect(lines.contains("Extent:    -84.323853, 33.881992 – -75.456978, 36.589649  (minX, minY – maxX, maxY)"))
        #expect(lines.contains("CRS:       EPSG:4267 — NAD27"))
        #expect(lines.contains("Fields:    14"))
        #expect(lines.contains("Validity:  100 valid, 0 invalid, 0 empty"))
        #expect(lines.contains("Encoding:  UTF-8 (detected: all text is ASCII; no .cpg file; language driver 0x57 does not name a code page)"))
        #expect(lines.contains { $0.hasPrefix("  NAME ") && $0.contains("String") && $0.hasSuffix(" 80         0") })
        #expect(lines.contains(".prj:"))
    }

    @Test func noPrjFlagLeavesOutTheText() throws {
        let result = try CommandLine.run(["info", "--no-prj", SharedData.path("shapefiles/sf/nc")])
        #expect(result.status == 0)
        #expect(!result.output.contains(".prj:"))
    }

    @Test func missingShpIsDescribedFromTheTable() throws {
        let report = try InfoReport(path: SharedData.path("shapefiles/missing-shp/district.shp")).render()
        #expect(report.contains("Geometry:  none: the .shp is missing"))
        #expect(report.contains("Features:  2877"))
        #expect(report.contains("Encoding:  UTF-8 (from the .cpg file: \"UTF-8\")"))
        #expect(!report.contains("Validity:"))  // no geometry to check
    }

    @Test func missingIndexIsRebuiltAndLatin1Detected() throws {
        let result = try CommandLine.run(["info", "--no-prj", SharedData.path("shapefiles/pyshp/latin1.shp")])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("Index:     the .shx file is missing; zoning rebuilt it"))
        #expect(result.output.contains("Encoding:  ISO-8859-1 (detected: the text is neither UTF-8 nor GBK"))
    }

    @Test func encodingOptionWinsAndBadNamesAreRefused() throws {
        let forced = try CommandLine.run(["info", "--no-validity", "--encoding", "GBK", SharedData.path("shapefiles/sf/nc.shp")])
        #expect(forced.output.contains("Encoding:  GBK (given by --encoding)"))
        #expect(!forced.output.contains("Validity:"))
        let bad = try CommandLine.run(["info", "--encoding", "klingon", SharedData.path("shapefiles/sf/nc.shp")])
        #expect(bad.status != 0 && bad.errors.contains("Unknown encoding \"klingon\""))
    }

    @Test func chinaOutlineHasOnePolygonRecord() throws {
        let report = try InfoReport(path: SharedData.path("shapefiles/china-outline/country.shp")).render()
        #expect(report.contains("Geometry:  Polygon"))
        #expect(report.contains("Features:  1\n"))
        #expect(report.contains("CRS:       EPSG:4326 — WGS 84"))
    }

    @Test func notAShapefileExitsWithNamedError() throws {
        let folder = try TemporaryFolder()
        for ext in ["shp", "shx"] { try Data("not a shapefile".utf8).write(to: URL(fileURLWithPath: folder.file("bad.\(ext)"))) }
        let result = try CommandLine.run(["info", folder.file("bad.shp")])
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(result.errors.contains("\(folder.file("bad.shp")): shapelib could not read it"))
    }
}

@Suite struct InfoErrorTests {
    @Test func absentFileExitsWithNamedError() throws {
        let result = try CommandLine.run(["info", "/nonexistent/parcels.shp"])
        #expect(result.status == 1)
        #expect(result.errors.contains("/nonexistent/parcels.shp: no such shapefile"))
    }

    @Test func missingArgumentShowsUsage() throws {
        let result = try CommandLine.run(["info"])
        #expect(result.status != 0)
        #expect(result.errors.contains("Missing expected argument '<file>'"))
    }
}

/// The test fixture (Scripts/make-test-fixture.sh): four 5 km squares from
/// (40 495 000, 4 015 000) to (40 505 000, 4 025 000) in EPSG:4528.
@Suite struct FixtureInfoTests {
    static let path = checkoutRoot + "/Tests/Fixtures/townships.shp"

    @Test func infoDescribesTheSample() throws {
        let result = try CommandLine.run(["info", "--no-prj", Self.path])
        #expect(result.status == 0, "\(result.errors)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.contains("Geometry:  Polygon"))
        #expect(lines.contains("Features:  4"))
        #expect(lines.contains("Extent:    40495000.000, 4015000.000 – 40505000.000, 4025000.000  (minX, minY – maxX, maxY)"))
        #expect(lines.contains("CRS:       EPSG:4528 — CGCS2000 / 3-degree Gauss-Kruger zone 40"))
        #expect(lines.contains("Encoding:  UTF-8 (from the .cpg file: \"UTF-8\")"))
        #expect(lines.contains("Validity:  4 valid, 0 invalid, 0 empty"))
        #expect(lines.contains { $0.hasPrefix("  XZQDM  String        9") })
    }
}
