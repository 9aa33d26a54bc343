import Foundation

/// The offset coordinate systems of Chinese web maps, which PROJ does not have.
///
/// - **GCJ-02** (国测局坐标, "Mars coordinates"): Amap (高德), Tencent and Google Maps in
///   mainland China. WGS 84 longitude/latitude moved by an obfuscating function, by about
///   300–700 m in Shandong.
/// - **BD-09**: Baidu Maps. GCJ-02 moved once more, by about another 1 km.
///
/// zoning implements the published forward formulas and inverts them by fixed-point
/// iteration until the round trip closes to better than 1e-9° (about 0.1 mm), so a point
/// converted to WGS 84 and back lands within 0.01 m of where it started. WGS 84 and CGCS2000
/// agree to well under a metre, and zoning treats them as one here. Points outside the
/// rectangle the formulas are defined for (72.004–137.8347°E, 0.8293–55.8271°N) are left
/// unchanged, as the web maps themselves do.
///
/// ```swift
/// let gcj = WebMapDatum.gcj02.fromWGS84(longitude: 116.404, latitude: 39.915)
/// // (116.41024449916938, 39.91640428150164)
/// let wgs = WebMapDatum.gcj02.toWGS84(longitude: gcj.longitude, latitude: gcj.latitude)
/// ```
public enum WebMapDatum: String, Sendable, CaseIterable {
    case gcj02 = "GCJ-02"
    case bd09 = "BD-09"

    /// The names accepted wherever a CRS is (case-insensitive): `GCJ02`, `GCJ-02`, `BD09`, `BD-09`.
    public init?(name: String) {
        switch name.uppercased().replacingOccurrences(of: "-", with: "").replacingOccurrences(of: "_", with: "") {
        case "GCJ02": self = .gcj02
        case "BD09", "BD09LL": self = .bd09
        default: return nil
        }
    }

    /// WGS 84 (≈ CGCS2000) longitude/latitude in degrees → this datum's.
    public func fromWGS84(longitude: Double, latitude: Double) -> (longitude: Double, latitude: Double) {
        let gcj = Self.wgs84ToGCJ02(longitude, latitude)
        switch self {
        case .gcj02: return gcj
        case .bd09: return Self.gcj02ToBD09(gcj.longitude, gcj.latitude)
        }
    }

    /// This datum's longitude/latitude in degrees → WGS 84 (≈ CGCS2000), by iterating the
    /// forward formula to a round-trip error below 1e-9°.
    public func toWGS84(longitude: Double, latitude: Double) -> (longitude: Double, latitude: Double) {
        guard Self.isInsideChina(longitude, latitude) else { return (longitude, latitude) }
        // Start from the offset point itself and correct by the residual of the forward map;
        // the map is close to a translation, so each step gains 2–3 orders of magnitude.
        var guess = (longitude: longitude, latitude: latitude)
        for _ in 0..<30 {
            let forward = fromWGS84(longitude: guess.longitude, latitude: guess.latitude)
            let dLon = forward.longitude - longitude, dLat = forward.latitude - latitude
            guess = (guess.longitude - dLon, guess.latitude - dLat)
            if abs(dLon) < 1e-10 && abs(dLat) < 1e-10 { break }
        }
        return guess
    }

    // MARK: The published formulas

    /// Krasovsky 1940, which the GCJ-02 function uses.
    private static let a = 6378245.0
    private static let ee = 0.00669342162296594323

    static func isInsideChina(_ longitude: Double, _ latitude: Double) -> Bool {
        (72.004...137.8347).contains(longitude) && (0.8293...55.8271).contains(latitude)
    }

    private static func wgs84ToGCJ02(_ longitude: Double, _ latitude: Double) -> (longitude: Double, latitude: Double) {
        guard isInsideChina(longitude, latitude) else { return (longitude, latitude) }
        let x = longitude - 105, y = latitude - 35
        var dLat = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * abs(x).squareRoot()
        dLat += (20 * sin(6 * x * .pi) + 20 * sin(2 * x * .pi)) * 2 / 3
        dLat += (20 * sin(y * .pi) + 40 * sin(y / 3 * .pi)) * 2 / 3
        dLat += (160 * sin(y / 12 * .pi) + 320 * sin(y * .pi / 30)) * 2 / 3
        var dLon = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * abs(x).squareRoot()
        dLon += (20 * sin(6 * x * .pi) + 20 * sin(2 * x * .pi)) * 2 / 3
        dLon += (20 * sin(x * .pi) + 40 * sin(x / 3 * .pi)) * 2 / 3
        dLon += (150 * sin(x / 12 * .pi) + 300 * sin(x / 30 * .pi)) * 2 / 3
        let radLat = latitude / 180 * .pi
        let magic = 1 - ee * sin(radLat) * sin(radLat)
        let sqrtMagic = magic.squareRoot()
        dLat = (dLat * 180) / ((a * (1 - ee)) / (magic * sqrtMagic) * .pi)
        dLon = (dLon * 180) / (a / sqrtMagic * cos(radLat) * .pi)
        return (longitude + dLon, latitude + dLat)
    }

    private static func gcj02ToBD09(_ longitude: Double, _ latitude: Double) -> (longitude: Double, latitude: Double) {
        guard isInsideChina(longitude, latitude) else { return (longitude, latitude) }
        let xPi = Double.pi * 3000 / 180
        let z = (longitude * longitude + latitude * latitude).squareRoot() + 0.00002 * sin(latitude * xPi)
        let theta = atan2(latitude, longitude) + 0.000003 * cos(longitude * xPi)
        return (z * cos(theta) + 0.0065, z * sin(theta) + 0.006)
    }
}
