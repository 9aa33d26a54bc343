import Foundation
import Testing
import ZoningDatabase
import ZoningTestSupport

/// What ended runs leave is removed; what a live run writes, what is published and what zoning
/// did not mark never is.
@Suite(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
struct LeftoverSchemasTests {
    @Test func onlySchemasOfEndedWritersAreRemoved() throws {
        let url = try DatabaseURL(TestDatabase.requiredURL())
        let cleaner = try DatabaseConnection(url)
        let project = TestDatabase.uniqueName("项目")
        let names = ["live", "dead", "published", "unmarked", "other"].map { TestDatabase.uniqueName($0) }
        defer { for name in names { _ = try? cleaner.execute("DROP SCHEMA IF EXISTS \(try cleaner.quoteIdentifier(name)) CASCADE") } }
        var writer: DatabaseConnection? = try DatabaseConnection(url)
        let ended = try DatabaseConnection(url)
        let liveKey = try SessionLock.acquire(writer!)
        let deadKey = try SessionLock.acquire(ended)
        for name in names { try cleaner.execute("CREATE SCHEMA \(try cleaner.quoteIdentifier(name))") }
        try SchemaMark(kind: .run, project: project, state: .writing, lock: liveKey).write(on: names[0], cleaner)
        try SchemaMark(kind: .work, project: project, state: .writing, lock: deadKey).write(on: names[1], cleaner)
        try SchemaMark(kind: .run, project: project, state: .published, lock: nil).write(on: names[2], cleaner)
        try SchemaMark(kind: .run, project: project + "x", state: .writing, lock: deadKey).write(on: names[4], cleaner)
        // While both writers live, nothing goes.
        let before = try LeftoverSchemas.clean(cleaner, project: project)
        #expect(before.map(\.schema).sorted() == [names[0], names[1]].sorted() && before.allSatisfy { !$0.ended })
        // The second ends: its schema goes (a dry run only lists it), the live one stays.
        SessionLock.release(deadKey, ended)
        let dry = try LeftoverSchemas.clean(cleaner, project: project, dryRun: true)
        #expect(dry.filter(\.ended).map(\.schema) == [names[1]])
        #expect(try schemaExists(names[1], cleaner))
        let removed = try LeftoverSchemas.clean(cleaner, project: project)
        #expect(removed.filter(\.ended).map(\.schema) == [names[1]])
        #expect(try !schemaExists(names[1], cleaner))
        #expect(try schemaExists(names[0], cleaner) && schemaExists(names[2], cleaner) && schemaExists(names[3], cleaner) && schemaExists(names[4], cleaner))
        // The first writer's session ends (as when its process is killed): its schema goes too.
        writer = nil
        // The server ends the session a moment after the client goes.
        var gone: [String] = []
        for _ in 0..<100 where gone.isEmpty {
            gone = try LeftoverSchemas.clean(cleaner, project: project).filter(\.ended).map(\.schema)
            if gone.isEmpty { usleep(100_000) }
        }
        #expect(gone == [names[0]])
        #expect(try !schemaExists(names[0], cleaner))
        #expect(try schemaExists(names[2], cleaner) && schemaExists(names[3], cleaner) && schemaExists(names[4], cleaner))
        _ = liveKey
    }

    func schemaExists(_ name: String, _ db: DatabaseConnection) throws -> Bool {
        try db.execute("SELECT count(*) FROM pg_namespace WHERE nspname = $1", [name]).rows == [["1"]]
    }
}
