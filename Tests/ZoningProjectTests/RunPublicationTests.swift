import Foundation
import Testing
import ZoningDatabase
import ZoningLayers
import ZoningProject
import ZoningTestSupport
import ZoningSampleRun

@Suite struct RunPublicationTests {
    @Test func schemaNamesComeFromTheProject() {
        #expect(RunPublication.slug("样例市 (sample county)") == "样例市_sample_county")
        #expect(RunPublication.slug("  ") == "zoning")
        #expect(RunPublication.slug("x\"; DROP TABLE y; --") == "x_drop_table_y")
    }

    /// The sample run, published twice: every layer and table with its rows, the manifest, and
    /// latest views that follow the second run.
    @Test(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
    func theSampleRunIsPublished() throws {
        let run = try SampleRun.get()
        let name = TestDatabase.uniqueName("样例")
        let db = try DatabaseConnection(DatabaseURL(TestDatabase.requiredURL()))
        let first = try RunPublication.publish(folder: run.folder, projectName: name, database: TestDatabase.requiredURL(), at: Date(timeIntervalSince1970: 1_740_000_000))
        let second = try RunPublication.publish(folder: run.folder, projectName: name, database: TestDatabase.requiredURL(), at: Date(timeIntervalSince1970: 1_740_000_060))
        defer {
            for schema in [first.schema, second.schema, first.latestSchema] {
                _ = try? db.execute("DROP SCHEMA IF EXISTS \(try db.quoteIdentifier(schema)) CASCADE")
            }
        }
        #expect(first.schema == name + "_20250219_212000")
        #expect(first.latestSchema == name + "_latest" && second.latestSchema == first.latestSchema)
        let files = try FileManager.default.contentsOfDirectory(atPath: run.folder).filter { $0.hasSuffix(".shp") || $0.hasSuffix(".csv") }
        #expect(first.tables.count == files.count + 1)
        #expect(first.tables.contains("builtup_regions") && first.tables.contains("builtup_regions_csv") && first.tables.contains("villages_classified"))

        // Each layer: as many rows as the shapefile, in its SRID.
        for file in files where file.hasSuffix(".shp") {
            let table = file.dropLast(4).replacingOccurrences(of: "-", with: "_")
            let source = try LayerFile.open(run.folder + "/" + file)
            var count = 0
            try source.forEach { _ in count += 1 }
            let published = try PostGISLayerReader(url: DatabaseURL(TestDatabase.url(table: "\(second.latestSchema).\(table)")))
            #expect(try published.count() == count, "\(table)")
            #expect(published.crs?.epsg == 4528, "\(table)")
            #expect(published.schema.names == source.schema.names, "\(table)")
        }
        // A table: the CSV's rows, numbers typed.
        let csv = try CSVTableReader.table(run.folder + "/classification.csv")
        let quoted = try db.quoteIdentifier(second.schema)
        #expect(try db.execute("SELECT count(*) FROM \(quoted).classification").rows == [[String(csv.rows.count)]])
        let columns = try db.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'classification' AND column_name <> 'zoning_fid' ORDER BY ordinal_position",
            [second.schema]).rows.map { $0[0] ?? "" }
        #expect(columns == csv.header)
        // The manifest, and views pointing at the second run.
        #expect(try db.execute("SELECT count(*) > 0 FROM \(quoted).manifest WHERE key = 'outputs'").rows == [["t"]])
        let view = try db.execute("SELECT definition FROM pg_views WHERE schemaname = $1 AND viewname = 'classification'", [first.latestSchema]).rows[0][0] ?? ""
        #expect(view.contains(second.schema))
        #expect(!view.contains(first.schema))
    }

    /// Drops every schema whose name begins with `prefix`.
    static func dropSchemas(beginning prefix: String, _ db: DatabaseConnection) {
        let rows = (try? db.execute("SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)", [prefix]).rows) ?? []
        for row in rows { _ = try? db.execute("DROP SCHEMA IF EXISTS \(try db.quoteIdentifier(row[0] ?? "")) CASCADE") }
    }

