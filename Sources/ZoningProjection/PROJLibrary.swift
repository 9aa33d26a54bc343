import CPROJ

/// Facts about the PROJ library zoning is linked against.
public enum PROJLibrary {
    /// The version PROJ reports at run time, e.g. `9.1.1`.
    public static var version: String {
        proj_info().version.map { String(cString: $0) } ?? "unknown"
    }
}
