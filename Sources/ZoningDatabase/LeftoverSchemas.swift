/// Schemas that runs which ended (killed, the machine stopped, a failure whose own cleanup
/// failed) left behind: the push-down engine's work schemas and run schemas never published
/// (`SchemaMark` with state `writing`) whose writer's session lock (`SessionLock`) is free.
/// A schema whose writer still runs is never touched, nor one without zoning's mark.
///
/// A run schema whose tables were all in, but whose run ended before the transaction that
/// switches the latest views to it, is such a schema too: the latest views never showed it,
/// and it is removed (its run's folder on disk holds everything; run again to publish).
///
/// ```swift
/// for found in try LeftoverSchemas.clean(db, project: nil, dryRun: true) {
///     print(found.schema, found.ended)   // zoning_engine_0a1b2c3d4e5f true
/// }
/// ```
public enum LeftoverSchemas {
    public struct Found: Sendable, Equatable {
        public var schema: String
        public var mark: SchemaMark
        /// True when the writer has ended (its lock was free): removed, or to be with a dry run.
        public var ended: Bool
        /// Why an ended run's schema could not be dropped (the server's words: another role
        /// owns it, say); nil when it was.
        public var problem: String? = nil

        /// Ended and dropped (or, with a dry run, to be).
        public var removed: Bool { ended && problem == nil }
    }

    /// Every marked schema still being written, of `project` only when given; those whose
    /// writer has ended are dropped (with `CASCADE`, under no statement timeout) unless
    /// `dryRun`. Sorted by name.
    /// A drop the server refuses (the schema's owner is another role) is reported in the
    /// schema's `problem`, and the others go on.
    /// - Throws: `DatabaseError` when the catalogue cannot be read.
    @discardableResult
    public static func clean(_ db: DatabaseConnection, project: String? = nil, dryRun: Bool = false) throws -> [Found] {
        let rows = try db.execute(
            """
            SELECT nspname, obj_description(oid, 'pg_namespace') FROM pg_namespace
            WHERE obj_description(oid, 'pg_namespace') LIKE '%"zoning":1%' ORDER BY nspname
            """, operation: "the list of zoning's schemas").rows
        var found: [Found] = []
        for row in rows {
            guard let schema = row[0], let mark = SchemaMark(comment: row[1]), mark.state == .writing, mark.kind != .latest else { continue }
            if let project, mark.project != project { continue }
            guard let key = mark.lock, try SessionLock.take(key, db) else {
                found.append(Found(schema: schema, mark: mark, ended: false))
                continue
            }
            defer { SessionLock.release(key, db) }
            // Read again under the lock: a writer marks its schema published before it lets go.
            guard let now = try SchemaMark.read(schema: schema, db), now.state == .writing, now.lock == key else { continue }
            var problem: String?
            if !dryRun {
                do {
                    try db.transaction {
                        try db.execute("SET LOCAL statement_timeout = 0")
                        try db.execute("DROP SCHEMA IF EXISTS \(try db.quoteIdentifier(schema)) CASCADE", operation: "dropping \(schema), left by an ended run")
                    }
                } catch let error as DatabaseError {
                    guard db.isOpen else { throw error }
                    problem = "\(error)"
                }
            }
            found.append(Found(schema: schema, mark: mark, ended: true, problem: problem))
        }
        return found
    }
}
