import Foundation
import Testing
@testable import ZoningProject
import ZoningTestSupport

/// The inputs hashed while a run reads them: the digests are those of the files (FIPS 180-2's
/// "abc", and a second file hashed on its own), in the order given, and a file that changes
/// after the run opened it fails the run instead of getting a checksum of other bytes.
@Suite struct InputHashingTests {
    @Test func digestsAreTheFilesInOrder() throws {
        let folder = try TemporaryFolder()
        try Data("abc".utf8).write(to: URL(fileURLWithPath: folder.file("abc")))
        try Data(repeating: 7, count: 3 << 20).write(to: URL(fileURLWithPath: folder.file("big")))
        let digests = try InputHashing([folder.file("big"), folder.file("abc")]).digests()
        #expect(digests.count == 2)
        #expect(digests[0] == (try Manifest.sha256(of: folder.file("big"))) && digests[0].bytes == 3 << 20)
        #expect(digests[1] == (3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
    }

    @Test func aFileChangedDuringTheRunFailsIt() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("DLTB.dbf")
        try Data("before".utf8).write(to: URL(fileURLWithPath: path))
        let hashing = InputHashing([path])
        // Another program rewrites the file while the run works (a new size and time).
        Thread.sleep(forTimeInterval: 0.02)
        try Data("after, longer".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: RunError.inputChanged(path: path)) { try hashing.digests() }
        #expect("\(RunError.inputChanged(path: path))".contains("changed while zoning read it"))
    }

    @Test func aFileGoneFailsWithItsName() throws {
        let folder = try TemporaryFolder()
        #expect(throws: RunError.cannotRead(path: folder.file("none"), problem: nil)) { try InputHashing([folder.file("none")]).digests() }
    }
}
