#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value that each OS thread creates for itself on first use and destroys when the thread
/// exits.
///
/// The C libraries under zoning (GEOS, PROJ, shapelib) keep error state in a context that must
/// never be used by two threads at once. `ThreadLocal` gives every thread its own, so callers
/// need no locks and no context parameter.
///
/// ```swift
/// let scratch = ThreadLocal { Scratch() }
/// scratch.value.count += 1   // this thread's Scratch only
/// ```
///
/// The owner object is `Sendable`; the values it hands out are not, and must not be passed to
/// another thread.
public final class ThreadLocal<Value: AnyObject>: @unchecked Sendable {
    // @unchecked: `key` and `make` are immutable after init; pthread keys are thread-safe.
    @usableFromInline let key: pthread_key_t
    private let make: @Sendable () -> Value

    /// Creates the storage; `make` runs once per thread, on that thread, at its first `value`.
    public init(_ make: @escaping @Sendable () -> Value) {
        var key = pthread_key_t()
        // The destructor releases the retain taken in `value` when the thread exits.
        let status = pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            Unmanaged<AnyObject>.fromOpaque(pointer).release()
        }
        // pthread_key_create fails only when the process has used up PTHREAD_KEYS_MAX (1024)
        // keys; zoning creates one per C library, at start-up.
        precondition(status == 0, "pthread_key_create failed with \(status)")
        self.key = key
        self.make = make
    }

    /// This thread's value, created on first access.
    public var value: Value {
        if let pointer = pthread_getspecific(key) {
            return Unmanaged<Value>.fromOpaque(pointer).takeUnretainedValue()
        }
        let fresh = make()
        pthread_setspecific(key, Unmanaged<Value>.passRetained(fresh).toOpaque())
        return fresh
    }

    /// Calls `body` with this thread's value (created on first access) without retaining and
    /// releasing it, for calls made millions of times that only read a field of it (e.g. a C
    /// handle): the thread's own reference keeps the value alive until the thread exits.
    /// `body` must not keep the value.
    ///
    /// ```swift
    /// let handle = contexts.withValue { $0.handle }
    /// ```
    @inlinable
    public func withValue<Result>(_ body: (Value) throws -> Result) rethrows -> Result {
        if let pointer = pthread_getspecific(key) {
            return try Unmanaged<Value>.fromOpaque(pointer)._withUnsafeGuaranteedRef(body)
        }
        return try body(value)
    }
}
