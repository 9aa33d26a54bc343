import Foundation
import Testing
import ZoningAnalysis
import ZoningDatabase
import ZoningLayers
import ZoningProject
import ZoningReport
import ZoningTestSupport
import ZoningSampleRun

@Suite struct RunSnapshotReaderTests {
    /// The sample's run read back: its units, county, CRS, parameters and built-up regions, and
    /// urbanization from the units read equal to urbanization.csv's county row (written by the
    /// classification's own writer).
    @Test func theSampleRunReadsBack() throws {
        let run = try SampleRun.get()
        let snapshot = try RunSnapshotReader.read(run.folder)
        let table = try CSVTableReader.rows(run.folder + "/classification.csv")
        #expect(snapshot.units.count == table.count && snapshot.units.count == 120)
        #expect(snapshot.units.allSatisfy { $0.geometry != nil })
        #expect(snapshot.county == "370299" && snapshot.crs.epsg == 4528 && snapshot.name == "样例市 (sample county)")
        #expect(snapshot.parameters["builtup.gap_m"] == "100" && snapshot.parameters["classification.full_share"] == "0.5")
        #expect(snapshot.parameters["coverage.radius_m.primary"] == "500")
        #expect(snapshot.builtUp.count == (try CSVTableReader.rows(run.folder + "/builtup-regions.csv")).count)
        #expect(snapshot.coverage?.count == (try CSVTableReader.rows(run.folder + "/coverage.csv")).count)
        #expect(snapshot.targets?.count == (try CSVTableReader.rows(run.folder + "/targets.csv")).count)
        let circles = try CSVTableReader.rows(run.folder + "/life-circles.csv").filter { $0["level"] == "township" || $0["level"] == "county" }
        #expect(!circles.isEmpty && snapshot.lifeCircles?.count == circles.count)

        // The facilities by name: each point of the sample's facilities.shp (the run's CRS) with
        // its NAME and TOWNDM. The run reads the same facilities from the web-map CSV (GCJ-02
        // degrees to 6 decimals, about 0.1 m), so x and y agree to within 0.5 m, not exactly.
        let facilities = try #require(snapshot.facilities)
        var points: [(name: String, township: String, x: Double, y: Double)] = []
        let layer = try LayerFile.open(checkoutRoot + "/Shapefiles/facilities.shp")
        let (name, town) = (try #require(layer.schema.index(of: "NAME")), try #require(layer.schema.index(of: "TOWNDM")))
        try layer.forEach { feature in
            let at = try #require(try feature.geometry?.coordinates.first)
            points.append((feature.attributes[name].description, feature.attributes[town].description, at.x, at.y))
        }
        #expect(facilities.count == points.count && Set(facilities.map(\.name)).count == points.count)
        for (row, point) in zip(facilities, points) {
            #expect(row.name == point.name && row.township == point.township, "\(row)")
            #expect(abs(row.x - point.x) <= 0.5 && abs(row.y - point.y) <= 0.5, "\(row) \(point)")
        }

        let county = try #require(try CSVTableReader.rows(run.folder + "/urbanization.csv").first { $0["level"] == "county" })
        let residents = snapshot.units.reduce(0) { $0 + ($1.residents ?? 0) }
        let urban = snapshot.units.filter(\.derivedClass.isUrban).reduce(0) { $0 + ($1.residents ?? 0) }
        #expect(String(residents) == county["population"] && String(urban) == county["urban_population"])
    }

    /// The run in memory gives the same snapshot as its folder read back: what makes `zoning
    /// run` with `compare_with:` write the same tables as `zoning compare`.
    @Test func theRunInMemoryIsTheRunReadBack() throws {
        let run = try SampleRun.get()
        let read = try RunSnapshotReader.read(run.folder)
        let memory = try RunSnapshot.current(
            name: run.result.project.name, version: ZoningVersion.current, parameters: RunSnapshotReader.parameters(run.result.project),
            inputs: run.result.inputs, results: run.result.results, by: "test")
        #expect(memory.parameters == read.parameters && memory.county == read.county && memory.version == read.version)
        #expect(memory.units.count == read.units.count)
        for (a, b) in zip(memory.units, read.units) {
            #expect(a.code == b.code && a.name == b.name && a.residents == b.residents && a.derivedClass == b.derivedClass && a.officialClass == b.officialClass)
            #expect(a.share == b.share && a.constructionSquareMetres == b.constructionSquareMetres && a.seat == b.seat && a.region == b.region)
        }
        #expect(memory.coverage == read.coverage && memory.targets == read.targets)
        #expect(memory.lifeCircles != nil && memory.lifeCircles == read.lifeCircles)
        #expect(memory.facilities != nil && memory.facilities == read.facilities)
    }

    /// A run folder written before runs kept `facilities.csv` is still compared: its facilities
    /// are counted (coverage-change), not named, and the statement says so.
    @Test func aRunWithoutTheFacilityListIsComparedByCounts() throws {
        let run = try SampleRun.get()
        let folder = try TemporaryFolder()
        for name in try FileManager.default.contentsOfDirectory(atPath: run.folder) where !name.hasPrefix("maps") && name != "facilities.csv" {
            try FileManager.default.copyItem(atPath: run.folder + "/" + name, toPath: folder.file(name))
        }
        let manifest = try JSONValue(parsing: try String(contentsOfFile: folder.file("manifest.json"), encoding: .utf8))
        guard case .object(let entries) = manifest else { Issue.record("no manifest"); return }
        let older = JSONValue.object(entries.map { entry in
            guard entry.key == "outputs", case .array(let outputs) = entry.value else { return entry }
            return (entry.key, .array(outputs.filter { $0["path"]?.stringValue != "facilities.csv" }))
        })
        try Data(older.text.utf8).write(to: URL(fileURLWithPath: folder.file("manifest.json")))
        let old = try RunSnapshotReader.read(folder.path), new = try RunSnapshotReader.read(run.folder)
        #expect(old.facilities == nil && old.coverage != nil)
        let comparison = try RunComparison.compare(old: old, new: new, parameters: ComparisonParameters())
        #expect(comparison.facilities == nil && comparison.comparability.facilityNames == (false, true))
        #expect(!comparison.coverage.isEmpty && comparison.coverage.allSatisfy { $0.old?.facilities == $0.new?.facilities })
        #expect(ReportText(.en).comparabilityStatement(comparison.comparability).contains { $0.hasPrefix("The earlier run kept no list of facilities") })
        #expect(ReportText(.zh).comparabilityStatement(comparison.comparability).contains { $0.hasPrefix("上次运行未保存设施名单") })
        // Both runs have roads: the life circles are compared, and none moved.
        #expect(comparison.lifeCircles?.allSatisfy { $0.populationShareChange == 0 } == true)
    }

    /// The sample run published in PostGIS (`zoning run --db`) reads back as its folder does:
    /// by the database URL with the run's schema after `#`, or the schema of the latest views.
    @Test(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
    func aRunPublishedInPostGISReadsBack() throws {
        let run = try SampleRun.get()
        let url = try TestDatabase.requiredURL()
        let published = try RunPublication.publish(folder: run.folder, projectName: TestDatabase.uniqueName("对比"), database: url)
        let db = try DatabaseConnection(DatabaseURL(url))
        defer {
            for schema in [published.schema, published.latestSchema] { _ = try? db.execute("DROP SCHEMA IF EXISTS \(try db.quoteIdentifier(schema)) CASCADE") }
        }
        let folder = try RunSnapshotReader.read(run.folder)
        for schema in [published.schema, published.latestSchema] {
            let database = try RunSnapshotReader.read(url + "#" + schema)
            #expect(database.parameters == folder.parameters && database.county == folder.county && database.version == folder.version && database.name == folder.name)
            #expect(database.crs.epsg == folder.crs.epsg && database.builtUp.count == folder.builtUp.count)
            #expect(database.units.count == folder.units.count)
            for (a, b) in zip(database.units, folder.units) {
                #expect(a.code == b.code && a.name == b.name && a.residents == b.residents && a.derivedClass == b.derivedClass && a.officialClass == b.officialClass)
                #expect(a.share == b.share && a.constructionSquareMetres == b.constructionSquareMetres && a.seat == b.seat && a.region == b.region)
                #expect(abs((a.geometry?.area ?? 0) - (b.geometry?.area ?? -1)) < 1e-6)
            }
            #expect(database.coverage == folder.coverage && database.targets == folder.targets)
            #expect(database.lifeCircles != nil && database.lifeCircles == folder.lifeCircles)
            #expect(database.facilities != nil && database.facilities == folder.facilities)
            // Compared with its folder: nothing changed.
            let comparison = try RunComparison.compare(old: database, new: folder, parameters: ComparisonParameters())
            #expect(comparison.units.allSatisfy { !$0.changed })
        }
        #expect(throws: RunSnapshotReader.Problem.self) { try RunSnapshotReader.read(url) }
    }

    /// A folder without a manifest, and a table cell that is not a class, are named with file,
    /// row and field.
    @Test func badFoldersAreNamed() throws {
        let folder = try TemporaryFolder()
        #expect(throws: RunSnapshotReader.Problem.self) { try RunSnapshotReader.read(folder.path) }
        do { _ = try RunSnapshotReader.read(folder.path) } catch let problem as RunSnapshotReader.Problem {
            #expect(problem.description.hasPrefix(folder.file("manifest.json") + ": is missing"))
        }
        let run = try SampleRun.get()
        for name in try FileManager.default.contentsOfDirectory(atPath: run.folder) where !name.hasPrefix("maps") {
            try FileManager.default.copyItem(atPath: run.folder + "/" + name, toPath: folder.file(name))
        }
        let path = folder.file("classification.csv")
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        lines[2] = lines[2].replacingOccurrences(of: ",112,220,", with: ",999,220,")
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try RunSnapshotReader.read(folder.path)
            Issue.record("a bad class was read")
        } catch let problem as RunSnapshotReader.Problem {
            #expect(problem.file == path && problem.row == 2 && problem.field == "CLASS")
        }
    }
}
