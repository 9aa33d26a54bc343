import ZoningDatabase

/// A project's `…_latest` schema (`RunPublication`): the views of its newest run. It belongs to
/// one project, recorded in its mark (`SchemaMark` of kind `latest`, in the schema's comment)
/// and checked before every replacement of its views, since two names can give one schema
/// (`平度市 (A)` and `平度市-a` both give `平度市_a_latest`). Only the views zoning made (their
/// comment begins with `viewCommentPrefix`) are replaced — in place (`CREATE OR REPLACE VIEW`)
/// when their columns stay, so that a user's view over one of them keeps working: anything
/// else a user put there stays.
///
/// A schema of that name which zoning did not make is refused, unless it is empty, or holds
/// only zoning's views of an older zoning that did not mark its schemas: then it is taken
/// over for the project publishing.
///
/// ```swift
/// try LatestSchema.check("平度市_a_latest", project: "平度市-a", db)   // .missing, .owned or .unmarked
/// ```
enum LatestSchema {
    enum State: Equatable { case missing, owned, unmarked }

    /// How the comment of a view zoning made begins.
    static let viewCommentPrefix = "The newest run's "

    /// Whether `project` may publish into `latest`.
    /// - Throws: `PublicationError.latestOfAnotherProject`, `.latestNotZonings`.
    static func check(_ latest: String, project: String, _ db: DatabaseConnection) throws -> State {
        let found = try db.execute(
            "SELECT oid, obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = $1", [latest],
            operation: "the lookup of schema \(latest)").rows
        guard let row = found.first, let oid = row[0] else { return .missing }
        if let mark = SchemaMark(comment: row[1]), mark.kind == .latest {
            guard mark.project == project else {
                throw PublicationError.latestOfAnotherProject(schema: latest, owner: mark.project ?? "?", project: project)
            }
            return .owned
        }
        if let mark = SchemaMark(comment: row[1]) {
            throw PublicationError.latestNotZonings(schema: latest, holds: [mark.what])
        }
        let foreign = try relations(in: oid, db).filter { !$0.zonings }.map(\.name)
        if !foreign.isEmpty || row[1] != nil {
            throw PublicationError.latestNotZonings(schema: latest, holds: foreign)
        }
        return .unmarked
    }

    /// Points the views of `latest` at the tables of `run` (call inside a transaction): checks
    /// the owner, creates and marks the schema when missing, drops zoning's views and creates
    /// one per table.
    /// - Throws: the errors of `check`; `PublicationError.viewNameTaken` when something not
    ///   zoning's holds the name of a view.
    static func replaceViews(_ latest: String, project: String, run: String, tables: [String], _ db: DatabaseConnection) throws {
        let state = try check(latest, project: project, db)
        let quotedLatest = try db.quoteIdentifier(latest)
        if state == .missing {
            try db.execute("CREATE SCHEMA \(quotedLatest)", operation: "creating schema \(latest)")
        }
        if state != .owned {
            try SchemaMark(kind: .latest, project: project, state: .published, lock: nil).write(on: latest, db)
        }
        let oid = try db.execute("SELECT oid FROM pg_namespace WHERE nspname = $1", [latest]).rows.first?[0] ?? "0"
        let present = try relations(in: oid, db)
        let taken = Set(present.filter { !$0.zonings }.map(\.name))
        if let clash = tables.first(where: taken.contains) {
            throw PublicationError.viewNameTaken(schema: latest, name: clash)
        }
        // A view that depends on one of zoning's (a user's statistics over `classification`)
        // keeps working when the columns stay: the view is replaced in place. One whose
        // columns changed is dropped and made again, which PostgreSQL refuses while another
        // view depends on it.
        func drop(_ view: String) throws {
            do {
                try db.execute("DROP VIEW \(quotedLatest).\(try db.quoteIdentifier(view))", operation: "replacing the latest view \(view)")
            } catch DatabaseError.queryFailed(_, "2BP01", let message) {
                throw PublicationError.viewInUse(schema: latest, view: view, message: message)
            }
        }
        let ours = Set(present.filter(\.zonings).map(\.name))
        for view in ours.sorted() where !tables.contains(view) { try drop(view) }
        let quotedRun = try db.quoteIdentifier(run)
        for table in tables {
            let name = try db.quoteIdentifier(table)
            let definition = "\(quotedLatest).\(name) AS SELECT * FROM \(quotedRun).\(name)"
            var replaced = false
            if ours.contains(table) {
                try db.execute("SAVEPOINT zoning_latest_view")
                do {
                    try db.execute("CREATE OR REPLACE VIEW \(definition)", operation: "the latest view of \(table)")
                    try db.execute("RELEASE SAVEPOINT zoning_latest_view")
                    replaced = true
                } catch let error as DatabaseError {
                    guard db.isOpen else { throw error }
                    try db.execute("ROLLBACK TO SAVEPOINT zoning_latest_view")
                    try drop(table)
                }
            }
            if !replaced { try db.execute("CREATE VIEW \(definition)", operation: "the latest view of \(table)") }
            try db.execute(
                "COMMENT ON VIEW \(quotedLatest).\(name) IS \(try db.quoteLiteral("\(viewCommentPrefix)\(table): \(run).\(table)."))",
                operation: "the latest view of \(table)")
        }
    }

    /// The tables, views and other relations in a schema, each with whether zoning made it.
    static func relations(in oid: String, _ db: DatabaseConnection) throws -> [(name: String, zonings: Bool)] {
        try db.execute(
            "SELECT relname, relkind, obj_description(oid, 'pg_class') FROM pg_class WHERE relnamespace = $1::oid AND relkind IN ('r', 'v', 'm', 'p', 'f', 'S') ORDER BY relname",
            [oid], operation: "the list of relations of a latest schema"
        ).rows.map { row in
            (name: row[0] ?? "", zonings: row[1] == "v" && (row[2] ?? "").hasPrefix(viewCommentPrefix))
        }
    }
}
