/// The CGCS2000 3-degree Gauss–Krüger zones that China's surveys use.
///
/// Zone *n* has its central meridian at 3n°E and covers 3n − 1.5 ≤ longitude < 3n + 1.5;
/// zones 25–45 cover China (75°E–135°E). Each zone has two EPSG codes:
/// - **prefixed** (EPSG:4513–4533): the zone number is written before the easting, so the
///   central meridian is at x = n·1 000 000 + 500 000 (e.g. 40 500 000 in zone 40);
/// - **plain** (EPSG:4534–4554): x = 500 000 at the central meridian.
///
/// Shandong (114.8°E–122.7°E) lies in zones 38–41: EPSG:4526–4529 prefixed, 4547–4550 plain.
///
/// ```swift
/// GaussKruger.zone(longitude: 117.0)         // 39
/// GaussKruger.epsg(zone: 40, prefixed: true)  // 4528
/// GaussKruger.prefixedZone(easting: 40_512_345) // 40
/// ```
public enum GaussKruger {
    /// The zones with EPSG codes.
    public static let zones = 25...45

    /// The zone whose strip holds `longitude` (degrees east); nil outside zones 25–45.
    public static func zone(longitude: Double) -> Int? {
        guard longitude.isFinite else { return nil }
        let zone = Int(((longitude + 1.5) / 3).rounded(.down))
        return zones.contains(zone) ? zone : nil
    }

    /// The zone for a layer spanning `west`…`east` (degrees): the zone of its middle meridian,
    /// which keeps the scale error smallest over the layer.
    public static func zone(west: Double, east: Double) -> Int? {
        zone(longitude: (west + east) / 2)
    }

    /// The central meridian of `zone`, in degrees east.
    public static func centralMeridian(zone: Int) -> Double {
        Double(zone * 3)
    }

    /// The EPSG code of `zone` in the prefixed (4513–4533) or plain (4534–4554) family.
    public static func epsg(zone: Int, prefixed: Bool) -> Int? {
        guard zones.contains(zone) else { return nil }
        return (prefixed ? 4513 : 4534) + zone - zones.lowerBound
    }

    /// The zone and family of an EPSG code, or nil when it is not a CGCS2000 3-degree zone.
    public static func zone(epsg: Int) -> (zone: Int, prefixed: Bool)? {
        switch epsg {
        case 4513...4533: (epsg - 4513 + zones.lowerBound, true)
        case 4534...4554: (epsg - 4534 + zones.lowerBound, false)
        default: nil
        }
    }

    /// The zone written in front of a prefixed easting (x), or nil when `easting` does not
    /// look prefixed: the millions must name a zone 25–45 and the rest must lie within
    /// 400 km of the central meridian's 500 000.
    ///
    /// A layer without a .prj whose x values are in the tens of millions is prefixed Gauss–
    /// Krüger; `prefixedZone(easting:)` of its minimum and maximum x tells which zone.
    public static func prefixedZone(easting: Double) -> Int? {
        guard easting.isFinite, easting >= 1_000_000, easting < 100_000_000 else { return nil }
        let zone = Int(easting / 1_000_000)
        let offset = easting - Double(zone) * 1_000_000 - 500_000
        return zones.contains(zone) && abs(offset) <= 400_000 ? zone : nil
    }

    /// The prefixed zone of a layer whose x values run from `minX` to `maxX`, when both ends
    /// name the same zone; nil otherwise.
    public static func prefixedZone(minX: Double, maxX: Double) -> Int? {
        guard let zone = prefixedZone(easting: minX), prefixedZone(easting: maxX) == zone else { return nil }
        return zone
    }
}
