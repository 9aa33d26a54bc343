import ZoningSupport

/// The attribute values a reader keeps of a layer, column by column: the columns its roles use,
/// each one array over the records, read by record (its row, from 0) and schema position (from
/// 0) as the full table would be — a column not kept reads as `.null`.
///
/// One array per kept column, and none per record: a DLTB keeps four of its nine (or thirty)
/// columns, so 300 000 parcels take 4 × 300 000 values (38 MB) where a row each took 9 values
/// and an allocation (96 MB) while the land use is read (issue 31).
///
/// ```swift
/// var kept = KeptColumns(width: 9, kept: [1, 3, 4, 6])
/// kept.append(feature.attributes)   // row 0
/// kept[0, 1]        // DLBM's value, as feature.attributes[1]
/// kept[0, 2]        // .null: DLMC is not kept
/// ```
struct KeptColumns: Sendable {
    /// The schema's number of columns.
    let width: Int
    /// The kept positions, ascending.
    let kept: [Int]
    /// Each schema position's index in `values`, nil when not kept.
    private let slot: [Int?]
    /// One array per kept position, in `kept`'s order, one value per row.
    private var values: [[AttributeValue]]

    /// - Parameter kept: positions below `width` (others are left out).
    init(width: Int, kept: Set<Int>) {
        self.width = max(0, width)
        self.kept = kept.filter { $0 >= 0 && $0 < width }.sorted()
        var slot = [Int?](repeating: nil, count: self.width)
        for (index, position) in self.kept.enumerated() { slot[position] = index }
        self.slot = slot
        values = self.kept.map { _ in [] }
    }

    /// The rows appended.
    private(set) var count = 0

    /// Adds a row: the kept positions' values of a full row (a position past its end reads as null).
    mutating func append(_ row: [AttributeValue]) {
        for (index, position) in kept.enumerated() { values[index].append(position < row.count ? row[position] : .null) }
        count += 1
    }

    /// The value at schema position `column` of row `row`; `.null` for a column not kept or a
    /// position outside the schema.
    subscript(row: Int, column: Int) -> AttributeValue {
        guard column >= 0, column < width, let slot = slot[column] else { return .null }
        return values[slot][row]
    }
}
