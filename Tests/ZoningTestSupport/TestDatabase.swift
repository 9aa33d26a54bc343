import Foundation
import Testing

/// The throw-away PostGIS server that Scripts/test.sh starts (Scripts/postgis.sh) and names in
/// `ZONING_TEST_DATABASE_URL`, e.g.
/// `postgresql://zoning:PASSWORD@/zoning_test?host=/tmp/zoning-postgis.ab12cd`.
///
/// Tests that need it carry `.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason)`:
/// outside CI they skip, visibly, when the variable is unset (PostgreSQL could not be
/// installed, or `swift test` was run without Scripts/test.sh). Under `CI=true` they always
/// run, so a missing server fails them instead of hiding.
public enum TestDatabase {
    /// The URL of the test database (superuser `zoning`, PostGIS installed); nil when unset.
    public static var url: String? {
        ProcessInfo.processInfo.environment["ZONING_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// True when the tests that need the server should run: it is named, or this is CI
    /// (`CI=true`), where its absence must fail.
    public static var isAvailable: Bool {
        url != nil || ProcessInfo.processInfo.environment["CI"] == "true"
    }

    /// Why a test was skipped.
    public static let skipReason: Comment =
        "needs a PostGIS server: ZONING_TEST_DATABASE_URL is unset (run the tests with Scripts/test.sh, which starts one)"

    /// The URL, or a failure saying that CI runs without the server.
    public static func requiredURL() throws -> String {
        guard let url else {
            throw ExternalTool.ToolFailure(message: "ZONING_TEST_DATABASE_URL is unset: Scripts/test.sh starts the PostGIS server and sets it")
        }
        return url
    }

    /// The URL with `table=` (percent-encoded) added.
    public static func url(table: String) throws -> String {
        let base = try requiredURL()
        let encoded = table.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? table
        return base + (base.contains("?") ? "&" : "?") + "table=" + encoded
    }

    /// The URL with its password replaced by `password`.
    public static func url(password: String) throws -> String {
        let base = try requiredURL()
        guard let scheme = base.range(of: "://"), let at = base.range(of: "@"),
            let colon = base[scheme.upperBound..<at.lowerBound].firstIndex(of: ":")
        else { return base }
        return String(base[..<base.index(after: colon)]) + password + String(base[at.lowerBound...])
    }

    /// The URL's password (the test cluster always has one).
    public static func password() throws -> String {
        let base = try requiredURL()
        guard let scheme = base.range(of: "://"), let at = base.range(of: "@"),
            let colon = base[scheme.upperBound..<at.lowerBound].firstIndex(of: ":")
        else { return "" }
        return String(base[base.index(after: colon)..<at.lowerBound])
    }

    /// A fresh name for a schema or table, so that tests running in parallel never share one.
    public static func uniqueName(_ prefix: String) -> String {
        prefix + "_" + UUID().uuidString.prefix(8).lowercased()
    }
}
