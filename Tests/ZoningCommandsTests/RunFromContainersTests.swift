import Foundation
import Testing
import ZoningTestSupport

/// A project whose land use comes from a GeoPackage and whose villages come from a File
/// Geodatabase — both made here by ogr2ogr from the sample's shapefiles — runs to exactly the
/// classes of the sample project on the shapefiles.
@Suite(.enabled(if: ExternalTool.ogr2ogr.isAvailable, "ogr2ogr (gdal-bin) makes the inputs"))
struct RunFromContainersTests {
    @Test func aGeoPackageAndAGeodatabaseGiveTheSampleClasses() throws {
        let folder = try TemporaryFolder()
        let shapefiles = checkoutRoot + "/Shapefiles"
        let geopackage = folder.file("三调成果.gpkg"), geodatabase = folder.file("县级数据库.gdb")
        _ = try ExternalTool.ogr2ogr.run(["-f", "GPKG", "-oo", "ENCODING=CP936", "-nln", "DLTB", geopackage, shapefiles + "/DLTB.shp"])
        _ = try ExternalTool.ogr2ogr.run(["-f", "GPKG", "-update", "-nln", "seats", geopackage, shapefiles + "/seats.shp"])
        _ = try ExternalTool.ogr2ogr.run(["-f", "OpenFileGDB", "-nln", "CJDCQ", geodatabase, shapefiles + "/villages.shp"])
        _ = try ExternalTool.ogr2ogr.run(["-f", "OpenFileGDB", "-update", "-nln", "XZQ", geodatabase, shapefiles + "/townships.shp"])

        var text = try String(contentsOfFile: shapefiles + "/project.yaml", encoding: .utf8)
        let replacements = [
            ("path: DLTB.shp", "path: \"\(geopackage)#DLTB\""),
            ("path: villages.shp", "path: \(geodatabase)\n    layer: CJDCQ"),
            ("path: townships.shp", "path: \(shapefiles)/townships.shp"),
            ("path: seats.shp", "path: \(shapefiles)/seats.shp"),
            ("path: facilities-gcj02.csv", "path: \(shapefiles)/facilities-gcj02.csv"),
            ("path: roads.shp", "path: \(shapefiles)/roads.shp"),
            ("targets: targets.yaml", "targets: \(shapefiles)/targets.yaml"),
        ]
        for (from, to) in replacements {
            #expect(text.contains(from), "the sample project has \(from)")
            text = text.replacingOccurrences(of: from, with: to)
        }
        try text.write(toFile: folder.file("project.yaml"), atomically: true, encoding: .utf8)

        let fromContainers = try CommandLine.run(["run", folder.file("project.yaml"), "--out", folder.file("containers"), "-q"])
        #expect(fromContainers.status == 0, "\(fromContainers.errors)")
        let fromFiles = try CommandLine.run(["run", shapefiles + "/project.yaml", "--out", folder.file("files"), "-q"])
        #expect(fromFiles.status == 0, "\(fromFiles.errors)")
        for table in ["classification.csv", "urbanization.csv", "summary.csv"] {
            let a = try String(contentsOfFile: folder.file("containers/" + table), encoding: .utf8)
            let b = try String(contentsOfFile: folder.file("files/" + table), encoding: .utf8)
            #expect(a == b, "\(table) differs")
        }
        // The manifest checksums every file of the geodatabase folder and the GeoPackage.
        let manifest = try String(contentsOfFile: folder.file("containers/manifest.json"), encoding: .utf8)
        #expect(manifest.contains("三调成果.gpkg"))
        #expect(manifest.contains("县级数据库.gdb/"))
    }

