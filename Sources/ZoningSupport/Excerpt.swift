/// Text from an input quoted in a message, cut to a length a person reads: one "line" of a
/// damaged or hostile file (a CSV header without a line break, a cell of a million characters)
/// can be the whole 200 MB file, and a message repeats what it quotes.
///
/// ```swift
/// Excerpt.of("name,type,lng,lat")          // "name,type,lng,lat"
/// Excerpt.of(hugeHeader)                   // "c1, c2, c3, … (41943040 characters in all)"
/// Excerpt.list(["a", "b", "c"], limit: 2)  // "a, b, … (3 in all)"
/// ```
public enum Excerpt {
    /// The characters of quoted input a message shows.
    public static let characters = 200
    /// The items of a quoted list (columns, fields) a message shows.
    public static let items = 50

    /// `text`, or its first `limit` characters followed by how long it is.
    public static func of(_ text: some StringProtocol, limit: Int = characters) -> String {
        guard let end = text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex), end < text.endIndex else { return String(text) }
        return String(text[..<end]) + "… (\(text.count) characters in all)"
    }

    /// The items joined by `separator`, each cut by `of`; after `limit` items, how many there are.
    public static func list(_ items: [String], separator: String = ", ", limit: Int = items) -> String {
        let shown = items.prefix(limit).map { of($0) }.joined(separator: separator)
        return items.count > limit ? shown + separator + "… (\(items.count) in all)" : shown
    }
}
