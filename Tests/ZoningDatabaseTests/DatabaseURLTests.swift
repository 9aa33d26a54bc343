import Testing
import ZoningDatabase

@Suite struct DatabaseURLTests {
    @Test func zoningParametersAreReadAndKeptFromLibpq() throws {
        let url = try DatabaseURL("postgresql://gis:s3cret@db.example:5433/county?sslmode=disable&table=dltb.parcels&geometry=shape")
        #expect(url.table == "dltb.parcels")
        #expect(url.geometryColumn == "shape")
        #expect(url.user == "gis")
        #expect(url.hasPassword)
        #expect(url.connectionString == "postgresql://gis:s3cret@db.example:5433/county?sslmode=disable")
    }

    @Test func passwordsAreMasked() throws {
        #expect(try DatabaseURL("postgresql://gis:s3cret@db.example/county?table=t").masked == "postgresql://gis:***@db.example/county?table=t")
        #expect(try DatabaseURL("postgres://gis@db/county?password=s3cret&table=t").masked == "postgres://gis@db/county?password=***&table=t")
        #expect(try DatabaseURL("postgresql:///county").masked == "postgresql:///county")
        // A password holding an @ (written %40) is masked whole.
        #expect(try DatabaseURL("postgresql://gis:a%40b@host/db").masked == "postgresql://gis:***@host/db")
        // An @ in a query value leaves the password where it is.
        #expect(try DatabaseURL("postgresql://gis:pw@host/db?application_name=a@b&table=t").table == "t")
    }

    @Test func tableNamesArePercentDecoded() throws {
        let url = try DatabaseURL("postgresql:///gis?table=%E6%9D%91%E7%95%8C")
        #expect(url.table == "村界")
        #expect(try DatabaseURL("postgresql:///gis?table=村界").table == "村界")
        #expect(try DatabaseURL("postgresql:///gis?table=100%").table == "100%")
        #expect(try url.naming(table: "x\"; DROP TABLE y; --").table == "x\"; DROP TABLE y; --")
    }

    @Test func otherTextIsRefusedWithoutShowingThePassword() {
        #expect(throws: DatabaseError.badURL(url: "mysql://root:***@db/x", problem: "it does not start with postgresql:// or postgres://")) {
            try DatabaseURL("mysql://root:pw@db/x")
        }
        #expect(throws: DatabaseError.self) { try DatabaseURL("postgresql:///gis?table=") }
    }

    /// A quote of part of the URL in libpq's words is masked where it reaches into the
    /// password, and kept where it does not.
    @Test func libpqsQuotesAreMaskedWhereTheyReachThePassword() throws {
        let url = try DatabaseURL("postgresql://gis:s3cret?x#1@127.0.0.1:1/db")
        #expect(url.masked == "postgresql://gis:***@127.0.0.1:1/db")
        #expect(url.scrub(#"in URI query parameter: "x#1@127.0.0.1:1/db""#) == #"in URI query parameter: "***@127.0.0.1:1/db""#)
        #expect(url.scrub(#"invalid port number: "1""#) == #"invalid port number: "1""#)
        #expect(url.scrub("could not use s3cret?x#1 here") == "could not use *** here")
    }

    /// Hostile passwords, each with the pieces of it that must never be shown.
    static let hostile: [(url: String, secrets: [String])] = [
        // A literal % that is no escape: libpq quotes the password it cannot decode.
        ("postgresql://gis:50%off!Pw@127.0.0.1:1/db", ["50%off", "off!Pw"]),
        // %00, which libpq forbids, quoting the value.
        ("postgresql://gis:ab%00cdPw@127.0.0.1:1/db", ["ab%00", "cdPw"]),
        // Malformed hosts: libpq quotes the whole URI.
        ("postgresql://gis:s3cretPw@[::1]x/db", ["s3cretPw"]),
        ("postgresql://gis:s3cretPw@[]/db", ["s3cretPw"]),
        ("postgresql://gis:s3cretPw@[::1/db", ["s3cretPw"]),
        // A literal @ (and / ? #) in the password: libpq cuts it at the first @.
        ("postgresql://gis2:p@ss:w/rd?x#1@127.0.0.1:1/db", ["p@ss", "ss:w", "w/rd", "rd?x", "x#1"]),
        // A password= parameter libpq cannot decode.
        ("postgresql://gis@127.0.0.1:1/db?password=pw2%zzTop", ["pw2%zz", "zzTop"]),
        // An ordinary password on a closed port.
        ("postgresql://gis:s3cretPw@127.0.0.1:1/db?connect_timeout=2", ["s3cretPw"]),
    ]

    /// No piece of a hostile password is in the masked URL, nor in any message of a failed
    /// connection: libpq's own text is masked too. No server is needed: these fail in libpq's
    /// parser, or at a closed port on this machine.
    @Test(arguments: Self.hostile.indices)
    func hostilePasswordsAreNeverShown(_ index: Int) throws {
        let (text, secrets) = Self.hostile[index]
        var shown: [String] = []
        do {
            let url = try DatabaseURL(text)
            shown.append(url.masked)
            shown.append("\(url)")
            _ = try DatabaseConnection(url)
            Issue.record("connected to \(url.masked)")
        } catch {
            shown.append("\(error)")
        }
        for message in shown {
            for secret in secrets { #expect(!message.contains(secret), "\(message) shows \(secret)") }
        }
        // What is shown still names where zoning tried to connect.
        #expect(shown.last?.contains("***") == true, "\(shown)")
    }
}
