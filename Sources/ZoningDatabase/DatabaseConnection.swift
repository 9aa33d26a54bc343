#if canImport(Glibc)
import Glibc
#endif
import Foundation
import CLibPQ

/// One session with a PostgreSQL server, through libpq: the connection handle (`PGconn`) is
/// owned here and closed when the value is released. Statements take their values as bound
/// parameters (`$1`, `$2`, …), never spliced into the text; names go through
/// `quoteIdentifier`. Text travels as UTF-8 whatever the server's locale.
///
/// Not `Sendable`: use a connection from one task at a time, and open one per task.
///
/// ```swift
/// let db = try DatabaseConnection(DatabaseURL("postgresql:///county"))
/// let rows = try db.execute("SELECT count(*) FROM parcels WHERE dlbm = $1", ["0702"]).rows
/// rows[0][0]   // "1834"
/// ```
public final class DatabaseConnection {
    let handle: OpaquePointer
    public let url: DatabaseURL

    /// Connects, with a 10-second timeout unless the URL sets `connect_timeout`.
    /// - Throws: `DatabaseError.badURL` (libpq cannot parse the URL), `.passwordRejected`,
    ///   `.passwordMissing`, `.unreachable`, `.databaseMissing` or `.connectionFailed`, each
    ///   naming the masked URL; libpq's words with the passwords hidden (`DatabaseURL.scrub`).
    public init(_ url: DatabaseURL) throws {
        self.url = url
        // Keywords before dbname are defaults the URL can override; those after it win.
        let keywords = ["fallback_application_name", "connect_timeout", "dbname", "client_encoding"]
        let values = ["zoning", "10", url.connectionString, "UTF8"]
        let connection = withCStrings(keywords) { keywordPointers in
            withCStrings(values) { valuePointers in PQconnectdbParams(keywordPointers, valuePointers, 1) }
        }
        guard let connection else {
            throw DatabaseError.connectionFailed(url: url.masked, message: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            // libpq quotes a URL it cannot parse, or a password it cannot decode, whole.
            let message = url.scrub(Self.message(connection))
            let needsPassword = PQconnectionNeedsPassword(connection) == 1
            PQfinish(connection)
            throw Self.classify(message: message, needsPassword: needsPassword, url: url)
        }
        handle = connection
        // Notices (an identifier cut to 63 bytes, an object that does not exist for DROP …
        // IF EXISTS) would go to standard error; the statements' outcomes say what matters.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
    }

    deinit { PQfinish(handle) }

    /// Where this session is, as libpq resolved the URL: the host (or the socket's folder),
    /// port, database and user — what a QGIS data source names (never the password).
    public var endpoint: (host: String, port: String, database: String, user: String) {
        func text(_ value: UnsafeMutablePointer<CChar>?) -> String { value.map { String(cString: $0) } ?? "" }
        return (text(PQhost(handle)), text(PQport(handle)), text(PQdb(handle)), text(PQuser(handle)))
    }

    /// The server process serving this session (`pg_stat_activity.pid`).
    public var backendProcessID: Int { Int(PQbackendPID(handle)) }

    /// Runs one statement with `parameters` bound to `$1`, `$2`, … as text (nil is NULL) and
    /// returns its rows as text. `operation` names the statement in an error message.
    ///
    /// ```swift
    /// try db.execute("SELECT srid FROM geometry_columns WHERE f_table_name = $1", ["villages"], operation: "the SRID lookup")
    /// ```
    /// - Throws: `DatabaseError.queryFailed` with the server's message and SQLSTATE, or
    ///   `.connectionLost` when the session broke.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [String?] = [], operation: String? = nil) throws -> QueryResult {
        let result = withOptionalCStrings(parameters) { values in
            PQexecParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        return try QueryResult(taking: result, connection: self, operation: operation ?? Self.summary(of: sql))
    }

    /// `name` as a quoted SQL identifier (`"x""; DROP TABLE y; --"`), by libpq's rules for
    /// this server.
    ///
    /// ```swift
    /// try db.quoteIdentifier("村界")   // "\"村界\""
    /// ```
    public func quoteIdentifier(_ name: String) throws -> String {
        try quote(name, PQescapeIdentifier)
    }

    /// `text` as a quoted SQL string literal, for the few statements that take no
    /// parameters (`COMMENT ON … IS '…'`).
    public func quoteLiteral(_ text: String) throws -> String {
        try quote(text, PQescapeLiteral)
    }

    /// `schema.name` with each part quoted.
    public func quoteQualified(schema: String?, name: String) throws -> String {
        try (schema.map { try quoteIdentifier($0) + "." } ?? "") + quoteIdentifier(name)
    }

    private func quote(_ text: String, _ escape: (OpaquePointer?, UnsafePointer<CChar>?, Int) -> UnsafeMutablePointer<CChar>?) throws -> String {
        let bytes = Array(text.utf8CString)
        guard let quoted = bytes.withUnsafeBufferPointer({ escape(handle, $0.baseAddress, bytes.count - 1) }) else {
            throw DatabaseError.queryFailed(operation: "quoting \(text)", sqlState: nil, message: libpqMessage())
        }
        defer { PQfreemem(quoted) }
        return String(cString: quoted)
    }

    /// Runs `body` inside `BEGIN` … `COMMIT`; rolls back when it throws, so that nothing of a
    /// failed body is visible to anyone.
    @discardableResult
    public func transaction<T>(readOnly: Bool = false, _ body: () throws -> T) throws -> T {
        try execute(readOnly ? "BEGIN READ ONLY" : "BEGIN")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            // A broken connection has rolled back on the server already.
            if PQstatus(handle) == CONNECTION_OK { _ = try? execute("ROLLBACK") }
            throw error
        }
    }

