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
        try start(program, arguments, output: output, errors: errors).wait()
    }

    /// Starts `program` and returns at once; `wait()` or `finished()` collect its status. The
    /// child is registered with `Interruption` until it has been waited for.
    ///
    /// ```swift
    /// let server = try ChildProcess.start("/usr/bin/qgis_mapserver", ["127.0.0.1:8000"])  // its output is this process's
    /// server.finished()    // nil while it runs
    /// server.wait().status
    /// ```
    /// - Parameters:
    ///   - environment: variables set on top of this process's environment.
    ///   - output, errors: files for standard output and standard error (created or truncated);
    ///     nil leaves the child this process's own.
    /// - Throws: `CocoaError` when the program cannot be started.
    public static func start(
        _ program: String, _ arguments: [String], environment: [String: String] = [:], output: String? = nil, errors: String? = nil
    ) throws -> Running {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let output { posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        if let errors { posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The environment: this process's own, or a copy with `environment` set on top.
        let envp: [UnsafeMutablePointer<CChar>?]? = environment.isEmpty ? nil
            : ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
                .sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp?.forEach { free($0) } }
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
            let result = envp.map { posix_spawn(&pid, program, &actions, &attributes, argv, $0) }
                ?? posix_spawn(&pid, program, &actions, &attributes, argv, environ)
            if result == 0 { Interruption.registerChild(pid) }
            return result
        }
        guard spawned == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSFilePathErrorKey: program, NSLocalizedDescriptionKey: "cannot start \(program): \(String(cString: strerror(spawned)))"])
        }
        return Running(pid: pid, start: start)
    }

    /// A child that was started and not yet waited for. Collect it once (`wait()`, or
    /// `finished()` until it gives a value); one thread at a time.
    public final class Running: @unchecked Sendable {
        /// The child's process id.
        public let pid: pid_t
        private let start: UInt64

        init(pid: pid_t, start: UInt64) {
            self.pid = pid
            self.start = start
        }

        /// Waits for the child to end. A child already collected gives status 255.
        public func wait() -> Finished {
            collect(blocking: true) ?? Finished(status: 255, signal: nil, seconds: 0, cpuSeconds: 0, peakMegabytes: 0)
        }

        /// The child's status if it has ended, nil while it runs.
        public func finished() -> Finished? {
            collect(blocking: false)
        }

        private func collect(blocking: Bool) -> Finished? {
            var status: Int32 = 0
            var usage = rusage()
            var result: pid_t
            repeat { result = wait4(pid, &status, blocking ? 0 : WNOHANG, &usage) } while result < 0 && errno == EINTR
            guard result == pid else { return nil }
            Interruption.unregisterChild(pid)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
            // Linux's wait status: the low 7 bits are the signal (0: exited), bits 8–15 the exit code.
            let signal = status & 0x7f
            return Finished(
                status: signal == 0 ? (status >> 8) & 0xff : 128 + signal, signal: signal == 0 ? nil : signal,
                seconds: seconds, cpuSeconds: cpu, peakMegabytes: Double(usage.ru_maxrss) / 1024)
        }
    }

    /// This process's own executable (`/proc/self/exe`), to run another instance of it.
    public static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
