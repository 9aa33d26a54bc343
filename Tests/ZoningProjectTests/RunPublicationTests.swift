import Foundation
import Testing
import ZoningDatabase
import ZoningLayers
import ZoningProject
import ZoningTestSupport
import ZoningSampleRun

@Suite struct RunPublicationTests {
    @Test func schemaNamesComeFromTheProject() {
        #expect(RunPublication.slug("样例市 (sample county)") == "样例市_sample_county")
        #expect(RunPublication.slug("  ") == "zoning")
        #expect(RunPublication.slug("x\"; DROP TABLE y; --") == "x_drop_table_y")
    }

    /// The sample run, published twice: every layer and table with its rows, the manifest, and
    /// latest views that follow the second run.
    @Test(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
    func theSampleRunIsPublished() throws {
        let run = try SampleRun.get()
        let name = TestDatabase.uniqueName("样例")
        let db = try DatabaseConnection(DatabaseURL(TestDatabase.requiredURL()))
        let first = try RunPublication.publish(folder: run.folder, projectName: name, database: TestDatabase.requiredURL(), at: Date(timeIntervalSince1970: 1_740_000_000))
        let second = try RunPublication.publish(folder: run.folder, projectName: name, database: TestDatabase.requiredURL(), at: Date(timeIntervalSince1970: 1_740_000_060))
        defer {
            for schema in [first.schema, second.schema, first.latestSchema] {
                _ = try? db.execute("DROP SCHEMA IF EXISTS \(try db.quoteIdentifier(schema)) CASCADE")
            }
        }
        #expect(first.schema == name + "_20250219_212000")
        #expect(first.latestSchema == name + "_latest" && second.latestSchema == first.latestSchema)
        let files = try FileManager.default.contentsOfDirectory(atPath: run.folder).filter { $0.hasSuffix(".shp") || $0.hasSuffix(".csv") }
        #expect(first.tables.count == files.count + 1)
        #expect(first.tables.contains("builtup_regions") && first.tables.contains("builtup_regions_csv") && first.tables.contains("villages_classified"))

        // Each layer: as many rows as the shapefile, in its SRID.
        for file in files where file.hasSuffix(".shp") {
            let table = file.dropLast(4).replacingOccurrences(of: "-", with: "_")
            let source = try LayerFile.open(run.folder + "/" + file)
            var count = 0
            try source.forEach { _ in count += 1 }
            let published = try PostGISLayerReader(url: DatabaseURL(TestDatabase.url(table: "\(second.latestSchema).\(table)")))
            #expect(try published.count() == count, "\(table)")
            #expect(published.crs?.epsg == 4528, "\(table)")
            #expect(published.schema.names == source.schema.names, "\(table)")
        }
        // A table: the CSV's rows, numbers typed.
        let csv = try CSVTableReader.table(run.folder + "/classification.csv")
        let quoted = try db.quoteIdentifier(second.schema)
        #expect(try db.execute("SELECT count(*) FROM \(quoted).classification").rows == [[String(csv.rows.count)]])
        let columns = try db.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'classification' AND column_name <> 'zoning_fid' ORDER BY ordinal_position",
            [second.schema]).rows.map { $0[0] ?? "" }
        #expect(columns == csv.header)
        // The manifest, and views pointing at the second run.
        #expect(try db.execute("SELECT count(*) > 0 FROM \(quoted).manifest WHERE key = 'outputs'").rows == [["t"]])
        let view = try db.execute("SELECT definition FROM pg_views WHERE schemaname = $1 AND viewname = 'classification'", [first.latestSchema]).rows[0][0] ?? ""
        #expect(view.contains(second.schema))
        #expect(!view.contains(first.schema))
    }
}
