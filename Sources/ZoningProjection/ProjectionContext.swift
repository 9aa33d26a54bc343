import CPROJ
import ZoningSupport

/// One PROJ context per OS thread, with that thread's last logged error.
///
/// PROJ objects (`PJ`) belong to the context that made them and must not be used from another
/// thread. The wrapper therefore never keeps a `PJ` past the call that made it: public types
/// hold plain values (text, numbers) and remake PROJ objects in the calling thread's context.
final class ProjectionContext {
    let handle: OpaquePointer

    /// The last message PROJ logged at error level on this thread, until `takeError()`.
    fileprivate(set) var lastMessage: String?

    private static let perThread = ThreadLocal { ProjectionContext() }

    /// The calling thread's context.
    static var current: ProjectionContext { perThread.value }

    private init() {
        // proj_context_create returns NULL only when out of memory.
        guard let handle = proj_context_create() else {
            preconditionFailure("proj_context_create returned NULL: out of memory")
        }
        self.handle = handle
        proj_log_level(handle, PJ_LOG_ERROR)
        proj_log_func(handle, Unmanaged.passUnretained(self).toOpaque()) { userData, _, message in
            guard let userData, let message else { return }
            let context = Unmanaged<ProjectionContext>.fromOpaque(userData).takeUnretainedValue()
            context.lastMessage = String(cString: message)
        }
    }

    deinit {
        proj_context_destroy(handle)
    }

    /// The pending error: PROJ's logged message, else its error-number text; then cleared.
    func takeError() -> String {
        // PROJ logs a message for the failures zoning calls can meet; the error number (which
        // PROJ keeps until the next failure) is only the fallback.
        defer { lastMessage = nil }
        if let lastMessage { return lastMessage }
        let code = proj_context_errno(handle)
        if code != 0, let text = proj_context_errno_string(handle, code) {
            return String(cString: text)
        }
        return "PROJ reported a failure without a message"
    }
}
