/// What went wrong talking to PostgreSQL. Every URL in a case is masked (`DatabaseURL.masked`):
/// no message shows a password. The server's own words are kept.
///
/// ```swift
/// do { _ = try DatabaseConnection(DatabaseURL("postgresql://gis:wrong@localhost/county")) }
/// catch let error as DatabaseError { print(error) }
/// // postgresql://gis:***@localhost/county: the server rejected the password of user "gis". …
/// ```
public enum DatabaseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not a PostgreSQL URL. Write it as
    /// `postgresql://user@host:port/database?table=schema.name`.
    case badURL(url: String, problem: String)

    /// The server refused the password. Correct it in the URL, `PGPASSWORD` or `~/.pgpass`.
    case passwordRejected(url: String, user: String?)

    /// The server asks for a password and none was given. Put it in `PGPASSWORD`,
    /// `~/.pgpass` (mode 0600) or the URL.
    case passwordMissing(url: String, user: String?)

    /// No server answered: it is not running, or the host, port or socket folder is wrong, or
    /// a firewall is in the way. `message` is libpq's.
    case unreachable(url: String, message: String)

    /// The server runs but has no such database. Create it (`createdb NAME`) or correct the
    /// URL.
    case databaseMissing(url: String, message: String)

    /// Any other refusal at connection time (an unknown role, `pg_hba.conf`, TLS). `message`
    /// is libpq's.
    case connectionFailed(url: String, message: String)

    /// The database does not have the PostGIS extension. Run `CREATE EXTENSION postgis;` in
    /// it as its owner (Debian: install `postgresql-15-postgis-3` on the server first).
    case postgisMissing(url: String)

    /// The connection broke during `operation`: the server was stopped, the session was
    /// terminated, or the network failed. The transaction was rolled back by the server.
    /// Run the command again once the server is reachable.
    case connectionLost(url: String, operation: String, message: String)

    /// The server refused a statement. `sqlState` is PostgreSQL's error code (`42P07`: the
    /// table exists; `42703`: no such column); `message` its text, with detail and hint.
    case queryFailed(operation: String, sqlState: String?, message: String)

    /// The table named by `table=` is not in the database, or has no geometry column.
    /// List the tables with `\dt schema.*` in psql, or QGIS's browser.
    case tableMissing(url: String, table: String)

    /// A schema or table name longer than PostgreSQL keeps (63 bytes: it drops the rest
    /// without a word, so two names equal in their first 63 bytes are one; 21 Chinese
    /// characters reach it). Fix: a shorter name.
    case nameTooLong(kind: String, name: String)

    public var description: String {
        switch self {
        case let .nameTooLong(kind, name):
            return "the \(kind) name \(name) is \(name.utf8.count) bytes, and PostgreSQL keeps only the first \(TableName.maximumBytes) of a name "
                + "(21 Chinese characters), so it would be taken for any other name that begins alike; use a shorter one."
        case let .badURL(url, problem):
            return "\(url) is not a PostgreSQL URL: \(problem). Write it as postgresql://user@host:port/database?table=schema.name."
        case let .passwordRejected(url, user):
            return "\(url): the server rejected the password\(user.map { " of user \"\($0)\"" } ?? ""). "
                + "Correct the password in the URL, in PGPASSWORD, or in ~/.pgpass."
        case let .passwordMissing(url, user):
            return "\(url): the server asks for a password\(user.map { " for user \"\($0)\"" } ?? "") and none was given. "
                + "Set PGPASSWORD, add a line to ~/.pgpass (mode 0600), or put it in the URL."
        case let .unreachable(url, message):
            return "\(url): no PostgreSQL server answered (\(message)). "
                + "Check that the server runs and that the host, port or socket folder in the URL are right."
        case let .databaseMissing(url, message):
            return "\(url): \(message). Create the database (createdb NAME) or correct its name in the URL."
        case let .connectionFailed(url, message):
            return "\(url): the server refused the connection: \(message)."
        case let .postgisMissing(url):
            return "\(url): the database has no PostGIS extension. Run CREATE EXTENSION postgis; in it as its owner "
                + "(on Debian, install postgresql-15-postgis-3 on the server first)."
        case let .connectionLost(url, operation, message):
            return "\(url): the connection was lost during \(operation) (\(message)). "
                + "The server rolled the transaction back, so nothing of it is visible. Run the command again."
        case let .queryFailed(operation, sqlState, message):
            return "PostgreSQL refused \(operation): \(message)\(sqlState.map { " [SQLSTATE \($0)]" } ?? "")."
        case let .tableMissing(url, table):
            return "\(url): there is no table \(table) with a geometry column. Check the schema and table name in table=."
        }
    }
}
