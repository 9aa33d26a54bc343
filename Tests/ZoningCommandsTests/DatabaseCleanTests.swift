import Foundation
import Testing
import ZoningDatabase
import ZoningProject
import ZoningTestSupport

/// `zoning` killed while it writes into PostGIS: what it left is marked, removed by
/// `zoning db clean` or the project's next run once the killed run's session has ended, and
/// nothing else is. The cleans are of the test's project only (`--project`): a clean of the
/// whole database would take the leftovers that other tests, running meanwhile, look at.
@Suite(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
struct DatabaseCleanTests {
    /// Starts `zoning` in the background, as a shell would.
    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["--default-signal=INT,TERM", CommandLine.executable] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Polls `condition` every 0.2 s for up to `seconds`; its last answer.
    func eventually(_ seconds: Double = 300, _ condition: () throws -> Bool) rethrows -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try condition() { return true }
            usleep(200_000)
        }
        return try condition()
    }

    /// The schemas whose mark names `project`, with their marks.
    func marked(_ project: String, _ db: DatabaseConnection) throws -> [(schema: String, mark: SchemaMark)] {
        try db.execute("SELECT nspname, obj_description(oid, 'pg_namespace') FROM pg_namespace ORDER BY 1").rows.compactMap { row in
            guard let mark = SchemaMark(comment: row[1]), mark.project == project else { return nil }
            return (row[0] ?? "", mark)
        }
    }

    func dropMarked(_ project: String, _ db: DatabaseConnection) {
        for (schema, _) in (try? marked(project, db)) ?? [] {
            _ = try? db.execute("DROP SCHEMA IF EXISTS \(try db.quoteIdentifier(schema)) CASCADE")
        }
    }

    /// A run with `--engine postgis` killed while its work schema exists: the schema stays,
    /// marked; `zoning db clean --dry-run` lists it and removes nothing, `zoning db clean`
    /// removes it, and a work schema whose run is alive is left alone by both.
    @Test func aKilledEnginesWorkSchemaIsCleaned() throws {
        let folder = try TemporaryFolder()
        let name = TestDatabase.uniqueName("killed")
        try RunTests.sampleProject(name: name).write(toFile: folder.file("project.yaml"), atomically: true, encoding: .utf8)
        let url = try TestDatabase.requiredURL()
        let db = try DatabaseConnection(DatabaseURL(url))
        defer { dropMarked(name, db) }
        // Only this project's schemas: a clean of every project's would take other tests' leftovers.
        let scope = ["--project", name]
        // A live run's work schema, which no clean may touch: marked under a lock this session holds.
        let live = TestDatabase.uniqueName("zoning_engine_live")
        let key = try SessionLock.acquire(db)
        try db.execute("CREATE SCHEMA \(try db.quoteIdentifier(live))")
        defer { _ = try? db.execute("DROP SCHEMA IF EXISTS \(try db.quoteIdentifier(live)) CASCADE") }
        try SchemaMark(kind: .work, project: name, state: .writing, lock: key).write(on: live, db)

        let process = try start(["run", folder.file("project.yaml"), "--out", folder.file("out"), "--engine", "postgis", "--db", url, "-q"])
        let appeared = try eventually { try marked(name, db).contains { $0.mark.kind == .work && $0.schema != live } || !process.isRunning }
        try #require(appeared && process.isRunning, "the run's work schema never appeared while it ran")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let work = try #require(try marked(name, db).first { $0.mark.kind == .work && $0.schema != live }?.schema)

        // Once the server has ended the killed session, a dry run lists the schema.
        var dry = try CommandLine.run(["db", "clean", url, "--dry-run"] + scope)
        _ = try eventually {
            dry = try CommandLine.run(["db", "clean", url, "--dry-run"] + scope)
            return dry.output.contains("Would remove") && dry.output.contains(work)
        }
        #expect(dry.status == 0, "\(dry.errors)")
        #expect(dry.output.contains("Would remove 1 schema left by zoning runs that ended:\n  \(work)  the PostGIS engine's work schema of a run of project \(name), begun "), "\(dry.output)")
        #expect(dry.output.contains("Left alone, still being written by a running zoning") && dry.output.contains(live), "\(dry.output)")
        #expect(try marked(name, db).contains { $0.schema == work })
        let clean = try CommandLine.run(["db", "clean", url] + scope)
        #expect(clean.status == 0, "\(clean.errors)")
        #expect(clean.output.contains("Removed") && clean.output.contains(work), "\(clean.output)")
        #expect(try marked(name, db).map(\.schema) == [live])
        #expect(!clean.output.contains(try TestDatabase.password()))
        let again = try CommandLine.run(["db", "clean", url] + scope)
        #expect(again.output.contains("Nothing to remove: no schema of an ended zoning run of project \(name)"), "\(again.output)")
    }

    /// A run killed while it publishes, after every table of its schema is in but before the
    /// latest views switch to it (held there by a reader of a latest view): the latest views
    /// stay on the previous run, the run schema stays marked as being written, and the
    /// project's next run removes it and says so.
    @Test func aRunKilledBeforeTheSwitchIsRemovedByTheNextRun() throws {
        let folder = try TemporaryFolder()
        let name = TestDatabase.uniqueName("switch")
        try RunTests.sampleProject(name: name).write(toFile: folder.file("project.yaml"), atomically: true, encoding: .utf8)
        let url = try TestDatabase.requiredURL()
        let db = try DatabaseConnection(DatabaseURL(url)), reader = try DatabaseConnection(DatabaseURL(url))
        defer { dropMarked(name, db) }
        let first = try CommandLine.run(["run", folder.file("project.yaml"), "--out", folder.file("out"), "--db", url, "-q"])
        try #require(first.status == 0, "\(first.errors)")
        let latest = try #require(try marked(name, db).first { $0.mark.kind == .latest }?.schema)
        let published = try #require(try marked(name, db).first { $0.mark.kind == .run }?.schema)
        let view = try db.quoteIdentifier(latest) + ".manifest"

        try reader.execute("BEGIN")
        try reader.execute("SELECT * FROM \(view) LIMIT 0")
        let process = try start(["run", folder.file("project.yaml"), "--out", folder.file("out"), "--overwrite", "--db", url, "-q"])
        let waiting = try eventually {
            try db.execute("SELECT count(*) FROM pg_locks WHERE relation = to_regclass($1) AND NOT granted", [view]).rows != [["0"]] || !process.isRunning
        }
        try #require(waiting && process.isRunning, "the publication never waited for the latest views")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try reader.execute("COMMIT")
        let half = try #require(try marked(name, db).first { $0.mark.kind == .run && $0.mark.state == .writing }?.schema)
        #expect(try db.execute("SELECT count(*) FROM \(try db.quoteIdentifier(half)).manifest").rows != [["0"]])
        let shown = { try db.execute("SELECT definition FROM pg_views WHERE schemaname = $1 AND viewname = 'manifest'", [latest]).rows.first?[0] ?? nil }
        #expect(try shown()?.contains(published) == true)

        // The next run, once the killed session has ended, removes it and publishes.
        let key = try #require(try marked(name, db).first { $0.schema == half }?.mark.lock)
        #expect(eventually(120) { (try? SessionLock.take(key, reader)) == true })
        SessionLock.release(key, reader)
        let next = try CommandLine.run(["run", folder.file("project.yaml"), "--out", folder.file("out"), "--overwrite", "--db", url])
        #expect(next.status == 0, "\(next.errors)")
        #expect(next.output.contains("removed what ended runs of this project left: \(half)"), "\(next.output)")
        #expect(try !marked(name, db).contains { $0.schema == half })
        let runs = try marked(name, db).filter { $0.mark.kind == .run }
        #expect(runs.count == 2 && runs.allSatisfy { $0.mark.state == .published })
        #expect(try shown()?.contains(published) == false)
    }
}