    /// The schemas whose name begins with `prefix`, sorted.
    static func schemas(beginning prefix: String, _ db: DatabaseConnection) throws -> [String] {
        try db.execute("SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1) ORDER BY 1", [prefix]).rows.map { $0[0] ?? "" }
    }

    /// The run schema the latest view `classification` of `latest` shows.
    static func latestRun(_ latest: String, _ db: DatabaseConnection) throws -> String? {
        let definition = try db.execute("SELECT definition FROM pg_views WHERE schemaname = $1 AND viewname = 'classification'", [latest]).rows.first?[0] ?? nil
        return try schemas(beginning: String(latest.dropLast("latest".count)), db).first { definition?.contains("\($0).classification") == true || definition?.contains("\"\($0)\".classification") == true }
    }

    /// Project names of 20 and 30 Chinese characters: two runs on the same day both publish,
    /// into schemas within PostgreSQL's 63 bytes named by a cut of the name and its hash, and
    /// the latest views follow the second. (Before, their run schemas were refused.)
    @Test(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason), arguments: [20, 30])
    func longProjectNamesPublishTwiceADay(characters: Int) throws {
        let run = try SampleRun.get()
        let letters = Array("城镇乡村街道社区")
        let unique = String((0..<8).map { _ in letters[Int.random(in: 0..<letters.count)] })
        let name = unique + String(repeating: "县", count: characters - 8)
        #expect(name.count == characters)
        let url = try TestDatabase.requiredURL()
        let db = try DatabaseConnection(DatabaseURL(url))
        let prefix = try PublicationSchemas(projectName: name).prefix
        defer { Self.dropSchemas(beginning: prefix, db) }
        let first = try RunPublication.publish(folder: run.folder, projectName: name, database: url, at: Date(timeIntervalSince1970: 1_740_000_000))
        let second = try RunPublication.publish(folder: run.folder, projectName: name, database: url, at: Date(timeIntervalSince1970: 1_740_030_000))
        #expect(first.shortened && second.shortened)
        #expect(first.schema != second.schema && first.latestSchema == second.latestSchema)
        #expect(first.schema.utf8.count <= 63 && first.schema.hasPrefix(String(name.prefix(12)) + "_"))
        #expect(try Self.schemas(beginning: prefix, db) == [first.schema, second.schema, first.latestSchema].sorted())
        #expect(try Self.latestRun(first.latestSchema, db) == second.schema)
    }

    /// Two names that give one latest schema (`X (A)` and `X-a`): the second is refused, naming
    /// the first and the fix; the latest views stay on the first project's run, and nothing of
    /// the second stays. The same name publishes again.
    @Test(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
    func theLatestSchemaBelongsToOneProject() throws {
        let run = try SampleRun.get()
        let base = TestDatabase.uniqueName("平度市")
        let url = try TestDatabase.requiredURL()
        let db = try DatabaseConnection(DatabaseURL(url))
        let prefix = RunPublication.slug(base)
        defer { Self.dropSchemas(beginning: prefix, db) }
        let first = try RunPublication.publish(folder: run.folder, projectName: base + " (A)", database: url, at: Date(timeIntervalSince1970: 1_740_000_000))
        #expect(first.latestSchema == prefix + "_a_latest")
        let error = #expect(throws: PublicationError.self) {
            try RunPublication.publish(folder: run.folder, projectName: base + "-a", database: url, at: Date(timeIntervalSince1970: 1_740_000_060))
        }
        #expect(error == .latestOfAnotherProject(schema: first.latestSchema, owner: base + " (A)", project: base + "-a"))
        #expect(error?.description.contains("Give this project a name: that differs") == true)
        #expect(try Self.schemas(beginning: prefix, db) == [first.schema, first.latestSchema].sorted())
        #expect(try Self.latestRun(first.latestSchema, db) == first.schema)
        let again = try RunPublication.publish(folder: run.folder, projectName: base + " (A)", database: url, at: Date(timeIntervalSince1970: 1_740_000_120))
        #expect(try Self.latestRun(first.latestSchema, db) == again.schema)
    }

    /// A user's own view in the latest schema survives each publication, which replaces only
    /// zoning's views; a schema of the latest name that zoning did not make (a user's
    /// `reports_latest` with a view of their own) is refused and left as it was.
    @Test(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
    func onlyZoningsViewsAreReplaced() throws {
        let run = try SampleRun.get()
        let url = try TestDatabase.requiredURL()
        let db = try DatabaseConnection(DatabaseURL(url))
        let name = TestDatabase.uniqueName("Reports")
        let prefix = RunPublication.slug(name)
        defer { Self.dropSchemas(beginning: prefix, db) }
        let first = try RunPublication.publish(folder: run.folder, projectName: name, database: url, at: Date(timeIntervalSince1970: 1_740_000_000))
        let latest = try db.quoteIdentifier(first.latestSchema)
        // Views of the user's own in the latest schema, one of them over zoning's view.
        try db.execute("CREATE VIEW \(latest).note AS SELECT 'mine'::text AS what")
        try db.execute("CREATE VIEW \(latest).units AS SELECT count(*) AS units FROM \(latest).classification")
        // The second run's table holds one row more, so that the user's view shows which run it reads.
        let second = try RunPublication.publish(folder: run.folder, projectName: name, database: url, at: Date(timeIntervalSince1970: 1_740_000_060))
        let rows = try #require(Int(try db.execute("SELECT count(*) FROM \(try db.quoteIdentifier(second.schema)).classification").rows[0][0] ?? ""))
        try db.execute("INSERT INTO \(try db.quoteIdentifier(second.schema)).classification (zoning_fid) VALUES (\(rows + 1000))")
        #expect(try db.execute("SELECT what FROM \(latest).note").rows == [["mine"]])
        #expect(try db.execute("SELECT units FROM \(latest).units").rows == [[String(rows + 1)]])
        #expect(try Self.latestRun(first.latestSchema, db) == second.schema)

        // A reports_latest made by the user.
        let other = TestDatabase.uniqueName("reports")
        let theirs = RunPublication.slug(other) + "_latest"
        defer { Self.dropSchemas(beginning: RunPublication.slug(other), db) }
        try db.execute("CREATE SCHEMA \(try db.quoteIdentifier(theirs))")
        try db.execute("CREATE VIEW \(try db.quoteIdentifier(theirs)).mine AS SELECT 1 AS one")
        let error = #expect(throws: PublicationError.self) {
            try RunPublication.publish(folder: run.folder, projectName: other, database: url, at: Date(timeIntervalSince1970: 1_740_000_000))
        }
        #expect(error == .latestNotZonings(schema: theirs, holds: ["mine"]))
        #expect(try db.execute("SELECT one FROM \(try db.quoteIdentifier(theirs)).mine").rows == [["1"]])
        #expect(try Self.schemas(beginning: RunPublication.slug(other), db) == [theirs])
    }

    /// A run whose table has other columns, while a user's view depends on the latest view of
    /// it: PostgreSQL cannot make that view again, so the publication is refused naming the view
    /// and the fix, and nothing of it stays — the latest views still show the first run, and the
    /// user's view still works.
    @Test(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
    func aViewInUseWithOtherColumnsIsRefused() throws {
        let run = try SampleRun.get()
        let url = try TestDatabase.requiredURL()
        let db = try DatabaseConnection(DatabaseURL(url))
        let name = TestDatabase.uniqueName("inuse")
        let prefix = RunPublication.slug(name)
        defer { Self.dropSchemas(beginning: prefix, db) }
        let first = try RunPublication.publish(folder: run.folder, projectName: name, database: url, at: Date(timeIntervalSince1970: 1_740_000_000))
        let latest = try db.quoteIdentifier(first.latestSchema)
        try db.execute("CREATE VIEW \(latest).units AS SELECT count(*) AS units FROM \(latest).classification")
        let units = try db.execute("SELECT units FROM \(latest).units").rows

        // The second run's classification.csv without its last column.
        let changed = FileManager.default.temporaryDirectory.appendingPathComponent(TestDatabase.uniqueName("inuse-run")).path
        try FileManager.default.copyItem(atPath: run.folder, toPath: changed)
        defer { try? FileManager.default.removeItem(atPath: changed) }
        let table = changed + "/classification.csv"
        let lines = try String(contentsOfFile: table, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let header = try #require(lines.first).split(separator: ",")
        #expect(header.count > 2)
        let cut = lines.map { line in line.isEmpty ? line : line[..<(line.lastIndex(of: ",") ?? line.endIndex)] }
        try cut.joined(separator: "\n").write(toFile: table, atomically: true, encoding: .utf8)

        let error = #expect(throws: PublicationError.self) {
            try RunPublication.publish(folder: changed, projectName: name, database: url, at: Date(timeIntervalSince1970: 1_740_000_060))
        }
        guard case let .viewInUse(schema, view, _)? = error else { Issue.record("\(String(describing: error))"); return }
        #expect(schema == first.latestSchema && view == "classification")
        #expect(error?.description.contains("drop those views, publish again") == true)
        #expect(try Self.schemas(beginning: prefix, db) == [first.schema, first.latestSchema].sorted())
        #expect(try Self.latestRun(first.latestSchema, db) == first.schema)
        #expect(try db.execute("SELECT units FROM \(latest).units").rows == units)
    }

    /// A publication that fails on the session's statement_timeout (1 s, while a reader holds
    /// a latest view) drops its run schema all the same, although the drop has to wait for
    /// another reader of that schema longer than the timeout: the drop runs without it. Before,
    /// the drop failed on the same timeout and the schema stayed for good.
    @Test(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
    func aStatementTimeoutLeavesNoSchema() throws {
        let run = try SampleRun.get()
        let url = try TestDatabase.requiredURL()
        let db = try DatabaseConnection(DatabaseURL(url)), reader = try DatabaseConnection(DatabaseURL(url))
        let name = TestDatabase.uniqueName("timeout")
        let prefix = RunPublication.slug(name)
        defer { Self.dropSchemas(beginning: prefix, db) }
        let first = try RunPublication.publish(folder: run.folder, projectName: name, database: url, at: Date(timeIntervalSince1970: 1_740_000_000))
        let second = try PublicationSchemas(projectName: name).run(at: Date(timeIntervalSince1970: 1_740_000_060))
        let latestView = try db.quoteIdentifier(first.latestSchema) + ".manifest", runTable = try db.quoteIdentifier(second) + ".manifest"
        try reader.execute("BEGIN")
        try reader.execute("SELECT * FROM \(latestView) LIMIT 0")

        final class Outcome: @unchecked Sendable { var error: (any Error)?; let done = DispatchSemaphore(value: 0) }
        let outcome = Outcome()
        let hurried = url + (url.contains("?") ? "&" : "?") + "options=-c%20statement_timeout%3D1000"
        let folder = run.folder
        Thread {
            do { _ = try RunPublication.publish(folder: folder, projectName: name, database: hurried, at: Date(timeIntervalSince1970: 1_740_000_060)) } catch { outcome.error = error }
            outcome.done.signal()
        }.start()
        func waiting(_ relation: String) throws -> Bool {
            try db.execute("SELECT count(*) FROM pg_locks WHERE relation = to_regclass($1) AND NOT granted", [relation]).rows != [["0"]]
        }
        // The publication waits for the latest view: the reader takes the new run's manifest too.
        var finished = false
        while !finished, try !waiting(latestView) { finished = outcome.done.wait(timeout: .now() + 0.1) == .success }
        if !finished { try reader.execute("SELECT * FROM \(runTable) LIMIT 0") }
        // Its statement times out; its drop of the run schema waits for the reader (or, before, timed out too).
        for _ in 0..<100 where !finished {
            if try waiting(runTable) {
                // Longer than the timeout.
                finished = outcome.done.wait(timeout: .now() + 2.5) == .success
                break
            }
            finished = outcome.done.wait(timeout: .now() + 0.1) == .success
        }
        try reader.execute("COMMIT")
        if !finished { outcome.done.wait() }
        #expect(outcome.error != nil)
        #expect(try Self.schemas(beginning: prefix, db) == [first.schema, first.latestSchema].sorted())
        #expect(try Self.latestRun(first.latestSchema, db) == first.schema)
    }
}
