import CLibPQ

extension DatabaseConnection {
    /// Streams rows into a table with `COPY … FROM STDIN` (PostgreSQL's text format: one line
    /// per row, fields separated by tabs — build them with `CopyText.row`). Rows are sent in
    /// blocks of about 256 KiB, so memory stays flat however many rows there are.
    ///
    /// When `rows` throws, the COPY is cancelled and the error rethrown; when the server
    /// refuses a row, nothing of the COPY is kept.
    ///
    /// ```swift
    /// let count = try db.copy("COPY villages (name, geom) FROM STDIN") { send in
    ///     try send(CopyText.row(["城关村", "0101000000…"]))
    /// }
    /// ```
    /// - Returns: the rows the server stored.
    /// - Throws: `DatabaseError.queryFailed` (a bad value: the message names the line),
    ///   `.connectionLost`, or the error `rows` threw.
    @discardableResult
    public func copy(_ sql: String, operation: String? = nil, rows: ((String) throws -> Void) throws -> Void) throws -> Int {
        let operation = operation ?? Self.summary(of: sql)
        let start = PQexecParams(handle, sql, 0, nil, nil, nil, nil, 0)
        defer { PQclear(start) }
        try QueryResult.check(start, connection: self, operation: operation, expected: [PGRES_COPY_IN])
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 18)
        func flush() throws {
            guard !buffer.isEmpty else { return }
            let sent = buffer.withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
            }
            buffer.removeAll(keepingCapacity: true)
            if sent != 1 { _ = try finish(cancelling: nil, operation: operation) }
        }
        do {
            try rows { line in
                buffer.append(contentsOf: line.utf8)
                if buffer.count >= 1 << 18 { try flush() }
            }
            try flush()
        } catch {
            // Cancelling makes the server refuse the COPY; the caller's error is the one to report.
            _ = try? finish(cancelling: "zoning cancelled the COPY: \(error)", operation: operation)
            throw error
        }
        return try finish(cancelling: nil, operation: operation)
    }

    /// Ends the COPY (or cancels it with `reason`) and reads its outcome.
    private func finish(cancelling reason: String?, operation: String) throws -> Int {
        _ = PQputCopyEnd(handle, reason)
        var count = 0
        var failure: (any Error)?
        while let result = PQgetResult(handle) {
            defer { PQclear(result) }
            do {
                try QueryResult.check(result, connection: self, operation: operation, expected: [PGRES_COMMAND_OK])
                count = Int(String(cString: PQcmdTuples(result))) ?? count
            } catch {
                failure = failure ?? error
            }
            if !isOpen { break }
        }
        if let failure { throw failure }
        if !isOpen {
            throw DatabaseError.connectionLost(url: url.masked, operation: operation, message: Self.lastLine(libpqMessage()))
        }
        return count
    }
}

/// PostgreSQL's COPY text format: tab-separated fields, `\N` for NULL, and backslash escapes
/// for backslash, tab, newline and carriage return.
///
/// ```swift
/// CopyText.row(["a\tb", nil, "城关"])   // "a\\tb\t\\N\t城关\n"
/// ```
public enum CopyText {
    /// One line of COPY input, newline included.
    public static func row(_ fields: [String?]) -> String {
        var line = ""
        for (index, field) in fields.enumerated() {
            if index > 0 { line.append("\t") }
            line.append(field.map(escape) ?? "\\N")
        }
        line.append("\n")
        return line
    }

    /// One field's text, escaped.
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\t": result += "\\t"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
