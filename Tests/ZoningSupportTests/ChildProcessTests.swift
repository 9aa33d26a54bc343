import Foundation
import Testing
import ZoningSupport

@Suite struct ChildProcessTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zoning-child-\(UUID().uuidString)").path

    init() throws { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }

    /// The exit status and what the child printed, each stream in its own file.
    @Test func statusAndOutputs() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let done = try ChildProcess.run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"], output: folder + "/o", errors: folder + "/e")
        #expect(done.status == 3 && done.signal == nil)
        #expect(try String(contentsOfFile: folder + "/o", encoding: .utf8) == "out\n")
        #expect(try String(contentsOfFile: folder + "/e", encoding: .utf8) == "err\n")
        #expect(done.seconds > 0 && done.peakMegabytes > 0)
    }

    /// A child killed by a signal reports 128 + the signal, as a shell does; its CPU time and
    /// memory are the kernel's: a child that fills 200 MB peaks above that.
    @Test func signalsCPUAndMemory() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let killed = try ChildProcess.run("/bin/sh", ["-c", "kill -9 $$"], output: "/dev/null", errors: "/dev/null")
        #expect(killed.status == 137 && killed.signal == 9)
        let python = try ChildProcess.run("/usr/bin/python3", ["-c", "b = bytearray(200 * 1024 * 1024); sum(range(3_000_000))"], output: "/dev/null", errors: "/dev/null")
        #expect(python.status == 0)
        #expect(python.peakMegabytes > 200 && python.peakMegabytes < 400)
        #expect(python.cpuSeconds > 0 && python.cpuSeconds <= python.seconds + 0.05)
    }

    @Test func aMissingProgramThrows() {
        #expect(throws: (any Error).self) { try ChildProcess.run("/nonexistent/zoning", [], output: "/dev/null", errors: "/dev/null") }
    }
}
