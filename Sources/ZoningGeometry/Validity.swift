import CGEOS

extension Geometry {
    /// OGC validity: rings closed and simple, holes inside shells, no self-intersections, parts
    /// of a multipolygon not overlapping.
    public var isValid: Bool {
        (try? validityDetail()) == nil
    }

    /// Why the geometry is invalid, with the location, e.g. `"Self-intersection at (5, 5)"`;
    /// nil when it is valid.
    ///
    /// ```swift
    /// try Geometry(wkt: "POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))").invalidityReason
    /// // "Self-intersection at (5, 5)"
    /// ```
    public var invalidityReason: String? {
        get throws { try validityDetail() }
    }

    private func validityDetail() throws -> String? {
        let context = GEOSContext.current
        let h = context.handle
        var reason: UnsafeMutablePointer<CChar>?
        var location: OpaquePointer?
        let result = GEOSisValidDetail_r(h, handle, 0, &reason, &location)
        defer {
            if let reason { GEOSFree_r(h, reason) }
            if let location { GEOSGeom_destroy_r(h, location) }
        }
        switch result {
        case 1: return nil
        case 0:
            let text = reason.map { String(cString: $0) } ?? "invalid"
            var x = 0.0, y = 0.0
            if let location, GEOSGeomGetX_r(h, location, &x) == 1, GEOSGeomGetY_r(h, location, &y) == 1 {
                return "\(text) at (\(Self.plain(x)), \(Self.plain(y)))"
            }
            return text
        default:
            throw GEOSError.operationFailed(operation: "isValid", message: context.takeError())
        }
    }

    /// `5.0` → "5", `0.25` → "0.25": coordinates in messages as a person writes them.
    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// A valid geometry covering the same points (GEOS's "linework" method): a bow-tie polygon
    /// becomes a multipolygon of two triangles; collapsed parts become lines or points. A valid
    /// input comes back unchanged.
    public func makeValid() throws -> Geometry {
        let context = GEOSContext.current
        return try context.geometry(GEOSMakeValid_r(context.handle, handle), "makeValid")
    }
}
