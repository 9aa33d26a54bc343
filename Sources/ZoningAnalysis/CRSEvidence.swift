import ZoningGeometry
import ZoningProjection

/// What a layer's coordinates say about its CRS: for a layer without a `.prj`, and to explain
/// a layer that does not lie over the land use.
///
/// - **Degrees** (x 73…136, y 3…54): CGCS2000 geographic, EPSG:4490.
/// - **Prefixed eastings** (x = zone × 1 000 000 + 500 000 ± 400 000): that 3-degree
///   Gauss–Krüger zone, EPSG:4513–4533.
/// - **Plain eastings** (x within 400 km of 500 000): any 3-degree zone (EPSG:4534–4554);
///   the coordinates alone cannot tell which, so the candidates are the zones that put the
///   layer over the land use, and the user chooses.
///
/// ```swift
/// CRSEvidence.implied(by: Bounds(minX: 40_480_000, minY: 4_010_000, maxX: 40_520_000, maxY: 4_030_000))?.crs.epsg  // 4528
/// ```
public enum CRSEvidence {
    /// China's extent in degrees, generously: what a geographic layer's coordinates fall in.
    static let china = Bounds(minX: 73, minY: 3, maxX: 136, maxY: 54)

    /// The CRS the coordinates alone establish (degrees, or prefixed Gauss–Krüger eastings),
    /// with the reason in words; nil when they do not establish one.
    public static func implied(by extent: Bounds) -> (crs: CoordinateReferenceSystem, reason: String)? {
        if contains(china, extent), let crs = try? CoordinateReferenceSystem("EPSG:4490") {
            return (crs, "the coordinates are degrees of longitude and latitude in China")
        }
        if let zone = GaussKruger.prefixedZone(minX: extent.minX, maxX: extent.maxX),
            (1_000_000...6_500_000).contains(extent.minY), let epsg = GaussKruger.epsg(zone: zone, prefixed: true),
            let crs = try? CoordinateReferenceSystem("EPSG:\(epsg)") {
            return (crs, "the eastings carry the zone number \(zone) in front")
        }
        return nil
    }

    /// The CRSs (EPSG:4490 and every CGCS2000 3-degree zone, prefixed and plain) under which a
    /// layer with coordinates `extent` overlaps `target`, an extent in `targetCRS`.
    public static func candidates(for extent: Bounds, over target: Bounds, in targetCRS: CoordinateReferenceSystem) -> [CoordinateReferenceSystem] {
        var codes = [4490]
        for zone in GaussKruger.zones {
            codes += [GaussKruger.epsg(zone: zone, prefixed: true)!, GaussKruger.epsg(zone: zone, prefixed: false)!]
        }
        return codes.compactMap { code in
            guard let crs = try? CoordinateReferenceSystem("EPSG:\(code)"), plausible(extent, in: crs),
                let moved = try? transform(extent, from: crs, to: targetCRS), overlaps(moved, target) else { return nil }
            return crs
        }
    }

    /// Why a layer whose coordinates span `extent` in `declared` does not lie over `target`
    /// (in `targetCRS`): the likeliest cause, as a sentence with the fix.
    public static func diagnosis(
        extent: Bounds, declared: CoordinateReferenceSystem, target: Bounds, in targetCRS: CoordinateReferenceSystem, setting: (String) -> String
    ) -> String {
        let swapped = Bounds(minX: extent.minY, minY: extent.minX, maxX: extent.maxY, maxY: extent.maxX)
        if let moved = try? transform(swapped, from: declared, to: targetCRS), overlaps(moved, target) {
            return "x and y are swapped (the layer lies over the land use with its axes exchanged); write x = easting/longitude, y = northing/latitude"
        }
        if declared.isGeographic == false, contains(china, extent) {
            return "the coordinates are degrees but \(declared.shortDescription) is in metres; set \(setting("EPSG:4490")) (or the right geographic CRS)"
        }
        if declared.isGeographic, !contains(Bounds(minX: -180, minY: -90, maxX: 180, maxY: 90), extent) {
            return "the coordinates are metres but \(declared.shortDescription) is in degrees; set \(setting("EPSG:45xx")), its Gauss–Krüger zone"
        }
        let fitting = candidates(for: extent, over: target, in: targetCRS).filter { $0 != declared }
        if !fitting.isEmpty {
            return "the coordinates fit \(fitting.map(\.shortDescription).joined(separator: " and ")), not \(declared.shortDescription) (a wrong or missing .prj, or another zone); set \(setting("EPSG:\(fitting[0].epsg.map(String.init) ?? "…")"))"
        }
        return "it lies elsewhere in \(declared.shortDescription) (\(text(extent))); check that it is the right file and its CRS"
    }

    /// Whether `extent`'s coordinates can be coordinates of `crs` at all (degrees for a
    /// geographic CRS; eastings near the zone's false easting for a Gauss–Krüger zone).
    static func plausible(_ extent: Bounds, in crs: CoordinateReferenceSystem) -> Bool {
        if crs.isGeographic { return contains(china, extent) }
        guard let epsg = crs.epsg, let (zone, prefixed) = GaussKruger.zone(epsg: epsg) else { return true }
        let centre = prefixed ? Double(zone) * 1_000_000 + 500_000 : 500_000
        return abs(extent.minX - centre) <= 400_000 && abs(extent.maxX - centre) <= 400_000 && (0...6_500_000).contains(extent.minY)
    }

    /// `extent` moved into `target`: the box around its corners, edge midpoints and centre.
    static func transform(_ extent: Bounds, from source: CoordinateReferenceSystem, to target: CoordinateReferenceSystem) throws -> Bounds {
        if source == target { return extent }
        let mover = try CoordinateTransform(from: source, to: target)
        var xs: [Double] = [], ys: [Double] = []
        for fx in [0.0, 0.5, 1] {
            for fy in [0.0, 0.5, 1] {
                xs.append(extent.minX + fx * extent.width)
                ys.append(extent.minY + fy * extent.height)
            }
        }
        try mover.apply(x: &xs, y: &ys)
        return Bounds(minX: xs.min()!, minY: ys.min()!, maxX: xs.max()!, maxY: ys.max()!)
    }

    /// Whether two extents share any point (touching counts).
    public static func overlaps(_ a: Bounds, _ b: Bounds) -> Bool {
        a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY
    }

    /// An extent for messages: `x 482000…518000, y 4005000…4035000`, in whole units, or
    /// to 4 decimals for degrees.
    public static func text(_ extent: Bounds) -> String {
        let degrees = max(abs(extent.minX), abs(extent.maxX), abs(extent.minY), abs(extent.maxY)) <= 360
        let format = degrees ? "%.4f" : "%.0f"
        func f(_ value: Double) -> String { String(format: format, value) }
        return "x \(f(extent.minX))…\(f(extent.maxX)), y \(f(extent.minY))…\(f(extent.maxY))"
    }

    static func contains(_ outer: Bounds, _ inner: Bounds) -> Bool {
        inner.minX >= outer.minX && inner.maxX <= outer.maxX && inner.minY >= outer.minY && inner.maxY <= outer.maxY
    }
}
