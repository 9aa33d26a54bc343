import Foundation
import Testing
import ZoningDatabase
import ZoningProject
import ZoningTestSupport

/// `zoning run` as a user runs it: the binary, its summary, its errors.
@Suite struct RunTests {
    @Test func runsTheSampleAndEndsWithTheSummary() throws {
        let folder = try TemporaryFolder()
        let result = try CommandLine.run(["run", checkoutRoot + "/Shapefiles/project.yaml", "--out", folder.file("out")])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("Delineating built-up regions from 20280 parcels…"))
        let urbanization = try #require(try CSVRows.read(folder.file("out/urbanization.csv")).first { $0["level"] == "all" })
        let rate = String(format: "%.1f%%", Double(urbanization["rate"]!)! * 100)
        #expect(result.output.contains("Urbanization  \(rate) derived (\(urbanization["urban_population"]!) of \(urbanization["population"]!) residents)"))
        #expect(result.output.contains("Targets       1 of 4 checks pass"))
        #expect(result.output.contains("Report        \(folder.file("out"))/report.html"))  // outside the working directory: in full
        #expect(FileManager.default.fileExists(atPath: folder.file("out/report.html")))

        let again = try CommandLine.run(["run", checkoutRoot + "/Shapefiles/project.yaml", "--out", folder.file("out"), "-q"])
        #expect(again.status == 1 && again.errors.contains("holds a previous run. Pass --overwrite") && again.output.isEmpty)

