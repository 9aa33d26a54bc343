import Foundation
import Testing
import ZoningDatabase
@testable import ZoningProject
import ZoningReport
import ZoningSampleRun
import ZoningTestSupport

/// A run published with --db opens styled in QGIS from PostGIS: every table and every latest
/// view has its style as the default in QGIS's `public.layer_styles`, and the run's project,
/// stored in the schema's `qgis_projects`, opens with every layer valid, read from the tables.
@Suite struct StylePublicationTests {
    @Test(.enabled(if: TestDatabase.isAvailable && (QGISPython.isAvailable || SharedData.inCI), "needs PostGIS (Scripts/test.sh) and python3-qgis"))
    func publishedLayersOpenStyledInQGIS() throws {
        let run = try SampleRun.get()
        let url = try TestDatabase.requiredURL()
        let db = try DatabaseConnection(DatabaseURL(url))
        let published = try RunPublication.publish(folder: run.folder, projectName: TestDatabase.uniqueName("styles"), database: url)
        defer {
            for schema in [published.schema, published.latestSchema] {
                StylePublication.removeStyles(db, schema: schema)
                _ = try? db.execute("DROP SCHEMA IF EXISTS \(try db.quoteIdentifier(schema)) CASCADE")
            }
        }
        let layers = try FileManager.default.contentsOfDirectory(atPath: run.folder).filter { $0.hasSuffix(".shp") }.map { String($0.dropLast(4)) }.sorted()
        // One default style per table and per latest view, each the run's .qml.
        let rows = try db.execute(
            "SELECT f_table_schema, f_table_name, stylename, styleqml::text FROM public.layer_styles WHERE f_table_schema IN ($1, $2) AND useasdefault",
            [published.schema, published.latestSchema]).rows
        #expect(rows.count == 2 * layers.count)
        for row in rows {
            let qml = try String(contentsOfFile: run.folder + "/" + (row[2] ?? "") + ".qml", encoding: .utf8)
            #expect(row[3]?.contains("renderer-v2") == true && qml.contains("renderer-v2"), "\(row[1] ?? "")")
        }

        let endpoint = db.endpoint
        let connection = "dbname='\(endpoint.database)' host=\(endpoint.host) port=\(endpoint.port) user='\(endpoint.user)'"
        let environment = ["PGPASSWORD": try TestDatabase.password(), "PGHOST": endpoint.host, "PGPORT": endpoint.port, "PGUSER": endpoint.user]
        let sources = [published.schema, published.latestSchema].flatMap { schema in
            layers.map { layer in
                ["source": connection + " key='zoning_fid' table=\"\(schema)\".\"\(RunPublication.tableName(layer))\" (geom)", "provider": "postgres", "name": layer]
            }
        }
        let result = try QGISPython.check([
            "layers": sources,
            "project": "postgresql:?dbname=\(endpoint.database)&schema=\(published.schema)&project=\(StylePublication.projectName)",
        ], environment: environment)
        let opened = try #require(result["layers"] as? [[String: Any]])
        #expect(opened.count == 2 * layers.count)
        for (index, layer) in opened.enumerated() {
            StyleOutputsTests.checkLayer(layer, name: layers[index % layers.count], run: run.result.report, shares: [],
                                         context: index < layers.count ? "PostGIS table" : "PostGIS latest view")
        }
        let project = try #require(result["project"] as? [String: Any])
        #expect(project["read"] as? Bool == true)
        let projectLayers = try #require(project["layers"] as? [[String: Any]])
        #expect(projectLayers.count == StyleOutputs.groups(run.result.report).flatMap(\.all).count && project["missing"] as? Int == 0)
        for layer in projectLayers {
            #expect(layer["valid"] as? Bool == true, "\(layer["name"] ?? "")")
            #expect(((layer["source"] as? String) ?? "").contains("\"\(published.schema)\""), "\(layer["source"] ?? "")")
            #expect(((layer["features"] as? Int) ?? 0) > 0, "\(layer["name"] ?? "")")
        }
    }

