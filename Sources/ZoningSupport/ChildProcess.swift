import Foundation

/// Runs a program as a child process and waits for it, returning its exit status with the
/// CPU time and peak memory the kernel measured for it (`wait4`). Its standard output and
/// error go to files, so a child that writes much never blocks on a full pipe. The child starts
/// with SIGINT and SIGTERM at their defaults, and a Ctrl-C or SIGTERM of this process reaches it
/// too (`Interruption.registerChild`): this process waits for it to clean up before it exits.
///
/// ```swift
/// let done = try ChildProcess.run("/usr/bin/true", [], output: "/tmp/out.txt", errors: "/tmp/err.txt")
/// done.status          // 0
/// done.peakMegabytes   // 1.2
/// ```
public enum ChildProcess {
    public struct Finished: Sendable {
        /// The exit status, or 128 + the signal that ended it (as a shell reports it).
        public var status: Int32
        /// The signal that ended it, if one did.
        public var signal: Int32?
        public var seconds: Double
        /// User and system CPU seconds.
        public var cpuSeconds: Double
        /// Peak resident memory, MB. Linux counts in it the memory of the image `exec`
        /// replaced, so it is at least the parent's resident memory at the spawn (small for
        /// `zoning run --each`, whose parent only waits).
        public var peakMegabytes: Double
    }

    /// - Parameters:
    ///   - program: the executable's path.
    ///   - output, errors: files for standard output and standard error (created or truncated).
    /// - Throws: `CocoaError` when the program cannot be started.
    public static func run(_ program: String, _ arguments: [String], output: String, errors: String) throws -> Finished {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let start = DispatchTime.now().uptimeNanoseconds
        // SIGINT and SIGTERM at their defaults in the child, as a shell would start it: this
        // process may ignore them (`Interruption` handles them itself), and a child inherits that.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        var pid = pid_t()
        // Registered while the lock is held: a signal now reaches the child once it exists.
        let spawned = Interruption.uninterrupted { () -> Int32 in
            let result = posix_spawn(&pid, program, &actions, &attributes, argv, environ)
            if result == 0 { Interruption.registerChild(pid) }
            return result
        }
        guard spawned == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSFilePathErrorKey: program, NSLocalizedDescriptionKey: "cannot start \(program): \(String(cString: strerror(spawned)))"])
        }
        defer { Interruption.unregisterChild(pid) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        // Linux's wait status: the low 7 bits are the signal (0: exited), bits 8–15 the exit code.
        let signal = status & 0x7f
        return Finished(
            status: signal == 0 ? (status >> 8) & 0xff : 128 + signal, signal: signal == 0 ? nil : signal,
            seconds: seconds, cpuSeconds: cpu, peakMegabytes: Double(usage.ru_maxrss) / 1024)
    }

    /// This process's own executable (`/proc/self/exe`), to run another instance of it.
    public static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
