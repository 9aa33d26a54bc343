import Foundation
import Testing
import ZoningDatabase
import ZoningTestSupport

@Suite(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
struct DatabaseConnectionTests {
    @Test func valuesAreBoundNotSpliced() throws {
        let db = try DatabaseConnection(DatabaseURL(TestDatabase.requiredURL()))
        let hostile = "'; DROP TABLE spatial_ref_sys; --"
        #expect(try db.execute("SELECT $1::text || $2::text", [hostile, "村"]).rows == [[hostile + "村"]])
        #expect(try db.execute("SELECT count(*) > 0 FROM spatial_ref_sys").rows == [["t"]])
    }

    @Test func hostileNamesAreQuotedAsNames() throws {
        let db = try DatabaseConnection(DatabaseURL(TestDatabase.requiredURL()))
        let y = TestDatabase.uniqueName("y")
        let hostile = "x\"; DROP TABLE \(y); --"
        try db.execute("CREATE TABLE \(y) (n integer)")
        defer { _ = try? db.execute("DROP TABLE \(y)") }
        let quoted = try db.quoteIdentifier(hostile)
        #expect(quoted == "\"x\"\"; DROP TABLE \(y); --\"")
        try db.execute("CREATE TABLE \(quoted) (n integer)")
        defer { _ = try? db.execute("DROP TABLE \(quoted)") }
        #expect(try db.execute("SELECT to_regclass($1) IS NOT NULL", [y]).rows == [["t"]])
        #expect(try db.execute("SELECT count(*) FROM pg_class WHERE relname = $1", [hostile]).rows == [["1"]])
        #expect(try db.quoteLiteral("it's") == "'it''s'")
    }

    @Test func aWrongPasswordSaysSoAndHidesIt() throws {
        let url = try DatabaseURL(TestDatabase.url(password: "wrong-password"))
        #expect(throws: DatabaseError.passwordRejected(url: url.masked, user: "zoning")) { try DatabaseConnection(url) }
        let message = "\(DatabaseError.passwordRejected(url: url.masked, user: "zoning"))"
        #expect(message.contains("rejected the password"))
        #expect(message.contains("zoning:***@"))
        #expect(!message.contains("wrong-password"))
    }

    @Test func aMissingPasswordSaysSo() throws {
        let full = try TestDatabase.requiredURL()
        let password = try TestDatabase.password()
        let bare = full.replacingOccurrences(of: ":" + password + "@", with: "@")
        let folder = try TemporaryFolder()
        // No ~/.pgpass entry: the server's question goes unanswered.
        let emptyPassFile = folder.file("empty.pgpass")
        try "".write(toFile: emptyPassFile, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: emptyPassFile)
        let url = try DatabaseURL(bare + "&passfile=" + emptyPassFile)
        #expect(throws: DatabaseError.passwordMissing(url: url.masked, user: "zoning")) { try DatabaseConnection(url) }
    }

    @Test func thePasswordFileIsRead() throws {
        let full = try TestDatabase.requiredURL()
        let password = try TestDatabase.password()
        let folder = try TemporaryFolder()
        let passFile = folder.file("pgpass")
        try "*:*:*:zoning:\(password)\n".write(toFile: passFile, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passFile)
        let url = try DatabaseURL(full.replacingOccurrences(of: ":" + password + "@", with: "@") + "&passfile=" + passFile)
        #expect(!url.hasPassword)
        #expect(try DatabaseConnection(url).execute("SELECT current_user").rows == [["zoning"]])
    }

    @Test func anUnreachableServerSaysSo() throws {
        let url = try DatabaseURL("postgresql://zoning:secret@/zoning_test?host=/nonexistent-socket-folder")
        do {
            _ = try DatabaseConnection(url)
            Issue.record("connected to nothing")
        } catch let DatabaseError.unreachable(shown, message) {
            #expect(shown == "postgresql://zoning:***@/zoning_test?host=/nonexistent-socket-folder")
            #expect(message.contains("No such file or directory"))
        }
    }

    @Test func aMissingDatabaseSaysSo() throws {
        let url = try DatabaseURL(TestDatabase.requiredURL().replacingOccurrences(of: "/zoning_test?", with: "/no_such_db?"))
        #expect(throws: DatabaseError.databaseMissing(url: url.masked, message: "database \"no_such_db\" does not exist")) {
            try DatabaseConnection(url)
        }
    }

    @Test func aDatabaseWithoutPostGISSaysSo() throws {
        let admin = try DatabaseConnection(DatabaseURL(TestDatabase.requiredURL()))
        #expect(try !admin.requirePostGIS().isEmpty)
        let name = TestDatabase.uniqueName("plain")
        try admin.execute("CREATE DATABASE \(name)")
        defer { _ = try? admin.execute("DROP DATABASE \(name)") }
        let url = try DatabaseURL(TestDatabase.requiredURL().replacingOccurrences(of: "/zoning_test?", with: "/\(name)?"))
        do {
            let plain = try DatabaseConnection(url)
            #expect(throws: DatabaseError.postgisMissing(url: url.masked)) { try plain.requirePostGIS() }
        }
        #expect("\(DatabaseError.postgisMissing(url: url.masked))".contains("CREATE EXTENSION postgis"))
    }

    @Test func aFailedTransactionLeavesNothing() throws {
        struct Stop: Error {}
        let db = try DatabaseConnection(DatabaseURL(TestDatabase.requiredURL()))
        let table = TestDatabase.uniqueName("tx")
        #expect(throws: Stop.self) {
            try db.transaction {
                try db.execute("CREATE TABLE \(table) (n integer)")
                throw Stop()
            }
        }
        #expect(try db.execute("SELECT to_regclass($1) IS NULL", [table]).rows == [["t"]])
        try db.transaction { try db.execute("CREATE TABLE \(table) (n integer)") }
        defer { _ = try? db.execute("DROP TABLE \(table)") }
        #expect(try db.execute("SELECT to_regclass($1) IS NULL", [table]).rows == [["f"]])
    }

    @Test func aTerminatedSessionIsReportedAsLost() throws {
        let db = try DatabaseConnection(DatabaseURL(TestDatabase.requiredURL()))
        let other = try DatabaseConnection(DatabaseURL(TestDatabase.requiredURL()))
        try other.execute("SELECT pg_terminate_backend($1::integer)", [String(db.backendProcessID)])
        do {
            try db.execute("SELECT 1", operation: "the probe")
            Issue.record("the terminated session answered")
        } catch let DatabaseError.connectionLost(url, operation, _) {
            #expect(operation == "the probe")
            #expect(url.contains("zoning:***@"))
        }
    }
}
