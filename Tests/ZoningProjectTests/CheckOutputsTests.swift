import Foundation
import Testing
import ZoningAnalysis
import ZoningLayers
import ZoningProject
import ZoningTestSupport
import ZoningReport
import ZoningSampleRun

/// checks.csv speaks the project's language, as the report and the other tables do.
@Suite struct CheckOutputsTests {
    /// The sample project is in Chinese (`language: zh`): its checks.csv gives each check's
    /// message and fix in the Chinese words the report shows.
    @Test func checksTableSpeaksTheProjectsLanguage() throws {
        let run = try SampleRun.get()
        let rows = try CSVTableReader.rows(run.folder + "/checks.csv")
        let checks = run.result.checks.checks
        #expect(rows.count == checks.count && !checks.isEmpty)
        for (row, check) in zip(rows, checks) {
            let zh = try #require(check.messageZh, "\(check.id) has no Chinese")
            #expect(row["id"] == check.id)
            #expect(row["message"] == zh)
            #expect(row["fix"] == (check.fixZh ?? check.fix ?? ""))
        }
    }

    /// An English project gets the English words.
    @Test func englishProjectsGetEnglish() throws {
        let folder = try TemporaryFolder()
        var list = CheckList()
        list.add(Check(.warning, "records-deleted", layer: "DLTB.shp", "2 records are flagged deleted", fix: "undelete them").zh("2条记录已删除", fix: "请恢复"))
        try CheckOutputs.write(list, to: folder.path, options: .init(), text: ReportText(.en))
        #expect(try CSVTableReader.rows(folder.file("checks.csv")).first?["message"] == "2 records are flagged deleted")
        try CheckOutputs.write(list, to: folder.path, options: .init(overwrite: true), text: ReportText(.zh))
        let row = try CSVTableReader.rows(folder.file("checks.csv")).first
        #expect(row?["message"] == "2条记录已删除" && row?["fix"] == "请恢复")
    }
}
