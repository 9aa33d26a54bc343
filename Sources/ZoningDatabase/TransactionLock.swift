/// A transaction-level advisory lock (`pg_advisory_xact_lock`) on a name: the session that
/// takes it holds it until its transaction ends, and any other session taking the same name
/// waits until then. It serializes making a shared catalogue object that two runs may reach
/// for at once — `CREATE … IF NOT EXISTS` alone is not enough, since both sessions can pass the
/// check and the second then fails on a duplicate key in the catalogue.
///
/// ```swift
/// try db.transaction {
///     try TransactionLock.take(.schema("county"), db, waitingFor: "creating schema county")
///     try db.execute("CREATE SCHEMA IF NOT EXISTS county")   // the other session waits above
/// }
/// ```
public struct TransactionLock: Sendable, Equatable {
    /// The lock's name; hashed to the 64-bit key PostgreSQL locks on (`hashtextextended`).
    public let name: String

    public init(_ name: String) { self.name = name }

    /// The lock of the schema `name`: taken by whoever creates it.
    public static func schema(_ name: String) -> TransactionLock { TransactionLock("zoning schema " + name) }

    /// Takes `lock` inside `db`'s current transaction, waiting while another session holds it.
    /// `waitingFor` names what waits, for the error should the wait fail (a statement timeout).
    public static func take(_ lock: TransactionLock, _ db: DatabaseConnection, waitingFor: String) throws {
        try db.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [lock.name], operation: waitingFor)
    }
}
