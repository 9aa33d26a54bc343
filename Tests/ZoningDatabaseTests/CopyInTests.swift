import Testing
import ZoningDatabase
import ZoningTestSupport

@Suite struct CopyInTests {
    @Test func textIsEscapedForCopy() {
        #expect(CopyText.row(["a\tb", nil, "城关", "back\\slash\nline\r"]) == "a\\tb\t\\N\t城关\tback\\\\slash\\nline\\r\n")
    }

    @Test(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
    func rowsArriveIntactThroughCopy() throws {
        let db = try DatabaseConnection(DatabaseURL(TestDatabase.requiredURL()))
        let table = TestDatabase.uniqueName("copy")
        try db.execute("CREATE TABLE \(table) (n integer, t text)")
        defer { _ = try? db.execute("DROP TABLE \(table)") }
        let texts: [String?] = ["城关村", "tab\there", "line\nbreak", "back\\slash", nil, ""]
        let count = try db.copy("COPY \(table) (n, t) FROM STDIN") { send in
            for (n, text) in texts.enumerated() { try send(CopyText.row([String(n), text])) }
            // Enough rows to fill several blocks.
            for n in 0..<20000 { try send(CopyText.row([String(100 + n), "行\(n)"])) }
        }
        #expect(count == texts.count + 20000)
        let back = try db.execute("SELECT t FROM \(table) WHERE n < 100 ORDER BY n").rows.map { $0[0] }
        #expect(back == texts)
    }

    @Test(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
    func aFailedCopyKeepsNothing() throws {
        struct Stop: Error {}
        let db = try DatabaseConnection(DatabaseURL(TestDatabase.requiredURL()))
        let table = TestDatabase.uniqueName("copy")
        try db.execute("CREATE TABLE \(table) (n integer)")
        defer { _ = try? db.execute("DROP TABLE \(table)") }
        #expect(throws: Stop.self) {
            try db.copy("COPY \(table) (n) FROM STDIN") { send in
                for n in 0..<1000 { try send(CopyText.row([String(n)])) }
                throw Stop()
            }
        }
        // A bad value late in the stream: the server refuses the COPY and names the line.
        do {
            try db.copy("COPY \(table) (n) FROM STDIN") { send in
                for n in 0..<50000 { try send(CopyText.row([String(n)])) }
                try send(CopyText.row(["not a number"]))
            }
            Issue.record("the COPY should have failed")
        } catch let DatabaseError.queryFailed(_, sqlState, message) {
            #expect(sqlState == "22P02")
            #expect(message.contains("line 50001"))
        }
        #expect(try db.execute("SELECT count(*) FROM \(table)").rows == [["0"]])
        #expect(db.isOpen)
    }
}
