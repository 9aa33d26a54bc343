import Foundation

/// A PostgreSQL connection URL as zoning takes it: libpq's URI
/// (`postgresql://[user[:password]@][host][:port][/database][?parameter=value&…]`) plus
/// zoning's own parameters, which libpq never sees — `table=schema.name` (the layer) and
/// `geometry=column` (which geometry column, when a table has several).
///
/// The password may be in the URL, in `PGPASSWORD` or in `~/.pgpass`; libpq reads the last
/// two. Messages show `masked`, never the URL as given, and libpq's own messages pass through
/// `scrub` (libpq quotes a malformed URL, or a password it cannot decode, in its errors).
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
    ///   `postgres://` URL, or its password holds an `@` as itself (`gis:p@ss@host`; libpq
    ///   would cut it at the first `@`). The message shows the URL masked.
    public init(_ text: String) throws {
        self.text = text
        guard let separator = text.range(of: "://"),
            Self.schemes.contains(text[..<separator.lowerBound].lowercased())
        else {
            throw DatabaseError.badURL(url: Self.mask(text), problem: "it does not start with postgresql:// or postgres://")
        }
        // A password holding an @ as itself: libpq would take what follows the first @ for the
        // host (an @ in a query value comes after an =, so none between the two @ means this).
        let rest = text[separator.upperBound...]
        if let firstAt = rest.firstIndex(of: "@"), let lastAt = rest.lastIndex(of: "@"), firstAt != lastAt,
            rest[..<firstAt].contains(":"), !rest[firstAt..<lastAt].contains("=")
        {
            throw DatabaseError.badURL(
                url: Self.mask(text),
                problem: "its password holds an @ as itself, which libpq takes for the end of the password; "
                    + "write @ as %40 (and / as %2F, ? as %3F, # as %23, % as %25), or keep the password in PGPASSWORD or ~/.pgpass")
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
    ///
    /// The user part's password runs from the first `:` after `://` (before any `@`) to the
    /// *last* `@`: a password holding a literal `@`, `/`, `?` or `#`
    /// (`gis2:p@ss:w/rd?x#1@host/db`) is masked whole, never cut at its first `@`. A URL whose
    /// query holds an `@` may be masked too much; never too little.
    public static func mask(_ text: String) -> String {
        replacing(secretRanges(in: text), in: text)
    }

    /// `text` with each of `ranges` (sorted, not overlapping) replaced by `***`.
    static func replacing(_ ranges: [Range<String.Index>], in text: String) -> String {
        var result = ""
        var position = text.startIndex
        for range in ranges where range.lowerBound >= position {
            result += text[position..<range.lowerBound] + "***"
            position = range.upperBound
        }
        return result + text[position...]
    }

    /// Where the passwords are in `text`: the user part's (see `mask`) and every `password=`
    /// parameter's value, in order.
    static func secretRanges(in text: String) -> [Range<String.Index>] {
        guard let separator = text.range(of: "://") else {
            return text.firstIndex(of: "?").map { passwordParameters(in: text[text.index(after: $0)...]) } ?? []
        }
        let rest = text[separator.upperBound...]
        var ranges: [Range<String.Index>] = []
        var queryFrom = rest.startIndex
        if let firstAt = rest.firstIndex(of: "@"), let lastAt = rest.lastIndex(of: "@"),
            let colon = rest[..<firstAt].firstIndex(of: ":")
        {
            ranges.append(rest.index(after: colon)..<lastAt)
            queryFrom = lastAt
        }
        if let mark = rest[queryFrom...].firstIndex(of: "?") {
            ranges += passwordParameters(in: rest[rest.index(after: mark)...])
        }
        return ranges
    }

    /// The values of `password=` among `&`-separated pairs.
    static func passwordParameters(in query: Substring) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var pairStart = query.startIndex
        while pairStart <= query.endIndex {
            let pairEnd = query[pairStart...].firstIndex(of: "&") ?? query.endIndex
            let pair = query[pairStart..<pairEnd]
            if pair.lowercased().hasPrefix("password="), let equals = pair.firstIndex(of: "=") {
                let value = pair.index(after: equals)..<pairEnd
                if !value.isEmpty { ranges.append(value) }
            }
            guard pairEnd < query.endIndex else { break }
            pairStart = query.index(after: pairEnd)
        }
        return ranges
    }

    /// `message` (libpq's, or any text that may quote this URL) with the passwords hidden:
    /// the URL as given and as passed to libpq replaced by their masked forms; every quoted
    /// piece (`"50%off!Pw"`, `"x#1@127.0.0.1:1/db"`) that is a part of the URL reaching into
    /// a password masked where it does; and each password, as written or percent-decoded,
    /// replaced by `***` wherever it still appears (those of 4 characters or more: shorter
    /// ones would blank ordinary words; libpq quotes what it shows of a URL).
    ///
    /// ```swift
    /// let url = try DatabaseURL("postgresql://gis:50%off!Pw@host/db")
    /// url.scrub(#"invalid percent-encoded token: "50%off!Pw""#)   // #"invalid percent-encoded token: "***""#
    /// ```
    public func scrub(_ message: String) -> String {
        var result = message
        let wholes = [text, connectionString].filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        for whole in wholes { result = result.replacingOccurrences(of: whole, with: Self.mask(whole)) }
        result = Self.maskQuotedPieces(of: wholes, in: result)
        var secrets: Set<String> = []
        for whole in wholes {
            for range in Self.secretRanges(in: whole) {
                let secret = String(whole[range])
                secrets.insert(secret)
                secrets.insert(secret.removingPercentEncodingLeniently)
                // libpq's own reading of the user part stops at the first `@`.
                if let at = secret.firstIndex(of: "@") { secrets.insert(String(secret[..<at])) }
            }
        }
        for secret in secrets.filter({ $0.count >= 4 }).sorted(by: { $0.count > $1.count }) {
            result = result.replacingOccurrences(of: secret, with: "***")
        }
        return result
    }

    /// Each `"…"` in `message` that is a piece of one of `wholes` overlapping a password there,
    /// with that overlap replaced by `***`.
    static func maskQuotedPieces(of wholes: [String], in message: String) -> String {
        var result = ""
        var rest = message[...]
        while let open = rest.firstIndex(of: "\""), let close = rest[rest.index(after: open)...].firstIndex(of: "\"") {
            let piece = rest[rest.index(after: open)..<close]
            result += rest[...open] + maskedPiece(String(piece), of: wholes) + "\""
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// `piece` with what overlaps a password of `wholes` replaced by `***`. A piece found
    /// somewhere in a URL clear of its passwords (`"1"`, the port) is kept: the masked URL
    /// shows it anyway.
    static func maskedPiece(_ piece: String, of wholes: [String]) -> String {
        guard !piece.isEmpty else { return piece }
        var masked: String?
        for whole in wholes {
            let secrets = secretRanges(in: whole)
            var from = whole.startIndex
            while from < whole.endIndex, let found = whole.range(of: piece, range: from..<whole.endIndex) {
                let overlaps = secrets.compactMap { secret -> Range<Int>? in
                    let lower = max(secret.lowerBound, found.lowerBound), upper = min(secret.upperBound, found.upperBound)
                    guard lower < upper else { return nil }
                    // As character offsets into the piece.
                    return whole.distance(from: found.lowerBound, to: lower)..<whole.distance(from: found.lowerBound, to: upper)
                }
                if overlaps.isEmpty { return piece }
                if masked == nil {
                    masked = replacing(overlaps.map { piece.index(piece.startIndex, offsetBy: $0.lowerBound)..<piece.index(piece.startIndex, offsetBy: $0.upperBound) }, in: piece)
                }
                from = whole.index(after: found.lowerBound)
            }
        }
        return masked ?? piece
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