        // The README shows this summary (run into out/sample): every line the same but the
        // output folder and the seconds.
        let readme = try String(contentsOfFile: checkoutRoot + "/README.md", encoding: .utf8)
        let block = try #require(readme.components(separatedBy: "```\n$ Scripts/run.sh\n").dropFirst().first?.components(separatedBy: "```").first)
        func comparable(_ text: String) -> [String] {
            text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("Report ") && !$0.hasPrefix("Outputs ") }
        }
        #expect(comparable(block) == comparable(result.output))
        #expect(comparable(block).count > 20)
    }

    /// A folder holding someone else's manifest.json (a web project's) is no earlier run: even
    /// --overwrite refuses it, naming the files that are not zoning's, and nothing in it changes.
    @Test func aWebProjectsFolderIsNeverReplaced() throws {
        let folder = try TemporaryFolder()
        let web = folder.file("web")
        try FileManager.default.createDirectory(atPath: web, withIntermediateDirectories: true)
        try Data(#"{"name": "Survey app", "icons": []}"#.utf8).write(to: URL(fileURLWithPath: web + "/manifest.json"))
        try Data("<html></html>".utf8).write(to: URL(fileURLWithPath: web + "/index.html"))
        let result = try CommandLine.run(["run", checkoutRoot + "/Shapefiles/project.yaml", "--out", web, "--overwrite", "-q"])
        #expect(result.status == 1)
        #expect(result.errors.contains("holds files that zoning did not write (index.html, manifest.json)") && result.errors.contains("even with --overwrite"), "\(result.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: web).sorted() == ["index.html", "manifest.json"])
        #expect(FileManager.default.contents(atPath: web + "/index.html") == Data("<html></html>".utf8))

        // An earlier run with a file of the user's added is not replaced either.
        let out = folder.file("out")
        #expect(try CommandLine.run(["run", checkoutRoot + "/Shapefiles/project.yaml", "--out", out, "-q"]).status == 0)
        try Data("mine".utf8).write(to: URL(fileURLWithPath: out + "/notes.txt"))
        let again = try CommandLine.run(["run", checkoutRoot + "/Shapefiles/project.yaml", "--out", out, "--overwrite", "-q"])
        #expect(again.status == 1 && again.errors.contains("(notes.txt)"), "\(again.errors)")
        #expect(FileManager.default.fileExists(atPath: out + "/notes.txt") && FileManager.default.fileExists(atPath: out + "/report.html"))
    }

    /// `--out alias/inputs`, where `alias` links to the inputs' parent, is the inputs' folder:
    /// refused, whatever the folder holds, and the inputs stay. So is `output:` in the project
    /// file written through the link.
    @Test func anOutputReachedThroughALinkMayNotHoldAnInput() throws {
        let folder = try TemporaryFolder()
        let inputs = folder.file("inputs")
        try FileManager.default.copyItem(atPath: checkoutRoot + "/Shapefiles", toPath: inputs)
        // A manifest.json from some earlier tool: the folder looks like a run to a check by name.
        try Data("{}".utf8).write(to: URL(fileURLWithPath: inputs + "/manifest.json"))
        try FileManager.default.createSymbolicLink(atPath: folder.file("alias"), withDestinationPath: folder.path)
        let before = try FileManager.default.contentsOfDirectory(atPath: inputs).sorted()
        let result = try CommandLine.run(["run", inputs + "/project.yaml", "--out", folder.file("alias/inputs"), "--overwrite", "-q"])
        #expect(result.status == 1)
        #expect(result.errors.contains("holds the input"), "\(result.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: inputs).sorted() == before)

        var text = try String(contentsOfFile: inputs + "/project.yaml", encoding: .utf8)
        text = text.replacingOccurrences(of: "output: ../out/sample", with: "output: ../alias/inputs")
        try text.write(toFile: inputs + "/linked.yaml", atomically: true, encoding: .utf8)
        let linked = try CommandLine.run(["run", inputs + "/linked.yaml", "--overwrite", "-q"])
        #expect(linked.status != 0 && linked.errors.contains("holds the input"), "\(linked.errors)")
        #expect(FileManager.default.fileExists(atPath: inputs + "/DLTB.shp"))
    }

    /// Parallel parts (coverage per facility type, the maps) give the same files on one thread
    /// as on all cores.
    @Test func oneThreadGivesTheSameFiles() throws {
        let folder = try TemporaryFolder()
        let project = checkoutRoot + "/Shapefiles/project.yaml"
        let serial = try CommandLine.run(["run", project, "--out", folder.file("one"), "-q"], environment: ["ZONING_THREADS": "1"])
        let parallel = try CommandLine.run(["run", project, "--out", folder.file("all"), "-q"], environment: ["ZONING_THREADS": "4"])
        #expect(serial.status == 0 && parallel.status == 0, "\(serial.errors)\(parallel.errors)")
        let names = try FileManager.default.subpathsOfDirectory(atPath: folder.file("one")).sorted()
        #expect(names.contains("coverage.csv") && names.contains("maps/coverage-elderly.svg"))
        for name in names where !["manifest.json", "maps"].contains(name) {
            #expect(FileManager.default.contents(atPath: folder.file("one/\(name)")) == FileManager.default.contents(atPath: folder.file("all/\(name)")), "\(name)")
        }
    }

    /// --fail-on-targets: the sample's targets fail by design, so the run writes everything and
    /// exits 3; --strict passes, since the clean sample gives notes only: the codes' form, the
    /// parcels matched, the roads' absent tunnel field and the walking network.
    @Test func failOnTargetsAndStrict() throws {
        let folder = try TemporaryFolder()
        let result = try CommandLine.run(["run", checkoutRoot + "/Shapefiles/project.yaml", "--out", folder.file("out"), "--fail-on-targets", "--strict"])
        #expect(result.status == 3, "\(result.errors)")
        #expect(result.output.contains("Checks        4 notes (checks.csv)") && result.output.contains("FAIL  urbanization_rate"))
        #expect(FileManager.default.fileExists(atPath: folder.file("out/manifest.json")))
        let checks = try CSVRows.read(folder.file("out/checks.csv"))
        #expect(checks.allSatisfy { $0["severity"] == "note" })
        #expect(Set(checks.compactMap { $0["id"] }) == ["code-normalised", "parcels-unit-match", "field-absent", "road-network"])
        // `zoning targets` reads the run's life-circles.csv and gives the walking target the
        // value the run gave it.
        let targets = try CommandLine.run(["targets", checkoutRoot + "/Shapefiles/targets.yaml", "--results", folder.file("out")])
        let network = try CSVRows.read(folder.file("out/targets.csv")).first { $0["indicator"] == "network_population_coverage" }
        let value = try #require(network?["value"].flatMap(Double.init))
        #expect(targets.output.contains("FAIL  network_population_coverage 15min urban >= 90% — urban: \(String(format: "%.1f%%", value * 100))"))
        let urban = try CSVRows.read(folder.file("out/life-circles.csv")).first { $0["level"] == "urban" && $0["circle"] == "15min" && $0["type"] == "all" }
        #expect(urban?["network_population_share"].flatMap(Double.init) == value)
    }

    /// Failed input checks: exit 1, every check on standard error, nothing written.
    @Test func failedChecksStopWithTheFix() throws {
        let folder = try TemporaryFolder()
        let data = folder.file("data")
        try FileManager.default.copyItem(atPath: checkoutRoot + "/Shapefiles", toPath: data)
        try FileManager.default.removeItem(atPath: data + "/villages.prj")
        let facilities = try String(contentsOfFile: data + "/facilities-gcj02.csv", encoding: .utf8)
        try Data((facilities + "北京小学,小学,116.397,39.909\n").utf8).write(to: URL(fileURLWithPath: data + "/facilities-gcj02.csv"))
        // Without .prj the prefixed eastings still say zone 40: a note. The facility in Beijing
        // is a warning, so --strict stops the run.
        let strict = try CommandLine.run(["run", data + "/project.yaml", "--out", folder.file("out"), "--strict"])
        #expect(strict.status == 1)
        // It is also far from every road, so it serves no one in the life circles: a second warning.
        #expect(strict.errors.contains("The inputs do not fit together (2 warnings; --strict); nothing was written"))
        #expect(strict.errors.contains("facilities-gcj02.csv: 1 of 84 facilities lie outside every township (e.g. line 85 小学)"))
        #expect(strict.errors.contains("facilities-gcj02.csv: 1 of 84 facilities lie more than 200 m from every walkable road (e.g. line 85 (primary))"))
        #expect(strict.errors.contains("note    villages.shp: has no .prj; the eastings carry the zone number 40 in front"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("out")))
        let lenient = try CommandLine.run(["run", data + "/project.yaml", "--out", folder.file("out"), "-q"])
        #expect(lenient.status == 0, "\(lenient.errors)")
        #expect(try CSVRows.read(folder.file("out/checks.csv")).contains { $0["id"] == "facilities-outside" && $0["severity"] == "warning" })
    }

    @Test func projectMistakesNameTheLine() throws {
        let folder = try TemporaryFolder()
        let project = folder.file("p.yaml")
        try Data("layers:\n  land_use: {path: DLTB.shp}\n  vilages: {path: v.shp}\n".utf8).write(to: URL(fileURLWithPath: project))
        let result = try CommandLine.run(["run", project])
        #expect(result.status == 1)
        #expect(result.errors.contains("\(project):3: layers.vilages: unknown key \"vilages\"; the keys here are land_use, villages, townships, seats, facilities"))
    }

    @Test func helpDescribesTheOutputs() throws {
        let result = try CommandLine.run(["run", "--help"])
        #expect(result.status == 0 && result.output.contains("report.html") && result.output.contains("--overwrite") && result.output.contains("Shapefiles/project.yaml"))
        #expect(result.output.contains("--strict") && result.output.contains("--fail-on-targets") && result.output.contains("checks.csv"))
        // Every file a run writes is named (a name and its extensions: "coverage.csv/.json").
        let help = result.output.replacingOccurrences(of: "\n", with: " ")
        // zoning's own analyses: a test elsewhere in this process registers one more.
        let files = ProjectRun.runFiles.first + Analyses.builtIn.flatMap(\.files) + ProjectRun.runFiles.last
        for file in files.map(\.name) {
            let stem = String(file.prefix { $0 != "." })
            #expect(help.contains(file) || help.contains(stem + "."), "run --help names no \(file)")
        }
    }

    /// `--engine postgis` without a database is refused before anything is read, naming the fix;
    /// so is `engine: postgis` in a project without outputs.db; an unknown engine lists the two.
    @Test func thePostGISEngineNeedsADatabase() throws {
        let folder = try TemporaryFolder()
        let result = try CommandLine.run(["run", checkoutRoot + "/Shapefiles/project.yaml", "--out", folder.file("out"), "--engine", "postgis"])
        #expect(result.status == 1)
        #expect(result.errors.contains("--engine postgis runs the analyses inside a PostGIS database, and none is given: add --db postgresql://"), "\(result.errors)")
        #expect(!result.errors.contains("Reading") && !FileManager.default.fileExists(atPath: folder.file("out")))

        try Self.sampleProject(extra: "engine: postgis\n").write(toFile: folder.file("project.yaml"), atomically: true, encoding: .utf8)
        let fromFile = try CommandLine.run(["run", folder.file("project.yaml"), "--out", folder.file("out")])
        #expect(fromFile.status == 1 && fromFile.errors.contains("or outputs.db in the project file"), "\(fromFile.errors)")
        // The command line wins over the file.
        let inProcess = try CommandLine.run(["run", folder.file("project.yaml"), "--out", folder.file("out"), "--engine", "in-process", "-q"])
        #expect(inProcess.status == 0, "\(inProcess.errors)")

        let unknown = try CommandLine.run(["run", "--engine", "spark"])
        #expect(unknown.status != 0 && unknown.errors.contains("in-process") && unknown.errors.contains("postgis"), "\(unknown.errors)")
    }

    /// `zoning run --engine postgis --db …` end to end: the classes and coverage files equal the
    /// in-process run's, the manifest records the engine, and the run is published.
    @Test(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
    func runsWithThePostGISEngine() throws {
        let folder = try TemporaryFolder()
        let name = TestDatabase.uniqueName("engine")
        try Self.sampleProject(name: name).write(toFile: folder.file("project.yaml"), atomically: true, encoding: .utf8)
        let url = try TestDatabase.requiredURL()
        let pushed = try CommandLine.run(["run", folder.file("project.yaml"), "--out", folder.file("postgis"), "--engine", "postgis", "--db", url])
        let db = try DatabaseConnection(DatabaseURL(url))
        defer {
            let schemas = (try? db.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE $1", [name + "%"]).rows) ?? []
            for row in schemas { _ = try? db.execute("DROP SCHEMA IF EXISTS \(try db.quoteIdentifier(row[0] ?? "")) CASCADE") }
        }
        #expect(pushed.status == 0, "\(pushed.errors)")
        #expect(pushed.errors.contains("Computing in PostGIS (postgresql://"))
        let password = try TestDatabase.password()
        #expect(!pushed.errors.contains(password) && !pushed.output.contains(password))
        #expect(pushed.output.contains("Database      schema \(name)"))
        let local = try CommandLine.run(["run", folder.file("project.yaml"), "--out", folder.file("local"), "-q"])
        #expect(local.status == 0, "\(local.errors)")

        let classes = { (run: String) in try CSVRows.read(folder.file("\(run)/classification.csv")).map { "\($0["code"] ?? "") \($0["derived_class"] ?? "")" } }
        #expect(try classes("postgis") == classes("local"))
        #expect(try classes("local").count > 10)
        // Coverage rows: the same townships, types and facility counts; shares within 0.01 %.
        let coverage = { (run: String) in try CSVRows.read(folder.file("\(run)/coverage.csv")) }
        let (a, b) = (try coverage("local"), try coverage("postgis"))
        #expect(a.count == b.count && !a.isEmpty)
        for (x, y) in zip(a, b) {
            for (key, value) in x {
                guard let p = Double(value), let q = y[key].flatMap(Double.init) else {
                    #expect(y[key] == value, "\(key)")
                    continue
                }
                #expect(abs(p - q) <= 1e-4 * max(abs(p), abs(q)) + 0.006, "\(key): \(p) vs \(q)")
            }
        }
        let manifest = try String(contentsOfFile: folder.file("postgis/manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"engine\": \"postgis\""))
    }

    /// A role whose password holds % @ / ? # and :, written percent-encoded in its URL: no
    /// piece of it reaches standard error or output, the tables' comments (`load`), the run's
    /// manifest (a layer read from a table) or the published run (its manifest table, views and
    /// comments).
    @Test(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
    func aHostilePasswordIsShownNowhere() throws {
        let admin = try DatabaseConnection(DatabaseURL(TestDatabase.requiredURL()))
        let role = TestDatabase.uniqueName("hostile"), name = TestDatabase.uniqueName("hostilerun")
        let password = "p@ss%w/rd?#1:x"
        let quotedRole = try admin.quoteIdentifier(role)
        try admin.execute("CREATE ROLE \(quotedRole) LOGIN PASSWORD \(try admin.quoteLiteral(password))")
        try admin.execute("GRANT CREATE ON DATABASE zoning_test TO \(quotedRole)")
        try admin.execute("GRANT ALL ON SCHEMA public TO \(quotedRole)")
        defer {
            let schemas = (try? admin.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE $1", [name + "%"]).rows) ?? []
            for row in schemas { _ = try? admin.execute("DROP SCHEMA IF EXISTS \(try admin.quoteIdentifier(row[0] ?? "")) CASCADE") }
            _ = try? admin.execute("DROP OWNED BY \(quotedRole) CASCADE")
            _ = try? admin.execute("DROP ROLE \(quotedRole)")
        }
        let encoded = "p%40ss%25w%2Frd%3F%231%3Ax"
        let url = try TestDatabase.requiredURL().replacingOccurrences(of: "zoning:" + TestDatabase.password() + "@", with: role + ":" + encoded + "@")
        let secrets = ["p@ss", "p%40ss", "ss%w", "%25w", "w/rd", "%2Frd", "rd?#1", "%3F%231", "1:x", "%3Ax"]
        func expectHidden(_ text: String, _ place: String) {
            for secret in secrets { #expect(!text.contains(secret), "\(place) shows \(secret): \(text)") }
        }

        let folder = try TemporaryFolder()
        let load = try CommandLine.run(["load", checkoutRoot + "/Shapefiles/seats.shp", "--db", url, "--table", "public.\(name)_seats"])
        #expect(load.status == 0, "\(load.errors)")
        expectHidden(load.output + load.errors, "load")
        let comments = try admin.execute(
            "SELECT coalesce(obj_description(c.oid, 'pg_class'), '') || string_agg(coalesce(col_description(c.oid, a.attnum), ''), ' ') FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid WHERE c.oid = $1::regclass GROUP BY c.oid",
            ["public.\(name)_seats"]).rows.first?.first ?? nil
        #expect(comments?.contains("seats.shp") == true, "\(comments ?? "")")
        expectHidden(comments ?? "", "the table's comments")

        // The seats read from that table, the run published with the same URL.
        let table = url + "&table=public.\(name)_seats"
        let project = try Self.sampleProject(name: name).replacingOccurrences(of: "path: \(checkoutRoot)/Shapefiles/seats.shp", with: "path: \"\(table)\"")
        try project.write(toFile: folder.file("project.yaml"), atomically: true, encoding: .utf8)
        let run = try CommandLine.run(["run", folder.file("project.yaml"), "--out", folder.file("out"), "--db", url])
        #expect(run.status == 0, "\(run.errors)")
        expectHidden(run.output + run.errors, "run")
        let manifest = try String(contentsOfFile: folder.file("out/manifest.json"), encoding: .utf8)
        #expect(manifest.contains(role + ":***@"), "\(manifest)")
        expectHidden(manifest, "manifest.json")
        let schemas = try admin.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE $1 AND nspname NOT LIKE '%_latest'", [name + "%"]).rows.compactMap { $0[0] }
        #expect(schemas.count == 1)
        for schema in schemas {
            let quoted = try admin.quoteIdentifier(schema)
            let rows = try admin.execute("SELECT string_agg(value::text, ' ') FROM \(quoted).manifest").rows.first?.first ?? nil
            #expect(rows?.contains(role + ":***@") == true)
            expectHidden(rows ?? "", "the published manifest")
            let allComments = try admin.execute(
                "SELECT string_agg(coalesce(obj_description(c.oid, 'pg_class'), '') || ' ' || coalesce(col_description(c.oid, a.attnum), ''), ' ') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid WHERE n.nspname = $1 OR n.nspname = $2",
                [schema, String(name.prefix(56)) + "_latest"]).rows.first?.first ?? nil
            expectHidden(allComments ?? "", "the published comments")
        }
    }

    /// The sample's project file, reading the sample's layers from wherever it is written.
    static func sampleProject(name: String? = nil, extra: String = "") throws -> String {
        let sample = checkoutRoot + "/Shapefiles/"
        var text = try String(contentsOfFile: sample + "project.yaml", encoding: .utf8)
        text = text.replacingOccurrences(of: "path: ", with: "path: " + sample).replacingOccurrences(of: "targets: targets.yaml", with: "targets: \(sample)targets.yaml")
        if let name { text = text.replacingOccurrences(of: "name: 样例市 (sample county)", with: "name: \(name)") }
        return text.replacingOccurrences(of: "engine: in-process", with: "") + extra
    }
}
