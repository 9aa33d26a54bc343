import Foundation
import Testing
import ZoningGeometry
import ZoningLayers
import ZoningProjection
import ZoningSample
import ZoningSupport
import ZoningTestSupport

/// A small county (n = 4: 1 920 parcels) written once for the suite.
final class SmallCounty: @unchecked Sendable {
    static let shared = SmallCounty()
    let folder: TemporaryFolder
    let county: SampleCounty

    private init() {
        folder = try! TemporaryFolder()
        county = try! SampleCounty.generate(seed: 7, parcels: 2000)
        try! SampleWriter.write(county, to: folder.path)
    }
}

@Suite struct SampleCountyTests {
    let small = SmallCounty.shared

    /// The county's outer vertices are not moved, so the parcels must cover exactly its
    /// 36 km × 30 km rectangle: plane areas sum to 1.08e9 m², and nothing overlaps.
    @Test func parcelsTileTheCountyExactly() throws {
        let parcels = try features("DLTB.shp")
        #expect(parcels.count == 1920)
        let total = parcels.reduce(0) { $0 + ($1.geometry?.area ?? 0) }
        #expect(abs(total - 36_000 * 30_000) < 1e-3)
        let union = try Geometry.coverageUnion(parcels.compactMap(\.geometry))
        #expect(abs(union.area - total) < 1e-3)  // overlaps would make the union smaller
        #expect(parcels.allSatisfy { $0.geometry?.isValid == true })
        // Villages and townships tile the same rectangle.
        #expect(abs(try features("villages.shp").reduce(0) { $0 + ($1.geometry?.area ?? 0) } - total) < 1e-3)
        #expect(abs(try features("townships.shp").reduce(0) { $0 + ($1.geometry?.area ?? 0) } - total) < 1e-3)
    }

    /// Irregular parcels (`--irregular`) still tile the county exactly — the bent edges are
    /// shared by the parcels on both sides — each is valid with 8–24 vertices (4 corners and
    /// 1–5 bends on each of 4 edges; border edges stay straight), and they are not the
    /// lattice's quadrilaterals: the same cells with more vertices, the same designed classes.
    @Test func irregularParcelsTileTheCountyExactly() throws {
        let irregular = try SampleCounty.generate(seed: 7, parcels: 2000, shapes: .irregular)
        let lattice = small.county
        #expect(irregular.parcels.count == lattice.parcels.count)
        let geometries = irregular.parcels.map(\.geometry)
        let total = geometries.reduce(0) { $0 + $1.area }
        #expect(abs(total - 36_000 * 30_000) < 1e-3)
        let union = try Geometry.coverageUnion(geometries)
        #expect(abs(union.area - total) < 1e-3)
        #expect(geometries.allSatisfy { $0.isValid })
        let vertices = try geometries.map { try $0.exteriorRing.coordinates.count - 1 }
        #expect(vertices.allSatisfy { (4...24).contains($0) })
        #expect(Double(vertices.reduce(0, +)) / Double(vertices.count) > 12)  // 4 + 4 × 3 on average inside the county
        #expect(vertices.filter { $0 >= 8 }.count > vertices.count * 9 / 10)  // all but the border's
        #expect(irregular.villages.map(\.designedClass) == lattice.villages.map(\.designedClass))
        // Each village is its parcels' union, so villages tile the county too.
        #expect(abs(irregular.villages.reduce(0) { $0 + $1.geometry.area } - total) < 1e-3)
    }

    /// Each parcel's ZLDWDM starts with the 12-digit code of the village unit containing it,
    /// found by location; each village's code starts with its township's.
    @Test func codesNestByLocation() throws {
        let villages = try features("villages.shp")
        let index = try SpatialIndex(villages.compactMap(\.geometry))
        for parcel in try features("DLTB.shp") {
            let inside = try parcel.geometry!.pointOnSurface()
            let found = try index.query(inside, predicate: .coveredBy)
            #expect(found.count == 1)
            let code = villages[found[0]].attributes[0].stringValue ?? ""
            #expect(parcel.attributes[4].stringValue == code + "0000000")
        }
        let townships = try features("townships.shp")
        for village in villages {
            let inside = try village.geometry!.pointOnSurface()
            let township = try #require(try townships.first { try $0.geometry!.covers(inside) })
            #expect(village.attributes[0].stringValue?.hasPrefix(township.attributes[0].stringValue ?? "-") == true)
        }
    }

