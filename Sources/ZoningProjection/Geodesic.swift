import CPROJ
import ZoningGeometry

/// Lengths and areas on the ellipsoid, through PROJ's geodesic routines (Karney's
/// algorithms, accurate to nanometres): the figures the land survey reports, unlike the
/// planar `Geometry.area`, which is 0–0.05% too large in a Gauss–Krüger zone.
///
/// ```swift
/// let geodesic = Geodesic()                                   // CGCS2000 ellipsoid
/// let m2 = try geodesic.area(of: parcel, in: CoordinateReferenceSystem("EPSG:4528"))
/// let km = try geodesic.length(of: road, in: crs) / 1000
/// ```
///
/// # Units
/// Areas in m², lengths in metres. Polygon edges are geodesics between the vertices; holes
/// subtract, the parts of a multipolygon add, points and lines have no area.
public struct Geodesic: Sendable {
    /// The ellipsoid measured on.
    public let ellipsoid: Ellipsoid

    /// - Parameter ellipsoid: CGCS2000 by default, the survey's; pass `crs.ellipsoid` for
    ///   data on another datum.
    public init(ellipsoid: Ellipsoid = .cgcs2000) {
        self.ellipsoid = ellipsoid
    }

    /// The area of a geometry in any CRS, in m²: projected coordinates are first taken back to
    /// the CRS's longitude/latitude (web-map offsets removed).
    public func area(of geometry: Geometry, in crs: CoordinateReferenceSystem) throws -> Double {
        try area(ofLonLat: Self.lonLat(geometry, crs))
    }

    /// The areas of many geometries in one CRS, in m²: `area(of:in:)` with one transform for all
    /// (making a PROJ transform costs milliseconds).
    ///
    /// ```swift
    /// let squareMetres = try Geodesic().areas(of: serviceAreas, in: crs)
    /// ```
    public func areas(of geometries: [Geometry], in crs: CoordinateReferenceSystem) throws -> [Double] {
        let transform = crs.isGeographic && crs.webMapDatum == nil ? nil : try CoordinateTransform.onThisThread(from: crs, to: crs.geographic())
        return try geometries.map { try area(ofLonLat: transform?.apply(to: $0) ?? $0) }
    }

    /// The length of a geometry in any CRS, in metres (polygons: the perimeter of every ring).
    public func length(of geometry: Geometry, in crs: CoordinateReferenceSystem) throws -> Double {
        try length(ofLonLat: Self.lonLat(geometry, crs))
    }

    /// The area of a geometry whose x is longitude and y latitude, in degrees, in m².
    public func area(ofLonLat geometry: Geometry) throws -> Double {
        var g = makeGeodesic()
        return try Self.polygonalArea(of: geometry) { ring in ringArea(ring, &g) }
    }

    /// The length of a geometry whose x is longitude and y latitude, in degrees, in metres.
    public func length(ofLonLat geometry: Geometry) throws -> Double {
        var g = makeGeodesic()
        return try Self.lines(of: geometry).reduce(0) { total, line in
            let points = try line.coordinates
            return total + zip(points, points.dropFirst()).reduce(0) { sum, edge in
                var distance = 0.0
                geod_inverse(&g, edge.0.y, edge.0.x, edge.1.y, edge.1.x, &distance, nil, nil)
                return sum + distance
            }
        }
    }

    // MARK: Internals

    private func makeGeodesic() -> geod_geodesic {
        var g = geod_geodesic()
        geod_init(&g, ellipsoid.semiMajorAxis, ellipsoid.flattening)
        return g
    }

    /// Signed area of one ring (positive counter-clockwise), in m².
    private func ringArea(_ ring: [Coordinate], _ g: inout geod_geodesic) -> Double {
        // A closed ring repeats its first point; geod_polygonarea closes rings itself.
        let open = ring.count > 1 && ring.first == ring.last ? Array(ring.dropLast()) : ring
        guard open.count >= 3 else { return 0 }
        var latitudes = open.map(\.y), longitudes = open.map(\.x)
        var area = 0.0, perimeter = 0.0
        geod_polygonarea(&g, &latitudes, &longitudes, Int32(open.count), &area, &perimeter)
        return area
    }

    static func lonLat(_ geometry: Geometry, _ crs: CoordinateReferenceSystem) throws -> Geometry {
        if crs.isGeographic && crs.webMapDatum == nil { return geometry }
        return try CoordinateTransform.onThisThread(from: crs, to: crs.geographic()).apply(to: geometry)
    }

    /// Σ over polygons of |shell| − Σ|holes|, with `ringArea` giving each ring's (signed) area.
    static func polygonalArea(of geometry: Geometry, ringArea: ([Coordinate]) throws -> Double) throws -> Double {
        try polygons(of: geometry).reduce(0) { total, polygon in
            var area = abs(try ringArea(polygon.exteriorRing.coordinates))
            for hole in try polygon.interiorRings { area -= abs(try ringArea(hole.coordinates)) }
            return total + area
        }
    }

    /// The polygons in a geometry, looking inside multipolygons and collections.
    static func polygons(of geometry: Geometry) throws -> [Geometry] {
        switch geometry.type {
        case .polygon: return geometry.isEmpty ? [] : [geometry]
        case .multiPolygon, .geometryCollection: return try geometry.parts.flatMap(polygons(of:))
        default: return []
        }
    }

    /// The line strings and rings in a geometry: lines as they are, polygons as their rings.
    static func lines(of geometry: Geometry) throws -> [Geometry] {
        switch geometry.type {
        case .lineString, .linearRing: return [geometry]
        case .polygon: return geometry.isEmpty ? [] : try [geometry.exteriorRing] + geometry.interiorRings
        case .multiLineString, .multiPolygon, .geometryCollection: return try geometry.parts.flatMap(lines(of:))
        default: return []
        }
    }
}
