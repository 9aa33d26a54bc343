import CShapelib
import ZoningSupport

/// shapelib's I/O hooks with its error callback redirected into a per-thread message, so an
/// open that fails can say why (shapelib's default hook prints to stderr).
enum ShapelibHooks {
    /// The message of the last shapelib error on this thread.
    final class Messages {
        var last: String?
    }

    private static let messages = ThreadLocal { Messages() }

    /// Default file hooks with errors captured for the calling thread.
    static func make() -> SAHooks {
        var hooks = SAHooks()
        SASetupDefaultHooks(&hooks)
        hooks.Error = { message in
            ShapelibHooks.messages.value.last = message.map { String(cString: $0) }
        }
        return hooks
    }

    /// Returns and clears the last message; nil when shapelib gave none.
    static func takeMessage() -> String? {
        let box = messages.value
        defer { box.last = nil }
        return box.last
    }
}
