import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C (SIGINT) and SIGTERM stop every command cleanly: the paths registered here (a run's
/// staging folder, the hidden `.zoning-partial-*` files of a layer being written, the private
/// temporary folders `zoning-zip-*`, `zoning-shx-*`, `zoning-stdout-*`, `zoning-province-*`)
/// are removed, a line says so on standard error, and the process exits with status 130
/// (interrupted) or 143 (terminated), as shells expect. The `zoning` executable installs the
/// handlers before any command runs (`Zoning.installInterruptionHandlers`), so that no command
/// leaves its temporary files behind; a program using the libraries (the fuzz targets, the
/// tests) keeps its own signal handling unless it calls `install`.
///
/// ```swift
/// Interruption.install()
/// Interruption.register(staging)     // removed if the user presses Ctrl-C now
/// // … write …
/// Interruption.unregister(staging)
/// ```
public enum Interruption {
    private static let state = State()

    /// Installs the handlers once; later calls do nothing.
    public static func install() {
        state.installOnce {
            for (signalNumber, status) in [(SIGINT, Int32(130)), (SIGTERM, Int32(143))] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                source.setEventHandler {
                    // The lock is taken and never given back: a commit or a discard on another
                    // thread waits here until `_exit`, so the folder is either committed before
                    // the signal or removed after it, never both halves.
                    state.lockForExit()
                    // Child processes (province mode's counties) get the signal too, and clean
                    // up their own files before this process goes.
                    let children = state.childrenWhileLocked()
                    for child in children { kill(child, signalNumber) }
                    let deadline = DispatchTime.now().uptimeNanoseconds + 30_000_000_000
                    while children.contains(where: { kill($0, 0) == 0 && !isZombie($0) }), DispatchTime.now().uptimeNanoseconds < deadline {
                        usleep(10_000)
                    }
                    for path in state.registeredWhileLocked() { removeWhileOthersWrite(path) }
                    let written = state.writtenWhileLocked()
                    let message = written.isEmpty ? "Interrupted; nothing was written." : "Interrupted after \(written.joined(separator: ", ")) was written complete."
                    FileHandle.standardError.write(Data((message + "\n").utf8))
                    // _exit: no exit handlers run while the interrupted work is still on other threads.
                    _exit(status)
                }
                source.resume()
                state.keep(source)
            }
        }
    }

    /// Marks `path` for removal on Ctrl-C. Register a folder before creating it, so that no
    /// moment exists in which it is there and not registered.
    public static func register(_ path: String) { state.add(path) }
    public static func unregister(_ path: String) { state.remove(path) }
    /// Marks a child process to receive the signal too; the handler waits (up to 30 s) for it
    /// to end before cleaning and exiting, so that the child cleans its own files.
    public static func registerChild(_ pid: pid_t) { state.addChild(pid) }
    public static func unregisterChild(_ pid: pid_t) { state.removeChild(pid) }

    /// True when `pid` has ended and waits to be reaped (its state in /proc is Z).
    private static func isZombie(_ pid: pid_t) -> Bool {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = text.lastIndex(of: ")") else { return true }
        return text[text.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
    }

    /// Records that `path` now holds a complete output, for the message on a later Ctrl-C.
    /// A path inside a registered folder (a file of a run's staging folder) is not recorded:
    /// that folder is removed on Ctrl-C.
    public static func written(_ path: String) { state.addWritten(path) }

    /// Runs `body` (a commit or a discard of registered paths) so that a signal arriving
    /// meanwhile is handled after it; once a signal is being handled, `body` never runs and
    /// the calling thread waits for the process to exit.
    public static func uninterrupted<T>(_ body: () throws -> T) rethrows -> T {
        try state.withLock(body)
    }

    /// Moves `path` aside first (other threads writing into it by path then fail instead of
    /// adding files behind the removal), then removes it and anything made again at `path`.
    private static func removeWhileOthersWrite(_ path: String) {
        let aside = path + "-interrupted"
        _ = rename(path, aside)
        // Writer threads go on until `_exit`: one may add a file to the folder set aside while
        // it is removed, or make the folder again under its own name (a writer creating its
        // directories), so both are removed until neither is there (at most about 2 s).
        let deadline = DispatchTime.now().uptimeNanoseconds + 2_000_000_000
        while true {
            let left = [aside, path].filter { FileManager.default.fileExists(atPath: $0) }
            if left.isEmpty || DispatchTime.now().uptimeNanoseconds > deadline { return }
            for target in left { try? FileManager.default.removeItem(atPath: target) }
            if [aside, path].contains(where: { FileManager.default.fileExists(atPath: $0) }) { usleep(5_000) }
        }
    }

    /// The registered paths and the signal sources, behind a lock.
    private final class State: @unchecked Sendable {
        private let lock = NSRecursiveLock()  // a commit unregisters its folder inside `uninterrupted`
        private var registered: Set<String> = []
        private var written: [String] = []
        private var children: Set<pid_t> = []
        private var sources: [any DispatchSourceSignal] = []
        private var installed = false

        func installOnce(_ body: () -> Void) {
            lock.lock()
            defer { lock.unlock() }
            guard !installed else { return }
            installed = true
            body()
        }

        func keep(_ source: any DispatchSourceSignal) { sources.append(source) }
        func add(_ path: String) { lock.withLock { _ = registered.insert(path) } }
        func remove(_ path: String) { lock.withLock { _ = registered.remove(path) } }
        func withLock<T>(_ body: () throws -> T) rethrows -> T { try lock.withLock(body) }
        func lockForExit() { lock.lock() }
        func addChild(_ pid: pid_t) { lock.withLock { _ = children.insert(pid) } }
        func removeChild(_ pid: pid_t) { lock.withLock { _ = children.remove(pid) } }
        func childrenWhileLocked() -> [pid_t] { Array(children) }
        func registeredWhileLocked() -> [String] { Array(registered) }
        func addWritten(_ path: String) {
            lock.withLock {
                guard !registered.contains(where: { path.hasPrefix($0 + "/") }) else { return }
                written.append(path)
            }
        }
        func writtenWhileLocked() -> [String] { written }
    }
}
