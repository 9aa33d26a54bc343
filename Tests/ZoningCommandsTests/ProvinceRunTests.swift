import Foundation
import Testing
import ZoningLayers
import ZoningTestSupport

/// `zoning run --each`: counties one after another, each in its own process, a failing county
/// listed while the next goes on, and one province sheet.
@Suite struct ProvinceRunTests {
    /// A county folder holding a copy of the sample's layers and project file.
    func county(_ name: String, in folder: TemporaryFolder) throws -> String {
        let path = folder.file("counties/\(name)")
        try FileManager.default.createDirectory(atPath: folder.file("counties"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: checkoutRoot + "/Shapefiles", toPath: path)
        return path + "/project.yaml"
    }

    @Test func aFailingCountyIsListedAndTheNextRuns() throws {
        let folder = try TemporaryFolder()
        let broken = try county("370201", in: folder), good = try county("370202", in: folder)
        try FileManager.default.removeItem(atPath: folder.file("counties/370201/villages.dbf"))
        let result = try CommandLine.run(["run", "--each", broken, good, "--out", folder.file("province")])
        #expect(result.status == 1, "\(result.errors)")
        #expect(result.output.contains("[1/2] 370201: FAILED"))
        // No --jobs: the first county ran alone, and the choice for the rest is stated.
        #expect(result.output.contains("Province: the other county with --jobs "))
        #expect(result.output.contains("[2/2] 370202: done"))
        #expect(result.output.contains("Failed: 370201 (\(broken))"))

        // The good county is a complete run; the failed one left nothing.
        #expect(FileManager.default.fileExists(atPath: folder.file("province/370202/manifest.json")))
        #expect(!FileManager.default.fileExists(atPath: folder.file("province/370201")))
        let rows = try CSVTableReader.rows(folder.file("province/province-summary.csv"))
        #expect(rows.map { $0["folder"] } == ["370201", "370202"])
        #expect(rows[0]["status"] == "failed" && rows[0]["county"] == "" && rows[0]["error"]!.contains("villages.shp"))
        // The good county's row is its own summary.csv row, after how its run went.
        let own = try #require(try CSVRows.read(folder.file("province/370202/summary.csv")).first)
        #expect(rows[1]["status"] == "done" && rows[1]["error"] == "" && rows[1]["project_file"] == good)
        for (column, value) in own { #expect(rows[1][column] == value, "\(column)") }
        // The sample's every parcel, counted from its .shx (100-byte header, 8 bytes a record).
        let index = try #require(try FileManager.default.attributesOfItem(atPath: checkoutRoot + "/Shapefiles/DLTB.shx")[.size] as? Int)
        #expect(rows[1]["parcels"] == String((index - 100) / 8))
        let seconds = try #require(Double(rows[1]["seconds"]!)), peak = try #require(Double(rows[1]["peak_mb"]!))
        #expect(seconds > 0 && peak > 10)

        // Again without --overwrite: refused before any county runs, nothing changed.
        let summary = FileManager.default.contents(atPath: folder.file("province/province-summary.csv"))
        let again = try CommandLine.run(["run", "--each", good, "--out", folder.file("province")])
        #expect(again.status == 1 && again.errors.contains("already holds province-summary.csv, 370202: add --overwrite"))
        #expect(FileManager.default.contents(atPath: folder.file("province/province-summary.csv")) == summary)
    }

    @Test func projectsNeedFoldersOfTheirOwnAndAnOut() throws {
        let folder = try TemporaryFolder()
        let project = try county("370203", in: folder)
        try FileManager.default.createDirectory(atPath: folder.file("other/370203"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: project, toPath: folder.file("other/370203/project.yaml"))
        let twice = try CommandLine.run(["run", "--each", project, folder.file("other/370203/project.yaml"), "--out", folder.file("province")])
        #expect(twice.status == 1 && twice.errors.contains("these share a name — 370203: "))
        let noOut = try CommandLine.run(["run", "--each", project])
        #expect(noOut.status == 1 && noOut.errors.contains("--each needs --out DIR"))
        let missing = try CommandLine.run(["run", "--each", folder.file("nowhere/project.yaml"), "--out", folder.file("province")])
        #expect(missing.status == 1 && missing.errors.contains("--each: no project file at"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("province")))
    }

    /// A --db URL whose password holds a literal @ (and / ? #): libpq's complaint, which
    /// quotes part of it, reaches neither standard error nor output nor province-summary.csv
    /// with any piece of the password. No server is needed: libpq refuses the URL itself.
    @Test func aHostilePasswordIsNotInTheProvinceSummary() throws {
        let folder = try TemporaryFolder()
        let project = try county("370204", in: folder)
        let db = "postgresql://gis2:p@ss:w/rd?x#1@127.0.0.1:1/db"
        let result = try CommandLine.run(["run", "--each", project, "--out", folder.file("province"), "--db", db])
        #expect(result.status == 1, "\(result.errors)")
        let summary = try String(contentsOfFile: folder.file("province/province-summary.csv"), encoding: .utf8)
        #expect(summary.contains("***"), "\(summary)")
        for text in [summary, result.output, result.errors] {
            for secret in ["p@ss", "ss:w", "w/rd", "rd?x", "x#1"] { #expect(!text.contains(secret), "\(text) shows \(secret)") }
        }
    }

    /// `zoning info` and `convert` on a table whose URL libpq cannot parse: the message names
    /// the URL masked, and libpq's own words, without the password.
    @Test func libpqsWordsNeverShowThePassword() throws {
        for (url, secrets) in [("postgresql://gis:50%off!Pw@127.0.0.1:1/db?table=t", ["50%off", "off!Pw"]),
                               ("postgresql://gis:s3cretPw@[::1]x/db?table=t", ["s3cretPw"])] {
            let info = try CommandLine.run(["info", url])
            #expect(info.status != 0)
            let convert = try CommandLine.run(["convert", url, "/tmp/zoning-never-written.geojson"])
            #expect(convert.status != 0)
            for text in [info.errors, info.output, convert.errors, convert.output] {
                for secret in secrets { #expect(!text.contains(secret), "\(text) shows \(secret)") }
            }
            #expect(info.errors.contains("***"), "\(info.errors)")
        }
    }

    /// SIGTERM to a province run while its counties run: the counties get it too and clean up
    /// (no staging folder, no county folder), and so does the province run (its logs in the
    /// temporary folder); exit status 143.
    @Test func sigtermStopsEveryCountyCleanly() throws {
        let folder = try TemporaryFolder()
        let first = try county("370205", in: folder), second = try county("370206", in: folder)
        let temporary = folder.file("tmp")
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // As a shell starts it: SIGTERM at its default (the test runner may ignore it).
        process.arguments = ["--default-signal=INT,TERM", "TMPDIR=" + temporary, CommandLine.executable,
                             "run", "--each", first, second, "--jobs", "2", "--out", folder.file("province")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The counties are reading and analysing.
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline,
            ((try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? []).isEmpty {
            usleep(10_000)
        }
        usleep(1_500_000)
        try #require(process.isRunning, "the province run ended before it could be stopped")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus == 143)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: folder.file("province"))) ?? []
        #expect(left.allSatisfy { !$0.contains("zoning-staging") }, "\(left)")
        // The counties ended with it: nothing appears afterwards.
        sleep(3)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder.file("province"))) ?? []) == left)
    }
}
