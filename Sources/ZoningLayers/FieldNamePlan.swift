import ZoningSupport

/// DBF field names for a schema: at most 10 bytes in the table's encoding and unique ignoring
/// case (as GIS software compares them), decided deterministically from the names in order.
///
/// A name that fits is kept. A longer one is cut to 10 bytes at a character boundary; a name
/// already taken (ignoring case) gets `_1`, `_2`, … in place of its last bytes. Renames are
/// reported so that users can map the fields back.
///
/// ```swift
/// try FieldNamePlan.names(for: ["POPULATION_2020", "POPULATION_2021"], encoding: .utf8)
/// // ["POPULATION", "POPULATI_1"]
/// ```
public enum FieldNamePlan {
    public static let maximumBytes = 10

    public static func names(for names: [String], encoding: TextEncoding) throws -> [String] {
        var used = Set<String>()
        return try names.enumerated().map { position, original in
            let base = original.isEmpty ? "FIELD_\(position + 1)" : original
            var candidate = try cut(base, to: maximumBytes, encoding)
            var counter = 0
            while used.contains(candidate.uppercased()) {
                counter += 1
                let suffix = "_\(counter)"
                candidate = try cut(base, to: maximumBytes - suffix.utf8.count, encoding) + suffix
            }
            used.insert(candidate.uppercased())
            return candidate
        }
    }

    /// The longest prefix of `name` that is at most `bytes` bytes in `encoding`.
    static func cut(_ name: String, to bytes: Int, _ encoding: TextEncoding) throws -> String {
        var prefix = ""
        for character in name {
            let next = prefix + String(character)
            if try encoding.encode(next).count > bytes { break }
            prefix = next
        }
        return prefix
    }
}