    /// Checks name a geodatabase layer by its folder and layer, not by a file inside the folder.
    @Test func checksNameTheGeodatabaseLayer() throws {
        let folder = try TemporaryFolder()
        let shapefiles = checkoutRoot + "/Shapefiles"
        let geodatabase = folder.file("县级数据库.gdb")
        _ = try ExternalTool.ogr2ogr.run(["-f", "OpenFileGDB", "-nln", "CJDCQ", "-select", "XZQDM,XZQMC,TOWNDM,POP,CXFLDM", geodatabase, shapefiles + "/villages.shp"])
        var text = try String(contentsOfFile: shapefiles + "/project.yaml", encoding: .utf8)
        for (from, to) in [
            ("path: villages.shp", "path: \(geodatabase)\n    layer: CJDCQ"), (", special: TSQY", ""),
            ("path: DLTB.shp", "path: \(shapefiles)/DLTB.shp"), ("path: townships.shp", "path: \(shapefiles)/townships.shp"),
            ("path: seats.shp", "path: \(shapefiles)/seats.shp"), ("path: facilities-gcj02.csv", "path: \(shapefiles)/facilities-gcj02.csv"),
            ("path: roads.shp", "path: \(shapefiles)/roads.shp"), ("targets: targets.yaml", "targets: \(shapefiles)/targets.yaml"),
        ] {
            #expect(text.contains(from), "the sample project has \(from)")
            text = text.replacingOccurrences(of: from, with: to)
        }
        try text.write(toFile: folder.file("project.yaml"), atomically: true, encoding: .utf8)
        let result = try CommandLine.run(["run", folder.file("project.yaml"), "--out", folder.file("out"), "-q"])
        #expect(result.status == 0, "\(result.errors)")
        let checks = try CSVRows.read(folder.file("out/checks.csv"))
        let absent = checks.first { $0["id"] == "field-absent" && $0["field"] == "TSQY" }
        #expect(absent?["layer"] == "县级数据库.gdb#CJDCQ", "\(checks)")
    }

    /// A layer whose name holds `#` and ends in `.shp` is read through `layer:` (before, the
    /// location split at the last `#` and took the layer for a shapefile).
    @Test func aLayerNamedLikeAFileIsReadThroughLayerKey() throws {
        let folder = try TemporaryFolder()
        let geopackage = folder.file("成果.gpkg")
        _ = try ExternalTool.ogr2ogr.run(["-f", "GPKG", "-nln", "CJDCQ#2020.shp", geopackage, checkoutRoot + "/Shapefiles/villages.shp"])
        var text = try String(contentsOfFile: try Self.project(in: folder, landUse: checkoutRoot + "/Shapefiles/DLTB.shp"), encoding: .utf8)
        text = text.replacingOccurrences(of: "path: \(checkoutRoot)/Shapefiles/villages.shp", with: "path: \(geopackage)\n    layer: \"CJDCQ#2020.shp\"")
        try text.write(toFile: folder.file("project.yaml"), atomically: true, encoding: .utf8)
        let result = try CommandLine.run(["run", folder.file("project.yaml"), "--out", folder.file("out"), "-q"])
        #expect(result.status == 0, "\(result.errors)")
        let manifest = try String(contentsOfFile: folder.file("out/manifest.json"), encoding: .utf8)
        #expect(manifest.contains("成果.gpkg"))
    }

    @Test func aLayerKeyOnAShapefileIsRefused() throws {
        let folder = try TemporaryFolder()
        var text = try String(contentsOfFile: checkoutRoot + "/Shapefiles/project.yaml", encoding: .utf8)
        text = text.replacingOccurrences(of: "path: villages.shp", with: "path: \(checkoutRoot)/Shapefiles/villages.shp\n    layer: CJDCQ")
        text = text.replacingOccurrences(of: "path: DLTB.shp", with: "path: \(checkoutRoot)/Shapefiles/DLTB.shp")
        try text.write(toFile: folder.file("project.yaml"), atomically: true, encoding: .utf8)
        let result = try CommandLine.run(["run", folder.file("project.yaml"), "--out", folder.file("out"), "-q"])
        #expect(result.status != 0)
        #expect(result.errors.contains("layer: names a layer of a .gpkg or .gdb container"))
    }

