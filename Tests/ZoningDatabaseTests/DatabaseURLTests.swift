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
}
