import CLibPQ

/// The outcome of one statement: its column names and rows, as text (PostgreSQL's output
/// form: `t`/`f` for booleans, `2024-05-01` for dates, `\x0103…` for `bytea`). NULL is nil.
///
/// ```swift
/// let result = try db.execute("SELECT 1 AS one, NULL AS nothing")
/// result.columns   // ["one", "nothing"]
/// result.rows      // [["1", nil]]
/// ```
public struct QueryResult: Sendable {
    public var columns: [String]
    public var rows: [[String?]]
    /// Rows inserted, updated, deleted or copied; nil for statements that report none.
    public var affectedRows: Int?

    /// Reads and frees `result` (`PGresult`), or throws the error it holds.
    init(taking result: OpaquePointer?, connection: DatabaseConnection, operation: String) throws {
        defer { PQclear(result) }
        try Self.check(result, connection: connection, operation: operation, expected: [PGRES_COMMAND_OK, PGRES_TUPLES_OK])
        let columnCount = PQnfields(result), rowCount = PQntuples(result)
        columns = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
        rows = (0..<rowCount).map { row in
            (0..<columnCount).map { column in
                PQgetisnull(result, row, column) == 1 ? nil : String(cString: PQgetvalue(result, row, column))
            }
        }
        affectedRows = Int(String(cString: PQcmdTuples(result)))
    }

    /// Throws the error `result` holds unless its status is one of `expected`.
    static func check(_ result: OpaquePointer?, connection: DatabaseConnection, operation: String, expected: [ExecStatusType]) throws {
        let status = PQresultStatus(result)
        if result != nil, expected.contains(status) { return }
        if !connection.isOpen {
            throw DatabaseError.connectionLost(url: connection.url.masked, operation: operation, message: DatabaseConnection.lastLine(connection.libpqMessage()))
        }
        guard let result else {
            throw DatabaseError.queryFailed(operation: operation, sqlState: nil, message: connection.libpqMessage())
        }
        func field(_ code: Character) -> String? {
            PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
        }
        guard let primary = field("M") else {
            throw DatabaseError.queryFailed(
                operation: operation, sqlState: nil, message: "unexpected result \(String(cString: PQresStatus(status)))")
        }
        // The context names the COPY line of a refused row: "COPY parcels, line 50001, column n: …".
        let message = connection.url.scrub([primary, field("D").map { "Detail: \($0)" }, field("H").map { "Hint: \($0)" }, field("W").map { "Where: \($0)" }]
            .compactMap { $0 }.joined(separator: " "))
        let sqlState = field("C")
        // 57P01–57P03: the server is shutting down or terminated this session.
        if let sqlState, sqlState.hasPrefix("57P") {
            throw DatabaseError.connectionLost(url: connection.url.masked, operation: operation, message: message)
        }
        throw DatabaseError.queryFailed(operation: operation, sqlState: sqlState, message: message)
    }
}

extension QueryResult {
    /// The bytes of a `bytea` value in PostgreSQL's hex output form (`\x0103…`); nil when the
    /// text is not in that form.
    ///
    /// ```swift
    /// QueryResult.bytes(fromHex: "\\x01ff")   // [0x01, 0xff]
    /// ```
    public static func bytes(fromHex text: String) -> [UInt8]? {
        var utf8 = Array(text.utf8)[...]
        guard utf8.starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "x")]) else { return nil }
        utf8 = utf8.dropFirst(2)
        guard utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var index = utf8.startIndex
        while index < utf8.endIndex {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}
