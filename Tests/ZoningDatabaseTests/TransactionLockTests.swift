import Foundation
import Testing
import ZoningDatabase
import ZoningTestSupport

@Suite(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
struct TransactionLockTests {
    /// A second session taking the same name waits until the first's transaction ends (commit
    /// or rollback); another name does not wait.
    @Test func theSameNameWaitsUntilTheTransactionEnds() throws {
        let url = try DatabaseURL(TestDatabase.requiredURL())
        let name = TestDatabase.uniqueName("lock")
        let first = try DatabaseConnection(url)
        for end in ["COMMIT", "ROLLBACK"] {
            try first.execute("BEGIN")
            try TransactionLock.take(TransactionLock(name), first, waitingFor: "the first lock")
            // Another name is free at once.
            let other = try DatabaseConnection(url)
            try other.transaction { try TransactionLock.take(TransactionLock(name + " other"), other, waitingFor: "another lock") }
            let finished = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var outcome: Result<Void, Error>?
            Thread.detachNewThread {
                outcome = Result {
                    let second = try DatabaseConnection(url)
                    try second.transaction { try TransactionLock.take(TransactionLock(name), second, waitingFor: "the second lock") }
                }
                finished.signal()
            }
            #expect(finished.wait(timeout: .now() + 1) == .timedOut, "\(end)")
            try first.execute(end)
            #expect(finished.wait(timeout: .now() + 30) == .success, "\(end)")
            #expect(throws: Never.self) { try outcome?.get() }
        }
    }

    /// A schema's lock is named for the schema, so loads into two schemas do not wait on each other.
    @Test func aSchemasLockIsNamedForIt() {
        #expect(TransactionLock.schema("county") == TransactionLock("zoning schema county"))
        #expect(TransactionLock.schema("a") != TransactionLock.schema("b"))
    }
}
