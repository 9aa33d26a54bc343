import Foundation
import Testing
import ZoningDatabase
import ZoningTestSupport

@Suite struct SchemaMarkTests {
    /// A mark reads back from its comment, whatever the project's name holds; a comment zoning
    /// did not write (a user's, an older zoning's, one with a stray JSON line) is no mark.
    @Test func aMarkReadsBackFromItsComment() throws {
        let mark = SchemaMark(kind: .run, project: "平度市 \"(A)\"\n{x}", state: .writing, lock: Int64.max - 7, at: Date(timeIntervalSince1970: 1_740_000_000))
        let comment = mark.comment
        #expect(comment.hasPrefix("zoning: a run schema of project 平度市"))
        #expect(comment.contains("since 2025-02-19 21:20:00 UTC"))
        #expect(SchemaMark(comment: comment) == mark)
        #expect(SchemaMark(comment: nil) == nil)
        #expect(SchemaMark(comment: "The newest run's classification: x.classification.") == nil)
        #expect(SchemaMark(comment: "mine\n{\"kind\":\"run\",\"state\":\"writing\"}") == nil)
        let latest = SchemaMark(kind: .latest, project: "样例市", state: .published, lock: nil)
        #expect(SchemaMark(comment: latest.comment)?.project == "样例市" && SchemaMark(comment: latest.comment)?.lock == nil)
    }
}
