import Foundation

/// A table's name with its schema, as `table=` and `--schema`/`--table` give it: `name`,
/// `schema.name`, or with double quotes around a part that holds a dot or a quote
/// (`"a.b".c`, `"x""y"` for `x"y`). Names keep their case and any characters; they are
/// quoted (`DatabaseConnection.quoteIdentifier`) whenever they reach SQL.
///
/// ```swift
/// TableName(parsing: "dltb.parcels")     // schema "dltb", name "parcels"
/// TableName(parsing: "村界")              // schema nil (the search path: public), name "村界"
/// TableName(parsing: "\"a.b\".c")         // schema "a.b", name "c"
/// ```
public struct TableName: Sendable, Hashable, CustomStringConvertible {
    /// nil for the connection's search path (normally `public`).
    public var schema: String?
    public var name: String

    public init(schema: String?, name: String) {
        self.schema = schema
        self.name = name
    }

    /// Splits at the first dot outside double quotes; nil for an empty part.
    public init?(parsing text: String) {
        var parts: [String] = [], current = "", quoted = false
        var characters = text[...]
        while let character = characters.popFirst() {
            if character == "\"" {
                if quoted, characters.first == "\"" {
                    current.append("\"")
                    characters.removeFirst()
                } else {
                    quoted.toggle()
                }
            } else if character == ".", !quoted, parts.isEmpty {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if quoted { return nil }  // an unclosed quote
        parts.append(current)
        guard parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        self.init(schema: parts.count == 2 ? parts[0] : nil, name: parts[parts.count - 1])
    }

    /// `schema.name`, each part quoted only when it holds a dot or a quote.
    public var description: String {
        func part(_ text: String) -> String {
            text.contains(".") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        return (schema.map { part($0) + "." } ?? "") + part(name)
    }

    /// The most bytes of a name PostgreSQL keeps (`NAMEDATALEN` - 1); it cuts longer ones.
    public static let maximumBytes = 63

    /// Refuses a name PostgreSQL would cut: over `maximumBytes` bytes of UTF-8.
    /// - Throws: `DatabaseError.nameTooLong`.
    public static func checkLength(_ name: String, kind: String) throws {
        guard name.utf8.count <= maximumBytes else { throw DatabaseError.nameTooLong(kind: kind, name: name) }
    }

    /// Refuses a schema or table name PostgreSQL would cut (`checkLength`).
    /// - Throws: `DatabaseError.nameTooLong`.
    public func checkLength() throws {
        if let schema { try Self.checkLength(schema, kind: "schema") }
        try Self.checkLength(name, kind: "table")
    }

    /// The name quoted for SQL, schema first when there is one.
    public func quoted(_ db: DatabaseConnection) throws -> String {
        try db.quoteQualified(schema: schema, name: name)
    }
}