    /// The PostGIS version installed in the database.
    /// - Throws: `DatabaseError.postgisMissing` when `CREATE EXTENSION postgis` was not run.
    @discardableResult
    public func requirePostGIS() throws -> String {
        let rows = try execute("SELECT extversion FROM pg_extension WHERE extname = $1", ["postgis"], operation: "the PostGIS check").rows
        guard let version = rows.first?.first ?? nil else { throw DatabaseError.postgisMissing(url: url.masked) }
        return version
    }

    /// True while the session is usable.
    public var isOpen: Bool { PQstatus(handle) == CONNECTION_OK }

    /// libpq's last message on this session, without its trailing newline, the passwords of
    /// the URL hidden (`DatabaseURL.scrub`).
    func libpqMessage() -> String { url.scrub(Self.message(handle)) }

    /// libpq's last message, without its trailing newline. Pass it through `DatabaseURL.scrub`
    /// before showing it.
    static func message(_ connection: OpaquePointer?) -> String {
        guard let text = PQerrorMessage(connection) else { return "" }
        return String(cString: text).trimmingTrailingNewlines
    }

    /// The error for a failed connection attempt, from libpq's message (PostgreSQL's English
    /// wording; the server's language setting may change the server's part).
    static func classify(message: String, needsPassword: Bool, url: DatabaseURL) -> DatabaseError {
        let lower = message.lowercased()
        // libpq's parser refused the URL before any connection was tried.
        let unreadable = ["in uri", "percent-encoded", "invalid connection option", "invalid integer value", "invalid port number", "key/value separator"]
        if unreadable.contains(where: lower.contains) {
            return .badURL(url: url.masked, problem: "libpq cannot read it (\(lastLine(message))); "
                + "in a password, write % as %25, @ as %40, / as %2F, ? as %3F and # as %23, or keep it in PGPASSWORD or ~/.pgpass")
        }
        if lower.contains("password authentication failed") {
            return .passwordRejected(url: url.masked, user: url.user)
        }
        if needsPassword || lower.contains("no password supplied") {
            return .passwordMissing(url: url.masked, user: url.user)
        }
        if lower.contains("database \""), lower.contains("does not exist") {
            return .databaseMissing(url: url.masked, message: lastLine(message))
        }
        let unreachable = [
            "connection refused", "no such file or directory", "could not translate host name", "timeout expired",
            "network is unreachable", "no route to host", "could not connect to server", "name or service not known",
        ]
        if unreachable.contains(where: lower.contains) {
            return .unreachable(url: url.masked, message: lastLine(message))
        }
        return .connectionFailed(url: url.masked, message: lastLine(message))
    }

    /// The reason in a libpq message: the server's words after `FATAL:`, or else libpq's
    /// lines joined into one.
    static func lastLine(_ message: String) -> String {
        if let fatal = message.range(of: "FATAL:", options: .backwards) {
            let reason = message[fatal.upperBound...].prefix { $0 != "\n" }
            return reason.trimmingSpacesAround
        }
        let lines = message.split(separator: "\n").map { $0.trimmingSpacesAround }.filter { !$0.isEmpty }
        return lines.isEmpty ? message : lines.joined(separator: " ")
    }

    /// The first words of a statement, to name it in a message (`SELECT …`, `CREATE TABLE …`).
    static func summary(of sql: String) -> String {
        let words = sql.split(whereSeparator: \.isWhitespace).prefix(2).joined(separator: " ")
        return "the statement \(words) …"
    }
}

/// Calls `body` with `strings` as a NULL-terminated array of C strings.
func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    withOptionalCStrings(strings + [nil]) { body($0!) }
}

/// Calls `body` with `strings` as an array of C strings (nil stays NULL); nil for no strings.
func withOptionalCStrings<R>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0)! } }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer($0) }
    return pointers.withUnsafeBufferPointer { body(strings.isEmpty ? nil : $0.baseAddress) }
}

extension StringProtocol {
    var trimmingTrailingNewlines: String {
        var text = String(self)
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }

    var trimmingSpacesAround: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
