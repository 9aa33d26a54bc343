import ZoningSupport

extension Zoning {
    /// Makes Ctrl-C and SIGTERM stop every command cleanly (`Interruption`): its staging
    /// folder, partial files and private temporary folders are removed, and the exit status is
    /// 130 or 143. Called by the `zoning` executable before the command runs.
    ///
    /// ```swift
    /// Zoning.installInterruptionHandlers()
    /// Zoning.main()
    /// ```
    public static func installInterruptionHandlers() {
        Interruption.install()
    }
}
