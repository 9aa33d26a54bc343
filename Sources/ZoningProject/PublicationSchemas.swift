import Foundation
import ZoningChecksum
import ZoningDatabase

/// The names of the schemas a project's runs are published into (`RunPublication`): one per
/// run, `PREFIX_yyyyMMdd_HHmmss` (UTC), and `PREFIX_latest` for the views of the newest run.
///
/// The prefix is the project's name as `RunPublication.slug` makes it when it fits: at most
/// 47 bytes, so that a run schema stays within PostgreSQL's 63 (which cuts longer names
/// without a word, and two runs of a long name would then be one schema). A longer slug — 16
/// or more Chinese characters — is cut at a character to at most 38 bytes and followed by `_`
/// and the first 8 hex digits of the SHA-256 of the whole slug: stable from run to run, and
/// different for two long names that only begin alike.
///
/// ```swift
/// try PublicationSchemas(projectName: "样例市 (sample county)").prefix   // "样例市_sample_county"
/// try PublicationSchemas(projectName: String(repeating: "城", count: 20)).prefix
/// // "城城城城城城城城城城城城_" + 8 hex digits: 12 characters of the name and the hash
/// ```
public struct PublicationSchemas: Sendable, Equatable {
    /// The project's part of both names.
    public let prefix: String
    /// True when the prefix is a cut of the slug and its hash, not the slug.
    public let shortened: Bool

    /// The most bytes of a prefix: 63 less `_` and the 15 of the time.
    public static let maximumPrefixBytes = TableName.maximumBytes - 16
    /// Bytes of the slug kept in front of the hash when it is cut.
    static let cutBytes = maximumPrefixBytes - 9

    public init(projectName: String) throws {
        let slug = RunPublication.slug(projectName)
        guard slug.utf8.count > Self.maximumPrefixBytes else {
            prefix = slug
            shortened = false
            return
        }
        var cut = ""
        for character in slug {
            guard cut.utf8.count + String(character).utf8.count <= Self.cutBytes else { break }
            cut.append(character)
        }
        while cut.hasSuffix("_") { cut.removeLast() }
        let digest = try SHA256Digest()
        digest.update(Array(slug.utf8))
        prefix = cut + "_" + digest.hex.prefix(8)
        shortened = true
    }

    /// The schema of a run published at `date`: `样例市_sample_county_20250301_093000`.
    public func run(at date: Date) -> String { prefix + "_" + Self.stamp(date) }

    /// The schema of the views of the newest run: `样例市_sample_county_latest`.
    public var latest: String { prefix + "_latest" }

    /// `20250301_093000`, UTC.
    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd_HHmmss"
        return formatter.string(from: date)
    }
}