    /// Writes the sample project into `folder` with its land use read from `landUse` and every
    /// other layer from the sample's folder; returns the project file.
    static func project(in folder: TemporaryFolder, landUse: String) throws -> String {
        let shapefiles = checkoutRoot + "/Shapefiles"
        var text = try String(contentsOfFile: shapefiles + "/project.yaml", encoding: .utf8)
        for (from, to) in [
            ("path: DLTB.shp", "path: \"\(landUse)\""), ("path: villages.shp", "path: \(shapefiles)/villages.shp"),
            ("path: townships.shp", "path: \(shapefiles)/townships.shp"), ("path: seats.shp", "path: \(shapefiles)/seats.shp"),
            ("path: facilities-gcj02.csv", "path: \(shapefiles)/facilities-gcj02.csv"), ("path: roads.shp", "path: \(shapefiles)/roads.shp"),
            ("targets: targets.yaml", "targets: \(shapefiles)/targets.yaml"),
        ] {
            #expect(text.contains(from), "the sample project has \(from)")
            text = text.replacingOccurrences(of: from, with: to)
        }
        try text.write(toFile: folder.file("project.yaml"), atomically: true, encoding: .utf8)
        return folder.file("project.yaml")
    }

    /// A GeoPackage with one zeroed 4 KiB page: GDAL stops at the page as if the layer ended
    /// there. The run stops, naming the file, layer and record, instead of computing the
    /// urbanization of the parcels before the page.
    @Test func aRunOnADamagedGeoPackageStops() throws {
        let folder = try TemporaryFolder()
        let geopackage = folder.file("三调成果.gpkg")
        _ = try ExternalTool.ogr2ogr.run(["-f", "GPKG", "-oo", "ENCODING=CP936", "-nln", "DLTB", geopackage, checkoutRoot + "/Shapefiles/DLTB.shp"])
        var bytes = try Data(contentsOf: URL(fileURLWithPath: geopackage))
        let page = bytes.count / 4096 / 2 * 4096
        bytes.replaceSubrange(page..<page + 4096, with: Data(count: 4096))
        try bytes.write(to: URL(fileURLWithPath: geopackage))
        let result = try CommandLine.run(["run", try Self.project(in: folder, landUse: geopackage + "#DLTB"), "--out", folder.file("out"), "-q"])
        #expect(result.status != 0)
        #expect(result.errors.contains("\(geopackage), layer DLTB, cannot be read whole: GDAL stopped after "), "\(result.errors)")
        #expect(result.errors.contains("of the 20280 it declares"), "\(result.errors)")
        let info = try CommandLine.run(["info", geopackage + "#DLTB"])
        #expect(info.status != 0)
        #expect(info.errors.contains("cannot be read whole"), "\(info.errors)")
    }

    /// The SHA-256 (by coreutils) and modification time of a file.
    static func fingerprint(_ path: String) throws -> String {
        let modified = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        return try ExternalTool.sha256sum.run([path]).prefix(64) + " \(modified?.timeIntervalSince1970 ?? 0)"
    }