    /// TBMJ is the toolkit's ellipsoidal (geodesic) area to 0.01 m²; TBDLMJ = TBMJ − KCMJ. The
    /// survey's own trapezoid series agrees within 2·10⁻⁵: on this small county's 750 m edges a
    /// geodesic and a straight line in B, L enclose slightly different areas (far inside the
    /// 0.01% to which sums must reconcile with TBMJ).
    @Test func tbmjIsTheEllipsoidalArea() throws {
        let crs = try CoordinateReferenceSystem("EPSG:4528")
        let toGeographic = try CoordinateTransform(from: crs, to: CoordinateReferenceSystem("EPSG:4490"))
        var worst = 0.0
        for parcel in try features("DLTB.shp") {
            let lonLat = try toGeographic.apply(to: parcel.geometry!)
            let tbmj = try #require(parcel.attributes[6].doubleValue), kcmj = try #require(parcel.attributes[7].doubleValue)
            #expect(abs(tbmj - (try Geodesic().area(ofLonLat: lonLat))) <= 0.01)
            worst = max(worst, abs(tbmj - (try SurveyArea().area(ofLonLat: lonLat))) / tbmj)
            #expect(abs(parcel.attributes[8].doubleValue! - (tbmj - kcmj)) < 0.006)
        }
        #expect(worst < 2e-5)
    }

    @Test func encodingsAreAsDelivered() throws {
        let dltb = try ShapefileLayerReader(path: small.folder.file("DLTB.shp"))
        #expect(dltb.encoding.encoding == .gbk)
        guard case .detected = dltb.encoding.source else { Issue.record("DLTB's encoding should be detected"); return }
        #expect(!small.folder.contents.contains("DLTB.cpg"))
        for name in ["villages", "townships", "seats", "facilities"] {
            #expect(try ShapefileLayerReader(path: small.folder.file("\(name).shp")).encoding.source == .codePageFile("UTF-8"))
        }
    }

    /// The web-map CSV, converted back from GCJ-02, lands on the facilities within 0.2 m
    /// (its 6 decimals of a degree are about 0.1 m).
    @Test func webMapFacilitiesLandOnTheTruePositions() throws {
        let facilities = try features("facilities.shp")
        let scraped = try CSVPointReader(path: small.folder.file("facilities-gcj02.csv"), options: .init(crs: CoordinateReferenceSystem("GCJ02")))
        let back = try CoordinateTransform(from: CoordinateReferenceSystem("GCJ02"), to: CoordinateReferenceSystem("EPSG:4528"))
        var points: [Coordinate] = []
        try scraped.forEach { points.append(try back.apply($0.geometry!.coordinates[0])) }
        #expect(points.count == facilities.count)
        for (point, facility) in zip(points, facilities) {
            let truth = try facility.geometry!.coordinates[0]
            #expect(abs(point.x - truth.x) < 0.2 && abs(point.y - truth.y) < 0.2)
        }
    }

    @Test func sameSeedSameBytesOtherSeedOtherLayout() throws {
        let again = try TemporaryFolder()
        try SampleWriter.write(try SampleCounty.generate(seed: 7, parcels: 2000), to: again.path)
        #expect(again.contents == small.folder.contents)
        for name in small.folder.contents {
            #expect(FileManager.default.contents(atPath: again.file(name)) == FileManager.default.contents(atPath: small.folder.file(name)), "\(name)")
        }
        let other = try TemporaryFolder()
        try SampleWriter.write(try SampleCounty.generate(seed: 8, parcels: 2000), to: other.path)
        #expect(FileManager.default.contents(atPath: other.file("DLTB.shp")) != FileManager.default.contents(atPath: small.folder.file("DLTB.shp")))
    }

    /// The design's settlements: the city core holds 201 parcels around the city seat, the
    /// industrial units 201A, and every seat lies in construction land of its own core.
    @Test func seatsSitInTheirCores() throws {
        let parcels = try features("DLTB.shp")
        let index = try SpatialIndex(parcels.compactMap(\.geometry))
        for seat in try features("seats.shp") {
            let holding = try index.query(seat.geometry!, predicate: .coveredBy)
            #expect(!holding.isEmpty)
            let czcsxm = parcels[holding[0]].attributes[3].stringValue
            let kind = seat.attributes[1].stringValue
            #expect(czcsxm == ["city": "201", "subdistrict": "201", "town": "202", "xiang": "203"][kind ?? ""], "\(kind ?? "?")")
        }
        #expect(parcels.contains { $0.attributes[3].stringValue == "201A" })
    }

    func features(_ name: String) throws -> [Feature] {
        var result: [Feature] = []
        try ShapefileLayerReader(path: small.folder.file(name)).forEach { result.append($0) }
        return result
    }
}
