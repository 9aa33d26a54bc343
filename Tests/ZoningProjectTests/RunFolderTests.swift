import Foundation
import Testing
@testable import ZoningProject
import ZoningSupport
import ZoningTestSupport

@Suite struct RunFolderTests {
    /// A run as zoning writes one: its files, and a manifest of zoning's schema listing them
    /// with their checksums.
    func run(in folder: String, marker: String) throws {
        try FileManager.default.createDirectory(atPath: folder + "/maps", withIntermediateDirectories: true)
        try Data(marker.utf8).write(to: URL(fileURLWithPath: folder + "/marker"))
        let (bytes, digest) = try Manifest.sha256(of: folder + "/marker")
        let manifest = #"{"toolkit": {"zoning": "test"}, "project": {}, "inputs": [], "parameters": {}, "outputs": [{"path": "marker", "bytes": \#(bytes), "sha256": "\#(digest)"}]}"#
        try Data(manifest.utf8).write(to: URL(fileURLWithPath: folder + "/manifest.json"))
    }

    /// The message of the error `body` throws; nil when it throws none.
    func refusal(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
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

    /// A folder that merely holds a file named manifest.json (a web project's) is no earlier
    /// run: it is refused even with --overwrite, naming what is not zoning's, and kept.
    @Test func someoneElsesManifestIsNotARun() throws {
        let folder = try TemporaryFolder()
        let web = folder.file("web")
        try FileManager.default.createDirectory(atPath: web, withIntermediateDirectories: true)
        try write(#"{"name": "Survey app", "start_url": "/index.html"}"#, to: web + "/manifest.json")
        try write("<html></html>", to: web + "/index.html")
        let message = try #require(refusal { _ = try RunFolder(output: web, overwrite: true) })
        #expect(message.contains("index.html") && message.contains("manifest.json") && message.contains("even with --overwrite"), "\(message)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: web).sorted() == ["index.html", "manifest.json"])
    }

    /// An earlier run is recognised only as its manifest lists it: a file added, changed or
    /// missing, or a link, makes the folder not zoning's, and the message names it.
    @Test func anEarlierRunIsWhatItsManifestLists() throws {
        let folder = try TemporaryFolder()
        let output = folder.file("out")
        try run(in: output, marker: "old")
        #expect(refusal { _ = try RunFolder(output: output, overwrite: true) } == nil)

        try write("mine", to: output + "/notes.txt")
        #expect(refusal { _ = try RunFolder(output: output, overwrite: true) }?.contains("(notes.txt)") == true)
        try FileManager.default.removeItem(atPath: output + "/notes.txt")

        try write("edited", to: output + "/marker")
        #expect(refusal { _ = try RunFolder(output: output, overwrite: true) }?.contains("marker (changed since the run)") == true)
        try FileManager.default.removeItem(atPath: output + "/marker")
        #expect(refusal { _ = try RunFolder(output: output, overwrite: true) }?.contains("marker (listed by manifest.json, missing)") == true)

        try run(in: output, marker: "old")
        try FileManager.default.createSymbolicLink(atPath: output + "/maps/data", withDestinationPath: folder.path)
        #expect(refusal { _ = try RunFolder(output: output, overwrite: true) }?.contains("maps/data (a symbolic link)") == true)
        #expect(FileManager.default.fileExists(atPath: output + "/maps/data"))
    }

    /// A folder that appears at the output while the run works (a user's) is kept at the
    /// commit, and the run's results are not written over it.
    @Test func aFolderMadeDuringTheRunIsKept() throws {
        let folder = try TemporaryFolder()
        let output = folder.file("out")
        let next = try RunFolder(output: output, overwrite: true)
        try run(in: try next.makeStaging(), marker: "new")
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try write("mine", to: output + "/notes.txt")
        let message = try #require(refusal { try next.commit() })
        #expect(message.contains("changed while zoning ran") && message.contains("notes.txt"), "\(message)")
        next.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: output) == ["notes.txt"])
        #expect(try siblings(output).isEmpty)
    }

    /// Two runs into one new folder without --overwrite: the second finds the first's results
    /// at its commit and keeps them.
    @Test func twoRunsIntoOneNewFolderDoNotBothWin() throws {
        let folder = try TemporaryFolder()
        let output = folder.file("out")
        let first = try RunFolder(output: output, overwrite: false)
        let second = try RunFolder(output: output, overwrite: false)
        try run(in: try first.makeStaging(), marker: "first")
        try run(in: try second.makeStaging(), marker: "second")
        try first.commit()
        #expect(refusal { try second.commit() }?.contains("changed while zoning ran") == true)
        second.discard()
        #expect(marker(output) == "first")
        #expect(try siblings(output).isEmpty)
    }

    /// A file put into the earlier run while the new one works is kept, with the earlier run.
    @Test func aFileAddedToTheEarlierRunMeanwhileIsKept() throws {
        let folder = try TemporaryFolder()
        let output = folder.file("out")
        try run(in: output, marker: "old")
        let next = try RunFolder(output: output, overwrite: true)
        try run(in: try next.makeStaging(), marker: "new")
        try write("mine", to: output + "/notes.txt")
        let message = try #require(refusal { try next.commit() })
        #expect(message.contains("notes.txt"), "\(message)")
        next.discard()
        #expect(marker(output) == "old" && FileManager.default.fileExists(atPath: output + "/notes.txt"))
        #expect(try siblings(output).isEmpty)

        // An empty folder that fills meanwhile is kept too.
        let empty = folder.file("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let into = try RunFolder(output: empty, overwrite: false)
        try run(in: try into.makeStaging(), marker: "new")
        try write("mine", to: empty + "/notes.txt")
        #expect(refusal { try into.commit() }?.contains("notes.txt") == true)
        into.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: empty) == ["notes.txt"])
    }

    /// A link as the output is refused, naming where it points; the run it points to stays.
    @Test func aLinkAsTheOutputIsRefused() throws {
        let folder = try TemporaryFolder()
        try run(in: folder.file("runs/2026"), marker: "old")
        try FileManager.default.createSymbolicLink(atPath: folder.file("out"), withDestinationPath: folder.file("runs/2026"))
        let message = try #require(refusal { _ = try RunFolder(output: folder.file("out"), overwrite: true) })
        #expect(message.contains("is a symbolic link") && message.contains("runs/2026"), "\(message)")
        #expect(marker(folder.file("runs/2026")) == "old")
    }
}
