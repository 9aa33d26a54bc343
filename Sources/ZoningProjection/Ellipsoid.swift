import CPROJ

/// An ellipsoid of revolution: the figure of the Earth a datum uses.
///
/// ```swift
/// Ellipsoid.cgcs2000.semiMajorAxis  // 6378137 m
/// Ellipsoid.cgcs2000.flattening     // 1 / 298.257222101
/// ```
public struct Ellipsoid: Sendable, Hashable, CustomStringConvertible {
    /// E.g. `CGCS2000`.
    public let name: String
    /// a, in metres.
    public let semiMajorAxis: Double
    /// 1/f; infinite for a sphere.
    public let inverseFlattening: Double

    public init(name: String, semiMajorAxis: Double, inverseFlattening: Double) {
        self.name = name
        self.semiMajorAxis = semiMajorAxis
        self.inverseFlattening = inverseFlattening
    }

    /// The China Geodetic Coordinate System 2000 ellipsoid: a = 6 378 137 m, 1/f = 298.257222101.
    /// The land survey's official areas are on it.
    public static let cgcs2000 = Ellipsoid(name: "CGCS2000", semiMajorAxis: 6_378_137, inverseFlattening: 298.257_222_101)

    /// WGS 84: a = 6 378 137 m, 1/f = 298.257223563 (b differs from CGCS2000's by 0.1 mm).
    public static let wgs84 = Ellipsoid(name: "WGS 84", semiMajorAxis: 6_378_137, inverseFlattening: 298.257_223_563)

    /// f, the flattening (a − b) / a.
    public var flattening: Double { inverseFlattening.isFinite ? 1 / inverseFlattening : 0 }

    /// b, the semi-minor axis in metres.
    public var semiMinorAxis: Double { semiMajorAxis * (1 - flattening) }

    /// e², the first eccentricity squared, f(2 − f).
    public var eccentricitySquared: Double { flattening * (2 - flattening) }

    public var description: String { "\(name) (a = \(semiMajorAxis) m, 1/f = \(inverseFlattening))" }

    /// The ellipsoid of a PROJ CRS object, or nil when it names none.
    init?(of object: OpaquePointer, _ context: ProjectionContext) {
        guard let ellipsoid = proj_get_ellipsoid(context.handle, object) else {
            _ = context.takeError()
            return nil
        }
        defer { proj_destroy(ellipsoid) }
        var a = 0.0, b = 0.0, inverseFlattening = 0.0
        var computed: Int32 = 0
        guard proj_ellipsoid_get_parameters(context.handle, ellipsoid, &a, &b, &computed, &inverseFlattening) == 1 else {
            _ = context.takeError()
            return nil
        }
        let name = proj_get_name(ellipsoid).map { String(cString: $0) } ?? "unnamed"
        self.init(name: name, semiMajorAxis: a, inverseFlattening: inverseFlattening == 0 ? .infinity : inverseFlattening)
    }
}
