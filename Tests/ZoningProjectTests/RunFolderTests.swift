import Foundation
import Testing
@testable import ZoningProject
import ZoningSupport
import ZoningTestSupport

@Suite struct RunFolderTests {
    func run(in folder: String, marker: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: folder + "/manifest.json"))
        try Data(marker.utf8).write(to: URL(fileURLWithPath: folder + "/marker"))
    }

    func marker(_ folder: String) -> String? {
        FileManager.default.contents(atPath: folder + "/marker").map { String(decoding: $0, as: UTF8.self) }
    }

    func siblings(_ output: String) throws -> [String] {
        let prefix = URL(fileURLWithPath: RunFolder.stagingPrefix(output)).lastPathComponent
        return try FileManager.default.contentsOfDirectory(atPath: URL(fileURLWithPath: output).deletingLastPathComponent().path).filter { $0.hasPrefix(prefix) }
    }

    /// A pid that no process has: a child that has already been waited for.
    func deadPID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    /// The commit swaps the new run in place of the old in one step and leaves no staging folder.
    @Test func commitReplacesTheOldRun() throws {
        #expect(FolderExchange.isAvailable)
        let folder = try TemporaryFolder()
        let output = folder.file("out")
        try run(in: output, marker: "old")
        let next = try RunFolder(output: output, overwrite: true)
        try run(in: try next.makeStaging(), marker: "new")
        try next.commit()
        #expect(marker(output) == "new")
        #expect(try siblings(output).isEmpty)
    }

    @Test func swapExchangesTwoFolders() throws {
        let folder = try TemporaryFolder()
        try run(in: folder.file("a"), marker: "a")
        try run(in: folder.file("b"), marker: "b")
        #expect(FolderExchange.swap(folder.file("a"), folder.file("b")))
        #expect(marker(folder.file("a")) == "b" && marker(folder.file("b")) == "a")
        #expect(!FolderExchange.swap(folder.file("a"), folder.file("missing")))  // nothing changed
        #expect(marker(folder.file("a")) == "b")
    }

    /// What killed runs leave is cleaned by the next: staging folders of dead processes go, one
    /// of a live process stays, and an old run left aside by a commit killed between its two
    /// renames is put back where the output was.
    @Test func leftoversOfKilledRunsAreCleaned() throws {
        let folder = try TemporaryFolder()
        let output = folder.file("out")
        let prefix = RunFolder.stagingPrefix(output)
        let dead = try deadPID(), live = getppid()
        try run(in: prefix + "\(dead)-A", marker: "half-written")
        try run(in: prefix + "\(live)-B", marker: "another run, still going")
        try run(in: prefix + "\(dead)-C-old", marker: "old")
        _ = try RunFolder(output: output, overwrite: true)
        #expect(marker(output) == "old")
        #expect(try siblings(output) == [URL(fileURLWithPath: prefix).lastPathComponent + "\(live)-B"])
    }
}
