/// A session-level advisory lock (`pg_advisory_lock`) on a random key: held by one session
/// until it releases it or ends — also when its process is killed, since the server ends
/// the session then. Whoever can take the key knows that its holder has ended.
///
/// A run holds one for its whole life and writes its key into the marks of the schemas it
/// makes (`SchemaMark.lock`); `LeftoverSchemas` removes a marked schema only once it can take
/// that key itself.
///
/// ```swift
/// let key = try SessionLock.acquire(db)   // 81985529216486895
/// try SessionLock.take(key, other)        // false: db's session holds it while it lives
/// ```
public enum SessionLock {
    /// Takes a fresh key on `db`'s session.
    public static func acquire(_ db: DatabaseConnection) throws -> Int64 {
        while true {
            let key = Int64.random(in: 1...Int64.max)
            if try take(key, db) { return key }
        }
    }

    /// Tries to take `key` on `db`'s session without waiting: true when taken (its earlier
    /// holder, if any, has ended).
    public static func take(_ key: Int64, _ db: DatabaseConnection) throws -> Bool {
        try db.execute("SELECT pg_try_advisory_lock($1::bigint)", [String(key)], operation: "taking an advisory lock").rows.first?[0] == "t"
    }

    /// Releases `key` held by `db`'s session.
    public static func release(_ key: Int64, _ db: DatabaseConnection) {
        _ = try? db.execute("SELECT pg_advisory_unlock($1::bigint)", [String(key)], operation: "releasing an advisory lock")
    }
}
