import Foundation

/// What zoning records in the comment of a schema it made (`COMMENT ON SCHEMA`), so that it
/// knows its own schemas again: which project a `…_latest` schema belongs to, and which
/// schemas a run was still writing when it ended (`LeftoverSchemas`).
///
/// The comment is a sentence for people, then one line of JSON for zoning:
///
/// ```
/// zoning: a run schema of project 平度市, being written by process 4242 on gis-pc since 2026-12-07 14:40:00 UTC; zoning db clean removes it if that process ends first.
/// {"host":"gis-pc","kind":"run","lock":81985529216486895,"pid":4242,"project":"平度市","since":"2026-12-07 14:40:00 UTC","state":"writing","zoning":1}
/// ```
///
/// - `work`: the push-down engine's work schema, written for the whole run;
/// - `run`: a run's published schema, `writing` until the transaction that switches the
///   latest views to it marks it `published`;
/// - `latest`: the views of a project's newest run.
///
/// `lock` is the session-level advisory lock (`SessionLock`) the writing session holds for its
/// whole life: free, the writer has ended.
///
/// ```swift
/// let mark = SchemaMark(kind: .run, project: "平度市", state: .writing, lock: key)
/// try mark.write(on: "平度市_20261207_144000", db)
/// try SchemaMark.read(schema: "平度市_20261207_144000", db)?.state   // .writing
/// ```
public struct SchemaMark: Sendable, Equatable {
    public enum Kind: String, Sendable { case work, run, latest }
    public enum State: String, Sendable { case writing, published }

    public var kind: Kind
    /// The project (a `zoning run`'s `name:`); nil for a work schema of an engine without one.
    public var project: String?
    public var state: State
    /// The advisory lock key the writing session holds; nil once published.
    public var lock: Int64?
    /// The writing process, its host and the time it began (UTC), for people.
    public var pid: Int
    public var host: String
    public var since: String

    public init(kind: Kind, project: String?, state: State, lock: Int64?, at date: Date = Date()) {
        self.kind = kind
        self.project = project
        self.state = state
        self.lock = lock
        pid = Int(ProcessInfo.processInfo.processIdentifier)
        host = ProcessInfo.processInfo.hostName
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        since = formatter.string(from: date)
    }

    /// What the schema is, in words: `a run schema of project 平度市`.
    public var what: String {
        let of = project.map { " of project \($0)" } ?? ""
        switch kind {
        case .work: return "the PostGIS engine's work schema of a run\(of)"
        case .run: return "a run schema\(of)"
        case .latest: return "the latest views\(of)"
        }
    }

    /// The comment: a sentence, then the JSON line.
    public var comment: String {
        let sentence: String
        switch (kind, state) {
        case (.latest, _):
            sentence = "zoning: \(what): views of its newest published run, replaced by each publication of that project only."
        case (_, .writing):
            sentence = "zoning: \(what), being written by process \(pid) on \(host) since \(since); zoning db clean removes it if that process ends first."
        case (_, .published):
            sentence = "zoning: \(what), published \(since) by process \(pid) on \(host)."
        }
        var object: [String: Any] = ["zoning": 1, "kind": kind.rawValue, "state": state.rawValue, "pid": pid, "host": host, "since": since]
        if let project { object["project"] = project }
        if let lock { object["lock"] = lock }
        let json = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return sentence + "\n" + String(decoding: json, as: UTF8.self)
    }

    /// The mark in a schema's comment; nil for a comment zoning did not write.
    public init?(comment: String?) {
        guard let line = comment?.split(separator: "\n").last, line.hasPrefix("{"),
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
            object["zoning"] as? Int == 1,
            let kind = (object["kind"] as? String).flatMap(Kind.init(rawValue:)),
            let state = (object["state"] as? String).flatMap(State.init(rawValue:))
        else { return nil }
        self.kind = kind
        self.state = state
        project = object["project"] as? String
        lock = (object["lock"] as? Int).map(Int64.init) ?? (object["lock"] as? NSNumber)?.int64Value
        pid = object["pid"] as? Int ?? 0
        host = object["host"] as? String ?? "?"
        since = object["since"] as? String ?? "?"
    }

    /// The mark of `schema`; nil when it has none (or no such schema).
    public static func read(schema: String, _ db: DatabaseConnection) throws -> SchemaMark? {
        let rows = try db.execute(
            "SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = $1", [schema],
            operation: "reading the comment of schema \(schema)").rows
        return SchemaMark(comment: rows.first?[0] ?? nil)
    }

    /// Writes the mark as the comment of `schema`.
    public func write(on schema: String, _ db: DatabaseConnection) throws {
        try db.execute(
            "COMMENT ON SCHEMA \(try db.quoteIdentifier(schema)) IS \(try db.quoteLiteral(comment))",
            operation: "marking schema \(schema) as zoning's")
    }
}
