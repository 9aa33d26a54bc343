import Foundation
import Testing
import ZoningLayers
import ZoningTestSupport

@Suite struct OutputFilesTests {
    @Test func commitMovesTemporariesIntoPlace() throws {
        let folder = try TemporaryFolder()
        let final = folder.file("out.csv")
        let files = try OutputFiles([final], inputs: [], overwrite: false)
        let temporary = files.temporaryPath(for: final)
        #expect(temporary != final && temporary.hasPrefix(folder.path + "/."))
        try Data("a,b\n".utf8).write(to: URL(fileURLWithPath: temporary))
        #expect(!FileManager.default.fileExists(atPath: final))  // nothing final before commit
        try files.commit()
        #expect(folder.contents == ["out.csv"])
        #expect(FileManager.default.contents(atPath: final) == Data("a,b\n".utf8))
    }

    @Test func unfinishedTemporariesVanish() throws {
        let folder = try TemporaryFolder()
        do {
            let files = try OutputFiles([folder.file("out.csv")], inputs: [], overwrite: false)
            try Data("half".utf8).write(to: URL(fileURLWithPath: files.temporaryPath(for: folder.file("out.csv"))))
        }
        #expect(folder.contents.isEmpty)
    }

    @Test func refusesInputsExistingFilesAndMissingFolders() throws {
        let folder = try TemporaryFolder()
        let existing = folder.file("old.csv")
        try Data("keep".utf8).write(to: URL(fileURLWithPath: existing))
        #expect(throws: LayerError.outputExists(path: existing)) {
            try OutputFiles([existing], inputs: [], overwrite: false)
        }
        // The same file reached through "..": still the input.
        let roundabout = folder.path + "/../" + URL(fileURLWithPath: folder.path).lastPathComponent + "/old.csv"
        #expect(throws: LayerError.outputIsInput(path: roundabout)) {
            try OutputFiles([roundabout], inputs: [existing], overwrite: true)
        }
        let nowhere = folder.file("missing/out.csv")
        #expect(throws: LayerError.outputFolderMissing(path: nowhere)) {
            try OutputFiles([nowhere], inputs: [], overwrite: false)
        }
        #expect(FileManager.default.contents(atPath: existing) == Data("keep".utf8))
    }

    @Test func overwriteReplaces() throws {
        let folder = try TemporaryFolder()
        let final = folder.file("out.csv")
        try Data("old".utf8).write(to: URL(fileURLWithPath: final))
        let files = try OutputFiles([final], inputs: [], overwrite: true)
        try Data("new".utf8).write(to: URL(fileURLWithPath: files.temporaryPath(for: final)))
        try files.commit()
        #expect(FileManager.default.contents(atPath: final) == Data("new".utf8))
    }
}
