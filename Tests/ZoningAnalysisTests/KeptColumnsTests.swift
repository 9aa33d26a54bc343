import Testing
import ZoningSupport
@testable import ZoningAnalysis

/// Kept columns read as the full rows at every kept position and as null elsewhere, whatever
/// order the positions are given in; positions outside the schema are never kept.
@Suite struct KeptColumnsTests {
    static let rows: [[AttributeValue]] = [
        [.integer(7), .string("0701"), .string("水田"), .string("202"), .string("3708810010010000000"), .null, .real(1234.5)],
        [.integer(8), .string("0103"), .string("旱地"), .null, .string("3708810010020000000"), .string("x"), .integer(99)],
    ]

    @Test func keptPositionsReadAsTheRows() {
        var kept = KeptColumns(width: 7, kept: [6, 1, 4, 3])
        for row in Self.rows { kept.append(row) }
        #expect(kept.count == 2)
        #expect(kept.kept == [1, 3, 4, 6])
        for (r, row) in Self.rows.enumerated() {
            for position in [1, 3, 4, 6] { #expect(kept[r, position] == row[position]) }
            for position in [0, 2, 5, -1, 7] { #expect(kept[r, position] == .null) }
        }
    }

    @Test func positionsOutsideTheSchemaAreNotKept() {
        var kept = KeptColumns(width: 3, kept: [0, 2, 3, 9, -1])
        #expect(kept.kept == [0, 2])
        // A row shorter than the schema (a damaged record): its missing kept cells are null.
        kept.append([.string("a")])
        #expect(kept[0, 0] == .string("a"))
        #expect(kept[0, 2] == .null)
        #expect(kept.count == 1)
    }

    @Test func nothingKeptStillCountsRows() {
        var kept = KeptColumns(width: 2, kept: [])
        for _ in 0..<3 { kept.append([.integer(1), .integer(2)]) }
        #expect(kept.count == 3)
        #expect(kept[2, 0] == .null)
    }
}
