import Foundation

/// A PostgreSQL connection URL as zoning takes it: libpq's URI
/// (`postgresql://[user[:password]@][host][:port][/database][?parameter=value&…]`) plus
/// zoning's own parameters, which libpq never sees — `table=schema.name` (the layer) and
/// `geometry=column` (which geometry column, when a table has several).
///
/// The password may be in the URL, in `PGPASSWORD` or in `~/.pgpass`; libpq reads the last
/// two. Messages show `masked`, never the URL as given.
///
/// ```swift
/// let url = try DatabaseURL("postgresql://gis:secret@db.example/county?table=dltb.parcels")
/// url.masked              // "postgresql://gis:***@db.example/county?table=dltb.parcels"
/// url.table               // "dltb.parcels"
/// url.connectionString    // "postgresql://gis:secret@db.example/county" (for libpq)
/// ```
public struct DatabaseURL: Sendable, Hashable, CustomStringConvertible {
    /// The URL as given.
    public let text: String
    /// The URL libpq connects with: zoning's parameters removed.
    public let connectionString: String
    /// `table=`, percent-decoded: `name` or `schema.name`; nil when absent.
    public let table: String?
    /// `geometry=`, percent-decoded: the geometry column to read; nil to take the first.
    public let geometryColumn: String?
    /// The user name in the URL, percent-decoded; nil when libpq's default applies.
    public let user: String?
    /// True when the URL carries a password (in the user part or as `password=`).
    public let hasPassword: Bool

    /// The URL schemes zoning reads as PostgreSQL.
    public static let schemes = ["postgresql", "postgres"]

    /// The parameters zoning reads itself and removes before connecting.
    static let zoningParameters: Set<String> = ["table", "geometry"]

    /// - Throws: `DatabaseError.badURL` when the text is not a `postgresql://` or
    ///   `postgres://` URL.
    public init(_ text: String) throws {
        self.text = text
        guard let separator = text.range(of: "://"),
            Self.schemes.contains(text[..<separator.lowerBound].lowercased())
        else {
            throw DatabaseError.badURL(url: Self.mask(text), problem: "it does not start with postgresql:// or postgres://")
        }
        let (base, query) = Self.split(text)
        var kept: [Substring] = []
        var table: String?, geometry: String?, passwordParameter = false
        for pair in query?.split(separator: "&") ?? [] {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = parts[0].lowercased()
            let value = parts.count > 1 ? String(parts[1]).removingPercentEncodingLeniently : ""
            switch key {
            case "table": table = value
            case "geometry": geometry = value
            default:
                if key == "password" { passwordParameter = true }
                kept.append(pair)
            }
        }
        if let table, table.isEmpty {
            throw DatabaseError.badURL(url: Self.mask(text), problem: "table= is empty; name the table, e.g. table=public.villages")
        }
        self.table = table
        self.geometryColumn = geometry
        connectionString = kept.isEmpty ? String(base) : base + "?" + kept.joined(separator: "&")
        let authority = base[separator.upperBound...].prefix { $0 != "/" }
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            let name = userInfo.prefix { $0 != ":" }
            user = name.isEmpty ? nil : String(name).removingPercentEncodingLeniently
            hasPassword = userInfo.contains(":") || passwordParameter
        } else {
            user = nil
            hasPassword = passwordParameter
        }
    }

    /// The URL with any password replaced by `***`, for messages and logs.
    public var masked: String { Self.mask(text) }

    public var description: String { masked }

    /// The same URL naming another table.
    ///
    /// ```swift
    /// try DatabaseURL("postgresql:///gis").naming(table: "public.villages").table  // "public.villages"
    /// ```
    public func naming(table: String) throws -> DatabaseURL {
        var query = Self.split(connectionString).query.map { $0.split(separator: "&").map(String.init) } ?? []
        query.append("table=" + table.addingPercentEncodingForQuery)
        if let geometryColumn { query.append("geometry=" + geometryColumn.addingPercentEncodingForQuery) }
        return try DatabaseURL(Self.split(connectionString).base + "?" + query.joined(separator: "&"))
    }

    /// `text` split at the first `?`.
    static func split(_ text: String) -> (base: String, query: Substring?) {
        guard let mark = text.firstIndex(of: "?") else { return (text, nil) }
        return (String(text[..<mark]), text[text.index(after: mark)...])
    }

    /// Replaces the password of the user part and of a `password=` parameter by `***`; works
    /// on text that is not a valid URL too, so that a bad URL's message hides its password.
    static func mask(_ text: String) -> String {
        var (base, query) = split(text)
        if let separator = base.range(of: "://") {
            let rest = base[separator.upperBound...]
            let authority = rest.prefix { $0 != "/" }
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                base = String(base[..<authority.index(after: colon)]) + "***" + String(base[at...])
            }
        }
        guard let query else { return base }
        let pairs = query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            pair.lowercased().hasPrefix("password=") ? "password=***" : String(pair)
        }
        return base + "?" + pairs.joined(separator: "&")
    }
}

extension String {
    /// Percent-decoded, or unchanged when the text holds a `%` that is not an escape (a
    /// table named `100%`).
    var removingPercentEncodingLeniently: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var utf8 = Array(self.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
                let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self) ?? self
    }

    /// Percent-encoded for a query value: everything but unreserved ASCII and `.`.
    var addingPercentEncodingForQuery: String {
        var result = ""
        for byte in utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar)) || "-._~".unicodeScalars.contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else {
                result += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return result
    }
}
