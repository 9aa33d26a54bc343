import ZoningGeometry

/// The plan of the sample county 样例市 (code 370299: a county-level city, so its seat is a
/// city seat; the code is fictional — 3702 has no 99), in EPSG:4528 metres.
///
/// The county is 36 km × 30 km around 120.0°E, 36.3°N, cut into 12 × 10 village-level units of
/// 3 km × 3 km. Distances between designed settlements are kept far above the 100 m gap, so
/// that the built-up regions are exactly the designed ones:
/// - the city core, radius 3.25 km around the city seat, holds the three 街道 seats; it reaches
///   about 250 m into the eight units around the four central ones, whose hamlets then make
///   some of them partly connected (112);
/// - 北河镇's and 南山镇's cores reach 150–200 m over a unit edge into units with hamlets
///   (partly connected, 122);
/// - four town cores, radius 900 m, 11–14 km from the city; the 乡 seat's settlement, 450 m;
/// - village hamlets (radius 250–420 m), each ≥ 700 m from every core and from the industrial
///   zone (or left out);
/// - the development zone's industrial land fills two whole units in the south-east, with
///   seeds (CZCSXM 201A) but no seat;
/// - a river 1.4 km south of the city, a reservoir in the north-west, forest in the north-east
///   with a state forest farm's headquarters village.
enum SampleDesign {
    static let countyCode = "370299"
    static let countyName = "样例市"
    static let minX = 40_482_000.0, minY = 4_005_000.0
    static let columns = 12, rows = 10
    static let unitSize = 3000.0

    struct Township: Sendable {
        var digits: String      // 3-digit township part of the code
        var name: String
        var kind: String        // 街道, 镇, 乡, 开发区
        var center: Coordinate  // where its villages gather (nearest centre wins)
    }

    static let cityCenter = Coordinate(x: 40_500_000, y: 4_020_000)
    static let cityRadius = 3250.0
    /// Units whose centre is within this distance of the city seat belong to the 街道.
    static let subdistrictReach = 6500.0

    static let townships: [Township] = [
        Township(digits: "001", name: "城关街道", kind: "街道", center: cityCenter),
        Township(digits: "002", name: "东城街道", kind: "街道", center: cityCenter),
        Township(digits: "003", name: "西城街道", kind: "街道", center: cityCenter),
        Township(digits: "101", name: "北河镇", kind: "镇", center: Coordinate(x: 40_497_700, y: 4_031_250)),
        Township(digits: "102", name: "南山镇", kind: "镇", center: Coordinate(x: 40_500_700, y: 4_008_500)),
        Township(digits: "103", name: "东湖镇", kind: "镇", center: Coordinate(x: 40_513_500, y: 4_022_000)),
        Township(digits: "104", name: "西岭镇", kind: "镇", center: Coordinate(x: 40_486_000, y: 4_018_500)),
        Township(digits: "201", name: "石门乡", kind: "乡", center: Coordinate(x: 40_513_000, y: 4_032_000)),
        Township(digits: "401", name: "样例经济开发区", kind: "开发区", center: Coordinate(x: 40_513_000, y: 4_008_500)),
    ]

    /// The 街道 a city unit belongs to, by the direction of its centre from the city seat:
    /// 0°–120° 城关, 120°–240° 西城, 240°–360° 东城 (counter-clockwise from east).
    static func subdistrict(of point: Coordinate) -> Int {
        var degrees = atan2Degrees(point.y - cityCenter.y, point.x - cityCenter.x)
        if degrees < 0 { degrees += 360 }
        return degrees < 120 ? 0 : degrees < 240 ? 2 : 1
    }

    /// Each 街道's seat: 1.5 km from the city seat at the middle of its sector.
    static func subdistrictSeat(_ index: Int) -> Coordinate {
        let degrees = [60.0, 300.0, 180.0][index]
        return Coordinate(x: cityCenter.x + 1500 * cosDegrees(degrees), y: cityCenter.y + 1500 * sinDegrees(degrees))
    }

    static let townRadius = 900.0
    static let xiangRadius = 450.0
    /// The two units (column, row) the industrial zone fills.
    static let industrialUnits: Set<[Int]> = [[10, 1], [11, 1]]
    /// The unit holding the state forest farm's headquarters (flagged special, 3 200 people).
    static let forestFarmUnit = [11, 8]
    /// The unit of the development zone's main community (flagged special, 3 500 people).
    static let industrialCommunityUnit = [10, 1]

    static let reservoirCenter = Coordinate(x: 40_490_000, y: 4_030_000)
    static let reservoirRadius = 1200.0
    /// The river's centre line y(x); it is 180 m wide.
    static func riverY(_ x: Double) -> Double { 4_013_800 + 800 * sinDegrees((x - minX) / 12_000 * 360) }
    static let riverHalfWidth = 90.0
    static func isForest(_ p: Coordinate) -> Bool { p.x > 40_506_000 && p.y > 4_027_000 }
    /// A hamlet keeps at least this distance from every core and the industrial zone.
    static let hamletClearance = 700.0

    static let villagePrefixes = Array("王李张刘陈杨赵黄周吴徐孙马朱胡郭何林高罗郑梁谢宋唐韩冯董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段")
    static let villageSuffixes = ["家庄", "家村", "庄", "屯", "营", "店", "家楼", "集", "家洼", "岭"]

    static func atan2Degrees(_ y: Double, _ x: Double) -> Double { atan2(y, x) * 180 / .pi }
    static func sinDegrees(_ degrees: Double) -> Double { sin(degrees * .pi / 180) }
    static func cosDegrees(_ degrees: Double) -> Double { cos(degrees * .pi / 180) }
}

#if canImport(Glibc)
import Glibc
#endif
