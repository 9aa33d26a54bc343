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
        return output.prefix(Int(length)).map { String(format: "%02x", $0) }.joined()
    }

    /// The SHA-256 of a file (lowercase hex) and its size in bytes, read in 1 MiB pieces.
    /// - Returns: nil when the file cannot be opened.
    public static func file(_ path: String) throws -> (bytes: Int, hex: String)? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let digest = try SHA256Digest()
        var bytes = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            digest.update(chunk)
            bytes += chunk.count
        }
        return (bytes, digest.hex)
    }
}

/// OpenSSL could not set up a SHA-256 digest: the machine is out of memory.
public struct DigestUnavailable: Error, CustomStringConvertible {
    public var description: String { "OpenSSL could not set up a SHA-256 digest; the machine is out of memory" }
}
