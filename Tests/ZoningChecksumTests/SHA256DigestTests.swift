import Foundation
import Testing
import ZoningChecksum
import ZoningTestSupport

/// The digests agree with the standard's test vectors (FIPS 180-2, appendix B) and with
/// coreutils' sha256sum, a second implementation.
@Suite struct SHA256DigestTests {
    @Test func standardVectors() throws {
        let abc = try SHA256Digest()
        abc.update([UInt8]("abc".utf8))
        #expect(abc.hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(try SHA256Digest().hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        // Fed in two pieces: the same as at once.
        let pieces = try SHA256Digest()
        pieces.update([UInt8]("abcdbcdecdefdefgefghfghighij".utf8))
        pieces.update([UInt8]("hijkijkljklmklmnlmnomnopnopq".utf8))
        #expect(pieces.hex == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func filesAgreeWithSha256sum() throws {
        let path = checkoutRoot + "/Shapefiles/DLTB.dbf"  // several MiB: more than one piece
        let digest = try #require(try SHA256Digest.file(path))
        #expect(digest.bytes == (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int))
        #expect(digest.hex == String(try ExternalTool.sha256sum.run([path]).prefix(64)))
        #expect(try SHA256Digest.file(path + ".missing") == nil)
        // A folder opens but cannot be read: an error naming it, not a digest of nothing.
        #expect(throws: FileReadFailed.self) { try SHA256Digest.file(checkoutRoot + "/Shapefiles") }
    }
}
