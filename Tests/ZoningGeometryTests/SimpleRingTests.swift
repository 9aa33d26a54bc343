import Foundation
import Testing
@testable import ZoningGeometry
import ZoningTestSupport

/// `SimpleRing` must never call a ring simple that GEOS finds invalid: every ring here is
/// checked against GEOS's own validity test of the polygon it makes.
@Suite struct SimpleRingTests {
    /// A closed ring's coordinates, interleaved.
    static func xy(_ points: [(Double, Double)]) -> [Double] {
        (points + [points[0]]).flatMap { [$0.0, $0.1] }
    }

    static func certain(_ xy: [Double]) -> Bool {
        xy.withUnsafeBufferPointer { SimpleRing.isCertainlySimple(xy: $0) }
    }

    static func polygon(_ xy: [Double]) throws -> Geometry {
        try xy.withUnsafeBufferPointer { try Geometry.polygon(shellXY: $0) }
    }

    /// The proof against GEOS on one ring: never simple where GEOS says invalid, and
    /// `isValidQuickly` always GEOS's answer, whether the polygon was proved as it was built
    /// (`provingSimple`, as readers build parcels) or is proved afterwards. Returns whether the
    /// proof held.
    @discardableResult
    static func agrees(_ xy: [Double], _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> Bool {
        let shape = try polygon(xy)
        let proved = certain(xy), valid = shape.isValid
        if proved { #expect(valid, comment, sourceLocation: sourceLocation) }
        #expect(shape.isValidQuickly == valid, comment, sourceLocation: sourceLocation)
        let built = try xy.withUnsafeBufferPointer { try Geometry.polygon(shellXY: $0, provingSimple: true) }
        #expect(built.isValid == valid && built.isValidQuickly == valid, comment, sourceLocation: sourceLocation)
        return proved
    }

    @Test func squareAndTriangleAreProvedSimple() throws {
        #expect(try Self.agrees(Self.xy([(0, 0), (10, 0), (10, 10), (0, 10)])))
        #expect(try Self.agrees(Self.xy([(0, 0), (0, 10), (10, 10), (10, 0)])))  // clockwise, as shapefiles draw shells
        #expect(try Self.agrees(Self.xy([(0, 0), (10, 0), (0, 10)])))
        // Gauss–Krüger eastings with the zone number (metres): a 3 m sliver is still certain.
        #expect(try Self.agrees(Self.xy([(39_500_000.125, 4_000_000.5), (39_500_100.25, 4_000_000.5), (39_500_100.25, 4_000_003.5)])))
        // A triangle one unit in the last place (9.3e-10 m) off a line at 4 000 km: exact
        // differences, so the sign is still certain, and GEOS agrees it is valid.
        #expect(try Self.agrees(Self.xy([(39_500_000, 4_000_000), (39_500_100, 4_000_000.000000001), (39_500_200, 4_000_000)])))
    }

    /// Star-shaped rings, both ways round, with a vertex exactly on the ray the turns are
    /// counted on, and far from the origin as Gauss–Krüger coordinates are: proved in one pass.
    @Test func starShapedRingsAreProvedInOnePass() throws {
        let rings: [[(Double, Double)]] = [
            [(0, 0), (10, 0), (10, 10), (0, 10)],
            [(0, 0), (0, 10), (10, 10), (10, 0)],
            [(-5, 0), (0, -5), (5, 0), (0, 5)],  // vertices on the ray y = 0 from the centre
            [(2, 0), (10, -1), (12, 6), (6, 5), (4, 12), (-1, 7)],
            (0..<40).map { k in  // a bent parcel: 40 vertices round its centre, clockwise
                let angle = -Double(k) * 2 * Double.pi / 40, radius = 20 + 3 * sin(7 * angle)
                return (40_512_345.6 + radius * cos(angle), 3_987_654.3 + radius * sin(angle))
            },
        ]
        for points in rings {
            let xy = Self.xy(points)
            #expect(xy.withUnsafeBufferPointer { SimpleRing.isCertainlyStarShaped($0, points.count) })
            #expect(try Self.agrees(xy))
        }
    }

    @Test func invalidAndDoubtfulRingsAreLeftToGEOS() throws {
        let rings: [(String, [(Double, Double)])] = [
            ("bow-tie", [(0, 0), (10, 10), (10, 0), (0, 10)]),
            ("spike out and back", [(0, 0), (10, 0), (10, 10), (10, 20), (10, 10), (0, 10)]),
            ("ring touching itself at a vertex", [(0, 0), (10, 0), (5, 5), (10, 10), (0, 10), (5, 5)]),
            ("vertex on another edge", [(0, 0), (10, 0), (10, 10), (5, 0), (0, 10)]),
            ("collinear back-track", [(0, 0), (10, 0), (5, 0), (5, 10)]),
            ("straight continuation (valid, but collinear)", [(0, 0), (5, 0), (10, 0), (10, 10), (0, 10)]),
            ("repeated point (valid)", [(0, 0), (10, 0), (10, 0), (10, 10), (0, 10)]),
            ("flat triangle", [(0, 0), (10, 0), (20, 0)]),
            ("three decimal points too nearly on a line to tell", [(0.1, 0.1), (0.3, 0.3), (0.7, 0.7), (0.1, 0.9)]),
            ("overlapping far edges", [(0, 0), (10, 0), (10, 5), (2, 5), (2, 1), (8, 1), (8, 5), (10, 5), (10, 10), (0, 10)]),
            // Every segment turns the same way about the centre, but the ring goes round twice:
            // the star-shaped shortcut must count the turns, not only the signs.
            ("pentagram, round the centre twice", (0..<5).map { k in
                let angle = Double(2 * k % 5) * 2 * Double.pi / 5
                return (10 * cos(angle), 10 * sin(angle))
            }),
            ("heptagram {7/3}, round three times, clockwise", (0..<7).map { k in
                let angle = -Double(3 * k % 7) * 2 * Double.pi / 7
                return (40_500_000 + 10 * cos(angle), 4_000_000 + 10 * sin(angle))
            }),
        ]
        for (name, points) in rings {
            #expect(try !Self.agrees(Self.xy(points), Comment(rawValue: name)), Comment(rawValue: name))
        }
        // Not a ring: too short, not closed, not finite.
        #expect(!Self.certain([0, 0, 1, 0, 0, 0]))
        #expect(!Self.certain([0, 0, 10, 0, 10, 10, 0, 10, 0, 1]))
        #expect(!Self.certain([0, 0, 10, 0, .nan, 10, 0, 10, 0, 0]))
        #expect(!Self.certain([0, 0, 10, 0, 1e300, 10, 0, 10, 0, 0]))
    }

    /// Thousands of random rings of every kind, valid and not, long and short (the long ones
    /// go through the sweep): the proof never contradicts GEOS, and proves most of the
    /// star-shaped (simple) ones.
    @Test func randomRingsAgreeWithGEOS() throws {
        var random = SeededRandom(seed: 31)
        var starProved = 0, stars = 0, anyProved = 0
        for round in 0..<6000 {
            let n = [3, 4, 5, 8, 16, 24, 60, 200][round % 8]
            let origin = round % 3 == 0 ? (39_500_000.0, 4_000_000.0) : (0.0, 0.0)
            var points: [(Double, Double)] = []
            switch round % 5 {
            case 0, 1:  // star-shaped around the origin: simple (a few angles coincide and make spikes)
                let angles = (0..<n).map { _ in random.unit() * 2 * .pi }.sorted()
                points = angles.map { angle in
                    let radius = 20 + 80 * random.unit()
                    return (origin.0 + cos(angle) * radius, origin.1 + sin(angle) * radius)
                }
            case 2:  // any points: mostly self-intersecting
                points = (0..<n).map { _ in (origin.0 + 100 * random.unit(), origin.1 + 100 * random.unit()) }
            case 3:  // on a coarse grid: collinear runs, touching vertices, repeated points
                points = (0..<n).map { _ in (origin.0 + Double(Int(random.unit() * 4)), origin.1 + Double(Int(random.unit() * 4))) }
            default:  // a star with vertices pulled onto neighbours' lines or onto each other
                let angles = (0..<n).map { Double($0) / Double(n) * 2 * .pi }
                points = angles.map { (origin.0 + cos($0) * 50, origin.1 + sin($0) * 50) }
                for _ in 0..<max(1, n / 4) {
                    let i = Int(random.unit() * Double(n)), j = Int(random.unit() * Double(n))
                    let t = random.unit()
                    let (p, q) = (points[j], points[(j + 1) % n])
                    points[i] = random.unit() < 0.5 ? (p.0 + t * (q.0 - p.0), p.1 + t * (q.1 - p.1)) : p
                }
            }
            let proved = try Self.agrees(Self.xy(points), Comment(rawValue: "round \(round): \(points)"))
            if proved { anyProved += 1 }
            // Sorted angles give a simple ring unless a gap between them exceeds a half turn.
            if round % 5 <= 1, try Self.polygon(Self.xy(points)).isValid {
                stars += 1
                if proved { starProved += 1 }
            }
        }
        #expect(stars > 1000)
        #expect(starProved > stars * 99 / 100, "proved \(starProved) of \(stars) valid star-shaped rings")
        #expect(anyProved < 6000)
    }

    /// Every ring of the sample's parcels and of the real shapefiles in shared/data (each ring
    /// taken as a polygon of its own): never proved simple where GEOS says invalid.
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func everyRingOfRealFilesAgreesWithGEOS() throws {
        let files = ["\(checkoutRoot)/Shapefiles/DLTB.shp"] + [
            "shapefiles/pyshp/blockgroups.shp", "shapefiles/pyshp/merge.shp", "shapefiles/sf/nc.shp",
            "shapefiles/fiona/coutwildrnp.shp", "shapefiles/naturalearth/naturalearth_lowres.shp",
            "shapefiles/china-outline/country.shp",
        ].map(SharedData.path)
        for file in files {
            var rings = 0, proved = 0, invalid = 0
            for ring in try Self.polygonRings(file) where ring.count >= 8 && ring[0] == ring[ring.count - 2] && ring[1] == ring[ring.count - 1] {
                rings += 1
                let shape = try Self.polygon(ring)
                if !shape.isValid { invalid += 1 }
                if try Self.agrees(ring, Comment(rawValue: "\(file), ring \(rings)")) { proved += 1 }
            }
            #expect(rings > 0, "\(file)")
            // Most real rings are simple and proved; the parcels of the sample all are.
            #expect(proved > (rings - invalid) / 2, "\(file): \(proved) of \(rings) rings proved, \(invalid) invalid")
            if file.hasSuffix("DLTB.shp") { #expect(proved == rings) }
        }
    }

    /// The rings of a polygon .shp, read here byte by byte (independently of the readers).
    static func polygonRings(_ path: String) throws -> [[Double]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        func int(_ at: Int, big: Bool) -> Int {
            let raw = data.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: UInt32.self) }
            return Int(Int32(bitPattern: big ? UInt32(bigEndian: raw) : UInt32(littleEndian: raw)))
        }
        func double(_ at: Int) -> Double {
            Double(bitPattern: UInt64(littleEndian: data.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: UInt64.self) }))
        }
        var rings: [[Double]] = []
        var offset = 100
        while offset + 8 <= data.count {
            let length = int(offset + 4, big: true) * 2, content = offset + 8
            if length >= 44, [5, 15, 25].contains(int(content, big: false)) {
                let parts = int(content + 36, big: false), points = int(content + 40, big: false)
                let starts = (0..<parts).map { int(content + 44 + 4 * $0, big: false) } + [points]
                let base = content + 44 + 4 * parts
                for part in 0..<parts where starts[part] < starts[part + 1] && starts[part + 1] <= points {
                    rings.append((starts[part]..<starts[part + 1]).flatMap { [double(base + 16 * $0), double(base + 16 * $0 + 8)] })
                }
            }
            offset = content + length
        }
        return rings
    }
}

