import Testing
import ZoningDatabase
import ZoningTestSupport

@Suite struct QueryResultTests {
    @Test func hexByteaIsDecoded() {
        #expect(QueryResult.bytes(fromHex: "\\x01ff0A") == [0x01, 0xFF, 0x0A])
        #expect(QueryResult.bytes(fromHex: "\\x") == [])
        #expect(QueryResult.bytes(fromHex: "01ff") == nil)
        #expect(QueryResult.bytes(fromHex: "\\x0g") == nil)
    }

    @Test(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
    func rowsComeBackAsTextWithNulls() throws {
        let db = try DatabaseConnection(DatabaseURL(TestDatabase.requiredURL()))
        let result = try db.execute("SELECT 1 AS one, NULL::text AS nothing, '城关村'::text AS name, '\\x01ff'::bytea AS bytes")
        #expect(result.columns == ["one", "nothing", "name", "bytes"])
        #expect(result.rows == [["1", nil, "城关村", "\\x01ff"]])
    }

    @Test(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
    func refusedStatementsCarryTheServersMessageAndCode() throws {
        let db = try DatabaseConnection(DatabaseURL(TestDatabase.requiredURL()))
        #expect(throws: DatabaseError.queryFailed(
            operation: "the lookup", sqlState: "42P01", message: "relation \"no_such_table\" does not exist")) {
            try db.execute("SELECT * FROM no_such_table", operation: "the lookup")
        }
    }
}
