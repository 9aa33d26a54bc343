import Testing
import ZoningDatabase

@Suite struct TableNameTests {
    @Test func namesSplitAtTheFirstUnquotedDot() {
        #expect(TableName(parsing: "dltb.parcels") == TableName(schema: "dltb", name: "parcels"))
        #expect(TableName(parsing: "村界") == TableName(schema: nil, name: "村界"))
        #expect(TableName(parsing: "\"a.b\".c") == TableName(schema: "a.b", name: "c"))
        #expect(TableName(parsing: "s.\"x\"\"y\"") == TableName(schema: "s", name: "x\"y"))
        #expect(TableName(parsing: "s.a.b") == TableName(schema: "s", name: "a.b"))
        #expect(TableName(parsing: "") == nil)
        #expect(TableName(parsing: "s.") == nil)
        #expect(TableName(parsing: "\"open.t") == nil)
    }

    @Test func descriptionsParseBack() {
        for name in [TableName(schema: "a.b", name: "x\"; DROP TABLE y; --"), TableName(schema: nil, name: "村界"), TableName(schema: "s", name: "t")] {
            #expect(TableName(parsing: name.description) == name)
        }
    }

    /// PostgreSQL keeps 63 bytes of a name: 21 Chinese characters pass, 22 are refused.
    @Test func namesOver63BytesAreRefused() throws {
        let fits = String(repeating: "长", count: 21), cut = String(repeating: "长", count: 22)
        try TableName(schema: fits, name: fits).checkLength()
        #expect(throws: DatabaseError.nameTooLong(kind: "schema", name: cut)) { try TableName(schema: cut, name: "t").checkLength() }
        #expect(throws: DatabaseError.nameTooLong(kind: "table", name: cut + "a")) { try TableName(schema: nil, name: cut + "a").checkLength() }
        #expect(DatabaseError.nameTooLong(kind: "schema", name: cut).description.contains("is 66 bytes, and PostgreSQL keeps only the first 63"))
    }
}
