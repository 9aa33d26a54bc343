import Foundation
import Testing
import ZoningDatabase
import ZoningTestSupport

/// `zoning load` run as a user runs it, against the test server, and checked with psql's
/// counterpart in SQL and with GDAL's ogrinfo, as QGIS would read the tables.
@Suite(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
struct LoadTests {
    /// A schema of its own, dropped afterwards.
    final class Scratch {
        let name = TestDatabase.uniqueName("load")
        let db: DatabaseConnection
        init() throws { db = try DatabaseConnection(DatabaseURL(TestDatabase.requiredURL())) }
        deinit { _ = try? db.execute("DROP SCHEMA IF EXISTS \(try db.quoteIdentifier(name)) CASCADE") }
    }

    /// GDAL's connection string for the test server: `PG:host=… dbname=… user=… password=…`.
    static func gdalConnection() throws -> String {
        let url = try TestDatabase.requiredURL()
        let host = url.components(separatedBy: "host=").last?.components(separatedBy: "&").first ?? ""
        return "PG:host=\(host) dbname=zoning_test user=zoning password=\(try TestDatabase.password())"
    }

    @Test func layersLoadAndGDALReadsThem() throws {
        let scratch = try Scratch()
        let url = try TestDatabase.requiredURL()
        let result = try CommandLine.run([
            "load", checkoutRoot + "/Shapefiles/villages.shp", checkoutRoot + "/Shapefiles/DLTB.shp", "--db", url, "--schema", scratch.name,
        ])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("Loaded 120 features from \(checkoutRoot)/Shapefiles/villages.shp into \(scratch.name).villages"))
        #expect(result.output.contains("Loaded 20280 features from \(checkoutRoot)/Shapefiles/DLTB.shp into \(scratch.name).dltb"))
        #expect(!result.output.contains(try TestDatabase.password()))
        #expect(result.output.contains("zoning:***@"))

        // The comments name the file, its checksum (as sha256sum computes it), the encoding and zoning's version.
        let comment = try scratch.db.execute("SELECT obj_description($1::regclass, 'pg_class')", ["\(scratch.name).dltb"]).rows[0][0] ?? ""
        let digest = try ExternalTool.sha256sum.run([checkoutRoot + "/Shapefiles/DLTB.dbf"]).prefix(64)
        #expect(comment.contains("DLTB.dbf (SHA-256 \(digest))"))
        #expect(comment.contains("text encoding GBK"))
        #expect(comment.hasPrefix("Loaded by zoning "))
        let columnComment = try scratch.db.execute("SELECT col_description($1::regclass, 2)", ["\(scratch.name).dltb"]).rows[0][0] ?? ""
        #expect(columnComment.hasPrefix("Field BSM of DLTB.shp"))

        guard ExternalTool.ogrinfo.isAvailable else { return }
        let summary = try ExternalTool.ogrinfo.run(["-ro", "-so", try Self.gdalConnection(), "\(scratch.name).villages"])
        #expect(summary.contains("Geometry: Polygon"))
        #expect(summary.contains("Feature Count: 120"))
        #expect(summary.contains("ID[\"EPSG\",4528]"))
        let record = try ExternalTool.ogrinfo.run(["-ro", "-q", try Self.gdalConnection(), "-sql", "SELECT \"XZQMC\" FROM \(scratch.name).villages ORDER BY zoning_fid LIMIT 1"])
        let expected = try scratch.db.execute("SELECT \"XZQMC\" FROM \(scratch.name).villages ORDER BY zoning_fid LIMIT 1").rows[0][0] ?? "?"
        #expect(expected.unicodeScalars.contains { $0.value >= 0x4E00 })
        #expect(record.contains("XZQMC (String) = \(expected)"))
        let parcels = try ExternalTool.ogrinfo.run(["-ro", "-so", try Self.gdalConnection(), "\(scratch.name).dltb"])
        #expect(parcels.contains("Feature Count: 20280"))
        #expect(parcels.contains("DLMC: String"))
    }

    /// A project file loads each of its layers under its role's name.
    @Test func projectLayersLoadByRole() throws {
        let scratch = try Scratch()
        let result = try CommandLine.run(["load", checkoutRoot + "/Shapefiles/project.yaml", "--db", try TestDatabase.requiredURL(), "--schema", scratch.name, "-q"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.isEmpty)
        let tables = try scratch.db.execute("SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename", [scratch.name]).rows.map { $0[0] ?? "" }
        #expect(tables == ["facilities", "land_use", "roads", "seats", "townships", "villages"])
        // Loading again is refused; --replace replaces every table.
        let again = try CommandLine.run(["load", checkoutRoot + "/Shapefiles/project.yaml", "--db", try TestDatabase.requiredURL(), "--schema", scratch.name])
        #expect(again.status == 1)
        #expect(again.errors.contains("already exists; pass --replace"))
        #expect(try CommandLine.run(["load", checkoutRoot + "/Shapefiles/project.yaml", "--db", try TestDatabase.requiredURL(), "--schema", scratch.name, "--replace", "-q"]).status == 0)
    }

    @Test func aWrongPasswordIsNamedAndMasked() throws {
        let result = try CommandLine.run(["load", checkoutRoot + "/Shapefiles/seats.shp", "--db", try TestDatabase.url(password: "not-the-password")])
        #expect(result.status == 1)
        #expect(result.errors.contains("rejected the password of user \"zoning\""))
        #expect(result.errors.contains("zoning:***@"))
        #expect(!result.errors.contains("not-the-password"))
    }

    /// PGPASSWORD stands in for a password missing from the URL, as libpq reads it.
    @Test func thePasswordComesFromTheEnvironment() throws {
        let scratch = try Scratch()
        let password = try TestDatabase.password()
        let bare = try TestDatabase.requiredURL().replacingOccurrences(of: ":" + password + "@", with: "@")
        let result = try CommandLine.run(
            ["load", checkoutRoot + "/Shapefiles/seats.shp", "--db", bare, "--table", "\(scratch.name).seats"], environment: ["PGPASSWORD": password])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("Loaded 9 features"))
        let without = try CommandLine.run(
            ["load", checkoutRoot + "/Shapefiles/seats.shp", "--db", bare, "--table", "\(scratch.name).other"],
            environment: ["PGPASSWORD": "", "PGPASSFILE": "/nonexistent"])
        #expect(without.status == 1)
        #expect(without.errors.contains("asks for a password"))
    }

    /// info and convert read a table by URL.
    @Test func infoAndConvertReadTables() throws {
        let scratch = try Scratch()
        let folder = try TemporaryFolder()
        let table = try TestDatabase.url(table: "\(scratch.name).towns")
        #expect(try CommandLine.run(["convert", checkoutRoot + "/Shapefiles/townships.shp", table, "-q"]).status == 0)
        let info = try CommandLine.run(["info", table])
        #expect(info.status == 0, "\(info.errors)")
        #expect(info.output.contains("Features:  9"))
        #expect(info.output.contains("CRS:       EPSG:4528"))
        #expect(info.output.contains("Validity:  9 valid, 0 invalid, 0 empty"))
        #expect(!info.output.contains(try TestDatabase.password()))
        let converted = try CommandLine.run(["convert", table, folder.file("towns.geojson")])
        #expect(converted.status == 0, "\(converted.errors)")
        #expect(converted.output.contains("Wrote 9 of 9 features"))
        // The same file as straight from the shapefile (same name, another folder).
        let direct = try TemporaryFolder()
        #expect(try CommandLine.run(["convert", checkoutRoot + "/Shapefiles/townships.shp", direct.file("towns.geojson")]).status == 0)
        #expect(try String(contentsOfFile: folder.file("towns.geojson"), encoding: .utf8) == String(contentsOfFile: direct.file("towns.geojson"), encoding: .utf8))
    }

    /// A project whose layers are the loaded tables runs to the same classification, coverage
    /// and life circles as the project on the files, and prints no password.
    @Test func aRunReadsItsLayersFromTheDatabase() throws {
        let scratch = try Scratch()
        let folder = try TemporaryFolder()
        let url = try TestDatabase.requiredURL()
        #expect(try CommandLine.run(["load", checkoutRoot + "/Shapefiles/project.yaml", "--db", url, "--schema", scratch.name, "-q"]).status == 0)
        var text = try String(contentsOfFile: checkoutRoot + "/Shapefiles/project.yaml", encoding: .utf8)
        for (file, table) in [("DLTB.shp", "land_use"), ("villages.shp", "villages"), ("townships.shp", "townships"), ("seats.shp", "seats"), ("facilities-gcj02.csv", "facilities"), ("roads.shp", "roads")] {
            text = text.replacingOccurrences(of: "path: \(file)", with: "path: \"\(try TestDatabase.url(table: "\(scratch.name).\(table)"))\"")
        }
        text = text.replacingOccurrences(of: "targets: targets.yaml", with: "targets: \(checkoutRoot)/Shapefiles/targets.yaml")
        try text.write(toFile: folder.file("project.yaml"), atomically: true, encoding: .utf8)
        let fromDatabase = try CommandLine.run(["run", folder.file("project.yaml"), "--out", folder.file("db"), "-q"])
        #expect(fromDatabase.status == 0, "\(fromDatabase.errors)")
        #expect(!(fromDatabase.output + fromDatabase.errors).contains(try TestDatabase.password()))
        let fromFiles = try CommandLine.run(["run", checkoutRoot + "/Shapefiles/project.yaml", "--out", folder.file("files"), "-q"])
        #expect(fromFiles.status == 0, "\(fromFiles.errors)")
        // The manifest names each table (password masked) with its rows and checksum.
        let manifest = try String(contentsOfFile: folder.file("db/manifest.json"), encoding: .utf8)
        #expect(!manifest.contains(try TestDatabase.password()))
        let parcels = try scratch.db.execute("SELECT count(*) FROM \(try scratch.db.quoteIdentifier(scratch.name)).land_use").rows.first?[0] ?? ""
        let json = try JSONSerialization.jsonObject(with: Data(manifest.utf8)) as? [String: Any]
        let landUse = (json?["inputs"] as? [[String: Any]])?.first { $0["role"] as? String == "land_use" }
        let entry = (landUse?["files"] as? [[String: Any]])?.first
        #expect((entry?["path"] as? String)?.removingPercentEncoding?.contains("table=\(scratch.name).land_use") == true, "\(manifest.prefix(2000))")
        #expect((entry?["rows"] as? Int).map(String.init) == parcels && parcels == "20280")
        #expect((entry?["sha256"] as? String)?.count == 64)
        for table in ["classification.csv", "coverage.csv", "urbanization.csv", "summary.csv", "life-circles.csv"] {
            let a = try String(contentsOfFile: folder.file("db/" + table), encoding: .utf8)
            let b = try String(contentsOfFile: folder.file("files/" + table), encoding: .utf8)
            #expect(a == b, "\(table) differs")
        }
    }
}

