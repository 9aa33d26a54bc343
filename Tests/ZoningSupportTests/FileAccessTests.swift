import Foundation
import Testing
import ZoningTestSupport
@testable import ZoningSupport

/// The causes of failed reads and writes, read from the errors the libraries give. (Unreadable
/// files and full disks themselves are made in `FileProblemsTests`, which runs the program.)
@Suite struct FileAccessTests {
    @Test func causesAreReadFromEveryKindOfError() {
        #expect(FileAccess.errorNumber(NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC))) == ENOSPC)
        // Foundation's own code, with the POSIX error underneath (what Data.write throws).
        let cocoa = NSError(domain: NSCocoaErrorDomain, code: CocoaError.fileWriteOutOfSpace.rawValue)
        #expect(FileAccess.errorNumber(cocoa) == ENOSPC)
        let wrapped = NSError(domain: "Other", code: 1, userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EROFS))])
        #expect(FileAccess.errorNumber(wrapped) == EROFS)
        // Texts: SQLite inside GDAL, shapelib's hooks.
        struct Message: Error, CustomStringConvertible { let description: String }
        #expect(FileAccess.errorNumber(Message(description: "failed to execute insert : database or disk is full")) == ENOSPC)
        #expect(FileAccess.errorNumber(Message(description: "FWrite(): No space left on device")) == ENOSPC)
        #expect(FileAccess.errorNumber(Message(description: "open: Permission denied")) == EACCES)
        #expect(FileAccess.errorNumber(Message(description: "record 3 has 5 parts")) == nil)
    }

    /// A refused record on a disk with room is not blamed on the disk.
    @Test func otherFailuresKeepTheirOwnMessage() {
        struct Refused: Error {}
        #expect(FileAccess.writeProblem(Refused(), folder: FileManager.default.temporaryDirectory.path) == nil)
        let full = FileAccess.writeProblem(NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC)), folder: "/tmp")
        #expect(full?.hasPrefix("the disk is full (") == true && full?.contains("holding /tmp") == true)
    }

    @Test func readableAndMissingFilesHaveNoProblem() throws {
        #expect(FileAccess.readProblem(checkoutRoot + "/Package.swift") == nil)
        #expect(FileAccess.readProblem("/nonexistent/x.shp") == nil)  // missing: the caller says so
        #expect(FileAccess.freeBytes(in: "/tmp").map { $0 > 0 } == true)
    }

    @Test func sizesAreShortAndExact() {
        #expect(FileAccess.byteText(0) == "0 bytes")
        #expect(FileAccess.byteText(12 * 1024 + 5) == "12 kB")
        #expect(FileAccess.byteText(3 * (1 << 20) + (1 << 19)) == "3.5 MB")
        #expect(FileAccess.byteText(5 << 30) == "5.0 GB")
    }
}