    /// A role that may not write QGIS's `public.layer_styles` still publishes the run, with its
    /// project (which carries the styles), and is told why the style rows are missing.
    @Test(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
    func aRoleWithoutRightsOnLayerStylesStillPublishes() throws {
        let run = try SampleRun.get()
        let admin = try DatabaseConnection(DatabaseURL(TestDatabase.requiredURL()))
        try admin.execute(StylePublication.stylesTableDDL)
        let role = TestDatabase.uniqueName("nostyles"), name = TestDatabase.uniqueName("nostylesrun")
        let quotedRole = try admin.quoteIdentifier(role)
        try admin.execute("CREATE ROLE \(quotedRole) LOGIN PASSWORD 'secret'")
        try admin.execute("GRANT CREATE ON DATABASE zoning_test TO \(quotedRole)")
        defer {
            let schemas = (try? admin.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE $1", [name + "%"]).rows) ?? []
            for row in schemas { _ = try? admin.execute("DROP SCHEMA IF EXISTS \(try admin.quoteIdentifier(row[0] ?? "")) CASCADE") }
            _ = try? admin.execute("DROP OWNED BY \(quotedRole) CASCADE")
            _ = try? admin.execute("DROP ROLE \(quotedRole)")
        }
        let url = try TestDatabase.requiredURL().replacingOccurrences(of: "zoning:" + TestDatabase.password() + "@", with: role + ":secret@")
        let published = try RunPublication.publish(folder: run.folder, projectName: name, database: url)
        #expect(published.stylesRefused?.contains("public.layer_styles") == true)
        let stored = try admin.execute("SELECT name, length(content) > 0 FROM \(try admin.quoteIdentifier(published.schema)).qgis_projects").rows
        #expect(stored == [[StylePublication.projectName, "t"]])
        let rows = try admin.execute("SELECT count(*) FROM public.layer_styles WHERE f_table_schema = $1", [published.schema]).rows
        #expect(rows == [["0"]])
    }
    /// Two runs making QGIS's `layer_styles` at once: while one has made it in a transaction
    /// not yet committed, the other waits, then finds it made (without the lock its `CREATE
    /// TABLE IF NOT EXISTS` fails on the id sequence once the first commits). In a database of
    /// its own, where the table does not exist yet.
    @Test(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
    func twoRunsMakeTheStylesTableAtOnce() throws {
        let base = try TestDatabase.requiredURL()
        let admin = try DatabaseConnection(DatabaseURL(base))
        let name = TestDatabase.uniqueName("styles_race")
        try admin.execute("CREATE DATABASE \(try admin.quoteIdentifier(name))")
        defer { _ = try? admin.execute("DROP DATABASE IF EXISTS \(try admin.quoteIdentifier(name)) WITH (FORCE)") }
        let url = base.replacingOccurrences(of: "/" + admin.endpoint.database, with: "/" + name)
        let first = try DatabaseConnection(DatabaseURL(url))
        #expect(first.endpoint.database == name)
        // The first run holds the lock and has made the table, not yet committed.
        try first.execute("BEGIN")
        try TransactionLock.take(StylePublication.stylesTableLock, first, waitingFor: "the test's lock")
        try first.execute(StylePublication.stylesTableDDL)
        let finished = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: Error?? = nil
        Thread.detachNewThread {
            do { try StylePublication.makeStylesTable(DatabaseConnection(DatabaseURL(url))); outcome = .some(nil) } catch { outcome = .some(error) }
            finished.signal()
        }
        // The second waits on the lock while the first's transaction is open.
        #expect(finished.wait(timeout: .now() + 1) == .timedOut)
        try first.execute("COMMIT")
        #expect(finished.wait(timeout: .now() + 30) == .success)
        if case .some(.some(let error)) = outcome { Issue.record("the second run failed: \(error)") }
        #expect(outcome != nil)
        let tables = try first.execute("SELECT count(*) FROM pg_class WHERE relname = 'layer_styles'").rows.first?.first ?? nil
        #expect(tables == "1")
    }
}
