import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C (SIGINT) and SIGTERM stop a run cleanly: the paths registered here (a run's staging
/// folder) are removed, a line says so on standard error, and the process exits with status
/// 130 (interrupted) or 143 (terminated), as shells expect.
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
                    for path in state.paths() { try? FileManager.default.removeItem(atPath: path) }
                    FileHandle.standardError.write(Data("Interrupted; nothing was written.\n".utf8))
                    // _exit: no exit handlers run while the interrupted work is still on other threads.
                    _exit(status)
                }
                source.resume()
                state.keep(source)
            }
        }
    }

    public static func register(_ path: String) { state.add(path) }
    public static func unregister(_ path: String) { state.remove(path) }

    /// The registered paths and the signal sources, behind a lock.
    private final class State: @unchecked Sendable {
        private let lock = NSLock()
        private var registered: Set<String> = []
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
        func paths() -> [String] { lock.withLock { Array(registered) } }
    }
}