    /// A land-use GeoPackage left in WAL mode with committed changes in its -wal is refused by
    /// `zoning info` and by a run — also where the folder may not be written (where GDAL read
    /// the stale database, 20 parcels instead of 10) — and neither file changes. A WAL-mode
    /// GeoPackage with nothing waiting runs, unchanged, and the manifest records its checksum.
    @Test(.enabled(if: ExternalTool.sha256sum.isAvailable))
    func aGeoPackageInWALModeIsReadOnlyWhenNothingWaits() throws {
        let folder = try TemporaryFolder()
        chmod(folder.path, 0o755)
        let editing = folder.file("editing.gpkg")
        _ = try ExternalTool.ogr2ogr.run(["-f", "GPKG", "-oo", "ENCODING=CP936", "-nln", "DLTB", "-limit", "20", editing, checkoutRoot + "/Shapefiles/DLTB.shp"])
        try FileManager.default.createDirectory(atPath: folder.file("in"), withIntermediateDirectories: false)
        let waiting = folder.file("in/waiting.gpkg")
        try GeoPackageInWAL.make(waiting, from: editing, statements: ["DELETE FROM DLTB WHERE fid > 10"])
        let before = try [waiting, waiting + "-wal"].map(Self.fingerprint)
        let info = try CommandLine.run(["info", waiting])
        #expect(info.status == 1)
        #expect(info.errors.contains("waiting.gpkg-wal holds changes not yet written into it"), "\(info.errors)")
        #expect(info.errors.contains("ogr2ogr -f GPKG copy.gpkg waiting.gpkg"), "\(info.errors)")
        let run = try CommandLine.run(["run", try Self.project(in: folder, landUse: waiting + "#DLTB"), "--out", folder.file("out"), "-q"])
        #expect(run.status != 0)
        #expect(run.errors.contains("waiting.gpkg-wal holds changes not yet written into it"), "\(run.errors)")
        // In a folder others may not write, as another user.
        chmod(folder.file("in"), 0o755)
        if geteuid() == 0 {
            let unprivileged = try ProcessOutcome.run(
                "/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", CommandLine.executable, "info", waiting])
            #expect(unprivileged.status == 1)
            #expect(unprivileged.errors.contains("waiting.gpkg-wal holds changes not yet written into it"), "\(unprivileged.errors)")
        }
        #expect(try [waiting, waiting + "-wal"].map(Self.fingerprint) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("in")).sorted() == ["waiting.gpkg", "waiting.gpkg-wal"])

        // The whole land use, in WAL mode with nothing waiting.
        let whole = folder.file("whole.gpkg"), settled = folder.file("in/settled.gpkg")
        _ = try ExternalTool.ogr2ogr.run(["-f", "GPKG", "-oo", "ENCODING=CP936", "-nln", "DLTB", whole, checkoutRoot + "/Shapefiles/DLTB.shp"])
        try GeoPackageInWAL.make(settled, from: whole, statements: [], checkpoint: true)
        let settledBefore = try Self.fingerprint(settled)
        #expect(try CommandLine.run(["info", settled]).status == 0)
        let done = try CommandLine.run(["run", try Self.project(in: folder, landUse: settled + "#DLTB"), "--out", folder.file("out2"), "-q"])
        #expect(done.status == 0, "\(done.errors)")
        #expect(try Self.fingerprint(settled) == settledBefore)
        #expect(!FileManager.default.fileExists(atPath: settled + "-wal") && !FileManager.default.fileExists(atPath: settled + "-shm"))
        let manifest = try String(contentsOfFile: folder.file("out2/manifest.json"), encoding: .utf8)
        #expect(manifest.contains(String(settledBefore.prefix(64))))
    }

    /// Schema and table names over PostgreSQL's 63 bytes are refused before connecting
    /// (before, PostgreSQL cut them, and --replace replaced another schema's table whose name
    /// began alike). The URL points nowhere: the error must come first. (A long project name
    /// gives short run schemas instead: `RunPublicationTests.longProjectNamesPublishTwiceADay`.)
    @Test func namesOver63BytesAreRefusedBeforeConnecting() throws {
        let nowhere = "postgresql://nobody@127.0.0.1:1/none"
        let long = String(repeating: "城镇", count: 11)  // 22 characters, 66 bytes
        let load = try CommandLine.run(["load", checkoutRoot + "/Shapefiles/villages.shp", "--db", nowhere, "--schema", long, "--replace"])
        #expect(load.status != 0)
        #expect(load.errors.contains("the schema name \(long) is 66 bytes"), "\(load.errors)")
        let table = try CommandLine.run(["load", checkoutRoot + "/Shapefiles/villages.shp", "--db", nowhere, "--table", long])
        #expect(table.errors.contains("the table name \(long) is 66 bytes"), "\(table.errors)")
    }
}
