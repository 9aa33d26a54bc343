import ZoningGeometry
import ZoningProjection

/// The toolkit's version, printed by `zoning --version` and recorded in outputs.
public enum ZoningVersion {
    /// The toolkit's own version.
    public static let current = "0.2.0"

    /// The version with the C libraries it runs on, e.g.
    /// `zoning 0.2.0 (GEOS 3.11.1-CAPI-1.17.1, PROJ 9.1.1)`.
    public static var description: String {
        "zoning \(current) (GEOS \(GEOSLibrary.version), PROJ \(PROJLibrary.version))"
    }
}
