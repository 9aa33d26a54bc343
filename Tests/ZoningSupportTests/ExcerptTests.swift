import Testing
import ZoningSupport

@Suite struct ExcerptTests {
    @Test func shortTextIsKeptAndLongTextCut() {
        #expect(Excerpt.of("name,type,lng,lat") == "name,type,lng,lat")
        #expect(Excerpt.of(String(repeating: "a", count: 200)) == String(repeating: "a", count: 200))
        #expect(Excerpt.of(String(repeating: "经", count: 201)) == String(repeating: "经", count: 200) + "… (201 characters in all)")
        #expect(Excerpt.list(["a", "b", "c"], limit: 2) == "a, b, … (3 in all)")
        #expect(Excerpt.list(["a", "b"], limit: 2) == "a, b")
    }
}
