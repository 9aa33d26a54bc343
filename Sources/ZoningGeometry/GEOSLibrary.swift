import CGEOS

/// Facts about the GEOS library zoning is linked against.
public enum GEOSLibrary {
    /// The version GEOS reports at run time, e.g. `3.11.1-CAPI-1.17.1`.
    public static var version: String {
        GEOSversion().map { String(cString: $0) } ?? "unknown"
    }
}