/// `outputs.db` in a project publishes its runs as `--db` does; `--db` overrides it.
@Suite struct RunOutputsDatabaseTests {
    @Test(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
    func outputsDatabaseInTheProjectPublishesTheRun() throws {
        let folder = try TemporaryFolder()
        let name = TestDatabase.uniqueName("outdb")
        var text = try String(contentsOfFile: checkoutRoot + "/Shapefiles/project.yaml", encoding: .utf8)
        text = text.replacingOccurrences(of: "name: 样例市 (sample county)", with: "name: \(name)")
        text = text.replacingOccurrences(of: "path: ", with: "path: \(checkoutRoot)/Shapefiles/")
            .replacingOccurrences(of: "targets: targets.yaml", with: "targets: \(checkoutRoot)/Shapefiles/targets.yaml")
        let bare = try TestDatabase.requiredURL().replacingOccurrences(of: ":" + (try TestDatabase.password()) + "@", with: "@")
        text = text.replacingOccurrences(of: "  csv_bom: true", with: "  csv_bom: true\n  db: \"\(bare)\"")
        try text.write(toFile: folder.file("project.yaml"), atomically: true, encoding: .utf8)
        let result = try CommandLine.run(["run", folder.file("project.yaml"), "--out", folder.file("out")], environment: ["PGPASSWORD": try TestDatabase.password()])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("Database      schema \(name)_"))
        let db = try DatabaseConnection(DatabaseURL(TestDatabase.requiredURL()))
        let schemas = try db.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE $1 ORDER BY 1", [name + "%"]).rows.map { $0[0] ?? "" }
        defer { for schema in schemas { _ = try? db.execute("DROP SCHEMA IF EXISTS \(try db.quoteIdentifier(schema)) CASCADE") } }
        #expect(schemas.count == 2 && schemas.contains(name + "_latest"))
        #expect(try db.execute("SELECT count(*) FROM \(try db.quoteIdentifier(name + "_latest")).life_circles WHERE level = 'county'").rows[0][0].flatMap(Int.init) ?? 0 > 0)
    }
}
