import Foundation
import Testing
import ZIPFoundation
import ZoningTestSupport

/// A run killed or interrupted at any moment leaves the output folder holding a complete run —
/// the previous one or the new one — and nothing beside it that the next run does not clean.
@Suite struct RunInterruptionTests {
    static let project = checkoutRoot + "/Shapefiles/project.yaml"

    /// Starts `zoning` as a shell would, returning the process: with SIGINT and SIGTERM at
    /// their default handling (the test runner may ignore them, and a child inherits that).
    func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["--default-signal=INT,TERM", CommandLine.executable] + arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = Pipe()
        try process.run()
        return process
    }

    /// The staging folders beside `output`.
    func staging(_ output: String) throws -> [String] {
        let url = URL(fileURLWithPath: output)
        return try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
            .filter { $0.hasPrefix(".\(url.lastPathComponent).zoning-staging-") }
    }

    /// Every file the manifest lists has the checksum it records, and the folder holds no other.
    func verify(_ output: String) throws {
        let data = try #require(FileManager.default.contents(atPath: output + "/manifest.json"), "\(output) has no manifest.json")
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let outputs = try #require(manifest["outputs"] as? [[String: Any]])
        let paths = outputs.compactMap { $0["path"] as? String }
        #expect(paths.count > 20)
        let sums = try ExternalTool.sha256sum.run(paths.map { output + "/" + $0 }).split(separator: "\n").map { String($0.prefix(64)) }
        #expect(sums == outputs.compactMap { $0["sha256"] as? String })
    }

    /// SIGKILL at spread moments of a run that replaces a previous one: the folder always
    /// verifies, and the next complete run removes what the killed ones left.
    @Test func killedRunsNeverTearTheOutput() throws {
        let folder = try TemporaryFolder()
        let output = folder.file("out")
        #expect(try CommandLine.run(["run", Self.project, "--out", output, "-q"]).status == 0)
        for delay in [0.2, 0.8, 1.5, 2.3, 3.2, 4.4, 5.8] {
            let process = try start(["run", Self.project, "--out", output, "--overwrite", "-q"])
            usleep(UInt32(delay * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try verify(output)
        }
        #expect(try CommandLine.run(["run", Self.project, "--out", output, "--overwrite", "-q"]).status == 0)
        try verify(output)
        #expect(try staging(output).isEmpty)
    }

    /// Ctrl-C while the run writes its folder (at its start and later, while writer threads
    /// add files): exit status 130, a line on standard error, no output and no staging folder.
    /// The moments are fractions of the write step as an uninterrupted run of the same project
    /// takes it on this machine now, so that they stay inside it however fast the run becomes.
    /// A signal that comes once the folder is complete (the run's last moments) leaves it whole.
    @Test(arguments: [0, 0.25, 0.5])
    func ctrlCStopsCleanly(atFractionOfTheWriting fraction: Double) throws {
        let window = try writingTime()
        let folder = try TemporaryFolder()
        let output = folder.file("out")
        let process = try start(["run", Self.project, "--out", output])
        // Wait until the staging folder exists: the analyses are done and the writing has begun.
        wait(for: process) { (try? staging(output).isEmpty) == false }
        usleep(UInt32(fraction * window * 1_000_000))
        try #require(process.isRunning, "the run ended before it could be interrupted (its writing took \(window) s)")
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let errors = String(decoding: (process.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(try staging(output).isEmpty, "exit status \(process.terminationStatus): \(errors)")
        // Later in the writing, the signal may come once the folder is complete and in place
        // (this run's writing can take less than the measured one's): then the run ends as
        // usual and the folder holds all of it. At the writing's start it must stop the run.
        if fraction > 0, process.terminationStatus == 0 {
            try verify(output)
            return
        }
        #expect(process.terminationStatus == 130, "\(errors)")
        #expect(errors.contains("Interrupted; nothing was written."))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    /// Seconds from the staging folder's appearance to the end of an uninterrupted run of the
    /// sample project.
    func writingTime() throws -> Double {
        let folder = try TemporaryFolder()
        let output = folder.file("out")
        let process = try start(["run", Self.project, "--out", output, "-q"])
        wait(for: process) { (try? staging(output).isEmpty) == false }
        let began = Date()
        let (status, errors) = finish(process)
        try #require(status == 0, "\(errors)")
        return Date().timeIntervalSince(began)
    }

    /// The sample's land-use layer as a delivery .zip, in `folder`.
    func zippedLandUse(in folder: TemporaryFolder) throws -> String {
        let path = folder.file("DLTB.zip")
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for ext in ["shp", "shx", "dbf", "prj"] {
            try archive.addEntry(with: "DLTB.\(ext)", relativeTo: URL(fileURLWithPath: checkoutRoot + "/Shapefiles"))
        }
        return path
    }

    /// The names in `folder` that start with `prefix` (hidden ones too).
    func names(in folder: String, startingWith prefix: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(prefix) }
    }

    /// Waits (up to 60 s) until `condition` holds while `process` runs, polling every millisecond.
    func wait(for process: Process, until condition: () -> Bool) {
        let deadline = Date().addingTimeInterval(60)
        while !condition(), process.isRunning, Date() < deadline { usleep(1000) }
    }

    func finish(_ process: Process) -> (status: Int32, errors: String) {
        process.waitUntilExit()
        let errors = String(decoding: (process.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, errors)
    }

    /// Ctrl-C while `convert` unpacks a zipped delivery and writes its hidden partial files:
    /// exit 130, and neither the unpacked copy (`zoning-zip-*` in the temporary folder) nor a
    /// `.zoning-partial-*` file is left.
    @Test func ctrlCInConvertLeavesNoTemporaryFiles() throws {
        let folder = try TemporaryFolder()
        let archive = try zippedLandUse(in: folder)
        let temporary = folder.file("tmp")
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder.file("out"), withIntermediateDirectories: true)
        let process = try start(["convert", archive, folder.file("out/dltb.geojson")], environment: ["TMPDIR": temporary])
        wait(for: process) { !names(in: folder.file("out"), startingWith: ".dltb.zoning-partial-").isEmpty }
        try #require(process.isRunning, "convert ended before it could be interrupted")
        #expect(!names(in: temporary, startingWith: "zoning-zip-").isEmpty)
        kill(process.processIdentifier, SIGINT)
        let (status, errors) = finish(process)
        #expect(status == 130, "\(errors)")
        #expect(errors.contains("Interrupted; nothing was written."), "\(errors)")
        #expect(names(in: temporary, startingWith: "zoning-").isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("out")).isEmpty)
    }

    /// SIGTERM while `info` reads a zipped delivery: exit 143, no unpacked copy left.
    @Test func sigtermInInfoLeavesNoTemporaryFiles() throws {
        let folder = try TemporaryFolder()
        let archive = try zippedLandUse(in: folder)
        let temporary = folder.file("tmp")
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let process = try start(["info", archive], environment: ["TMPDIR": temporary])
        // Once the unpacked .dbf is complete, info is reading it.
        wait(for: process) {
            names(in: temporary, startingWith: "zoning-zip-").contains { zip in
                ((try? FileManager.default.attributesOfItem(atPath: temporary + "/" + zip + "/DLTB.dbf"))?[.size] as? Int) == 4_380_802
            }
        }
        try #require(process.isRunning, "info ended before it could be stopped")
        kill(process.processIdentifier, SIGTERM)
        let (status, errors) = finish(process)
        #expect(status == 143, "\(errors)")
        #expect(names(in: temporary, startingWith: "zoning-").isEmpty)
    }

    /// Ctrl-C while `run` analyses a project whose land-use layer is a .zip: nothing is left,
    /// neither the output nor the unpacked copy, so "nothing was written" is true.
    @Test func ctrlCInARunFromAZipLeavesNoTemporaryFiles() throws {
        let folder = try TemporaryFolder()
        let archive = try zippedLandUse(in: folder)
        let temporary = folder.file("tmp")
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        var text = try String(contentsOfFile: Self.project, encoding: .utf8)
        text = text.replacingOccurrences(of: "path: ", with: "path: \(checkoutRoot)/Shapefiles/")
            .replacingOccurrences(of: "path: \(checkoutRoot)/Shapefiles/DLTB.shp", with: "path: " + archive)
            .replacingOccurrences(of: "targets: targets.yaml", with: "targets: \(checkoutRoot)/Shapefiles/targets.yaml")
        try text.write(toFile: folder.file("project.yaml"), atomically: true, encoding: .utf8)
        let output = folder.file("out")
        let process = try start(["run", folder.file("project.yaml"), "--out", output], environment: ["TMPDIR": temporary])
        wait(for: process) { !names(in: temporary, startingWith: "zoning-zip-").isEmpty }
        usleep(300_000)
        try #require(process.isRunning, "the run ended before it could be interrupted")
        kill(process.processIdentifier, SIGINT)
        let (status, errors) = finish(process)
        #expect(status == 130, "\(errors)")
        #expect(errors.contains("Interrupted; nothing was written."), "\(errors)")
        #expect(names(in: temporary, startingWith: "zoning-").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(try staging(output).isEmpty)
    }
}
