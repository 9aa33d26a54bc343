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
    /// memory are the kernel's. Linux counts in a child's peak the memory of the image `exec`
    /// replaced (here the test process's), so the floor is measured first: a child that fills
    /// 300 MB more than that floor peaks 300–450 MB above it.
    @Test func signalsCPUAndMemory() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let killed = try ChildProcess.run("/bin/sh", ["-c", "kill -9 $$"], output: "/dev/null", errors: "/dev/null")
        #expect(killed.status == 137 && killed.signal == 9)
        let floor = try ChildProcess.run("/usr/bin/python3", ["-c", "pass"], output: "/dev/null", errors: "/dev/null").peakMegabytes
        let megabytes = Int(floor) + 300
        let python = try ChildProcess.run("/usr/bin/python3", ["-c", "b = bytearray(\(megabytes) * 1024 * 1024); sum(range(3_000_000))"], output: "/dev/null", errors: "/dev/null")
        #expect(python.status == 0)
        #expect(python.peakMegabytes > floor + 290 && python.peakMegabytes < floor + 450, "floor \(floor) MB, peak \(python.peakMegabytes) MB")
        #expect(python.cpuSeconds > 0 && python.cpuSeconds <= python.seconds + 0.05)
    }

    @Test func aMissingProgramThrows() {
        #expect(throws: (any Error).self) { try ChildProcess.run("/nonexistent/zoning", [], output: "/dev/null", errors: "/dev/null") }
    }

    /// `start` returns while the child runs: `finished()` is nil until it ends, then its status;
    /// variables given are set on top of this process's environment.
    @Test func startReturnsWhileTheChildRuns() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(mkfifo(folder + "/gate", 0o600) == 0)
        let child = try ChildProcess.start(
            "/bin/sh", ["-c", "read line < \"$ZONING_GATE\"; echo \"$ZONING_WORD $HOME\"; exit 4"],
            environment: ["ZONING_GATE": folder + "/gate", "ZONING_WORD": "served"], output: folder + "/o", errors: folder + "/e")
        usleep(100_000)
        #expect(child.finished() == nil, "the child waits for the gate")
        let gate = try #require(FileHandle(forWritingAtPath: folder + "/gate"))
        gate.write(Data("open\n".utf8))
        try gate.close()
        let done = child.wait()
        #expect(done.status == 4)
        let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
        #expect(try String(contentsOfFile: folder + "/o", encoding: .utf8) == "served \(home)\n")
    }
}

