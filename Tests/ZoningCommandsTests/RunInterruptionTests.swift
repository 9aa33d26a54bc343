import Foundation
import Testing
import ZoningTestSupport

/// A run killed or interrupted at any moment leaves the output folder holding a complete run —
/// the previous one or the new one — and nothing beside it that the next run does not clean.
@Suite struct RunInterruptionTests {
    static let project = checkoutRoot + "/Shapefiles/project.yaml"

    /// Starts `zoning run`, returning the process.
    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.executable)
        process.arguments = arguments
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
    @Test(arguments: [0, 100_000, 250_000] as [UInt32])
    func ctrlCStopsCleanly(afterMicroseconds delay: UInt32) throws {
        let folder = try TemporaryFolder()
        let output = folder.file("out")
        let process = try start(["run", Self.project, "--out", output])
        // Wait until the staging folder exists: the analyses are done and the writing has begun.
        var waited = 0
        while try staging(output).isEmpty, process.isRunning, waited < 1200 {
            usleep(50_000)
            waited += 1
        }
        usleep(delay)
        try #require(process.isRunning, "the run ended before it could be interrupted")
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        let errors = String(decoding: (process.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 130, "\(errors)")
        #expect(errors.contains("Interrupted; nothing was written."))
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(try staging(output).isEmpty)
    }
}
