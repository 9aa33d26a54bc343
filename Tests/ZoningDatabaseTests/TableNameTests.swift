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
}
