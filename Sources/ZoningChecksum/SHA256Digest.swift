import CLibCrypto
import Foundation

/// SHA-256 through OpenSSL's libcrypto (Debian's, the one libpq already links), fed in
/// pieces: the checksums of the manifest and of loaded files. One `EVP_MD_CTX` per value,
/// freed with it.
///
/// ```swift
/// let digest = try SHA256Digest()
/// digest.update([UInt8]("abc".utf8))
/// digest.hex   // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ```
public final class SHA256Digest {
    private let context: OpaquePointer

    /// - Throws: `DigestUnavailable` when OpenSSL cannot set up the digest (out of memory).
    public init() throws {
        guard let context = EVP_MD_CTX_new() else { throw DigestUnavailable() }
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            EVP_MD_CTX_free(context)
            throw DigestUnavailable()
        }
        self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    public func update(_ bytes: some ContiguousBytes) {
        bytes.withUnsafeBytes { buffer in
            _ = EVP_DigestUpdate(context, buffer.baseAddress, buffer.count)
        }
    }

    /// The digest of everything passed so far, as 64 lowercase hexadecimal digits. Ends the
    /// digest: call it once.
    public var hex: String {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        _ = EVP_DigestFinal_ex(context, &output, &length)
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(2 * Int(length))
        for byte in output.prefix(Int(length)) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The SHA-256 of a file (lowercase hex) and its size in bytes, read in one pass in 1 MiB
    /// pieces into one buffer (no allocation per piece).
    /// - Returns: nil when the file cannot be opened.
    /// - Throws: `FileReadFailed` when reading fails part way (an I/O error).
    public static func file(_ path: String) throws -> (bytes: Int, hex: String)? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        let digest = try SHA256Digest()
        let capacity = 1 << 20
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
        defer { buffer.deallocate() }
        var bytes = 0
        while true {
            let count = read(descriptor, buffer, capacity)
            if count < 0 {
                if errno == EINTR { continue }
                throw FileReadFailed(path: path, code: errno)
            }
            if count == 0 { break }
            _ = EVP_DigestUpdate(digest.context, buffer, count)
            bytes += count
        }
        return (bytes, digest.hex)
    }
}

/// A file could not be read to its end (an I/O error after it was opened).
public struct FileReadFailed: Error, CustomStringConvertible {
    public var path: String
    public var code: Int32
    public var description: String { "\(path): reading failed part way (\(String(cString: strerror(code))))" }
}

/// OpenSSL could not set up a SHA-256 digest: the machine is out of memory.
public struct DigestUnavailable: Error, CustomStringConvertible {
    public var description: String { "OpenSSL could not set up a SHA-256 digest; the machine is out of memory" }
}
