import Foundation
import Testing
import ZoningLayers
import ZoningSupport
import ZoningTestSupport

@Suite struct CSVTableReaderTests {
    @Test func quotedCellsBOMAndGBK() throws {
        let folder = try TemporaryFolder()
        try Data([0xEF, 0xBB, 0xBF] + Array("code,reason\n370299001001,\"62% of land, city seat\"\n".utf8)).write(to: URL(fileURLWithPath: folder.file("a.csv")))
        #expect(try CSVTableReader.rows(folder.file("a.csv")) == [["code": "370299001001", "reason": "62% of land, city seat"]])
        try Data(try TextEncoding.gbk.encode("名称,人口\n东湖镇,3500\n")).write(to: URL(fileURLWithPath: folder.file("b.csv")))
        #expect(try CSVTableReader.rows(folder.file("b.csv")) == [["名称": "东湖镇", "人口": "3500"]])
        #expect(throws: LayerError.self) { try CSVTableReader.rows(folder.file("none.csv")) }
    }
}
