import Testing
import ZoningAnalysis
import ZoningGeometry
import ZoningProjection

@Suite struct CRSEvidenceTests {
    let cgcs2000 = try! CoordinateReferenceSystem("EPSG:4490")
    /// Zone 40 (central meridian 120°E), eastings prefixed with 40.
    let zone40 = try! CoordinateReferenceSystem("EPSG:4528")
    /// Zones 39 and 40 with plain eastings.
    let plain39 = try! CoordinateReferenceSystem("EPSG:4548")
    let plain40 = try! CoordinateReferenceSystem("EPSG:4549")

    /// A 40 km × 20 km stretch astride 120°E around 36.2°N, in plain zone-40 eastings.
    let plainVillages = Bounds(minX: 480_000, minY: 4_010_000, maxX: 520_000, maxY: 4_030_000)
    /// The land use over the same ground in EPSG:4528: the same zone, so x + 40 000 000.
    let landUse = Bounds(minX: 40_495_000, minY: 4_015_000, maxX: 40_505_000, maxY: 4_025_000)

    /// Degrees in China are CGCS2000 geographic.
    @Test func degreesImplyCGCS2000() throws {
        let implied = try #require(CRSEvidence.implied(by: Bounds(minX: 119.8, minY: 35.9, maxX: 120.3, maxY: 36.4)))
        #expect(implied.crs.epsg == 4490)
        #expect(implied.reason.contains("degrees"))
    }

    /// Eastings of 40 480 000…40 520 000 carry zone 40 in front: EPSG:4528.
    @Test func prefixedEastingsImplyTheirZone() throws {
        let implied = try #require(CRSEvidence.implied(by: Bounds(minX: 40_480_000, minY: 4_010_000, maxX: 40_520_000, maxY: 4_030_000)))
        #expect(implied.crs.epsg == 4528)
        #expect(implied.reason.contains("40"))
        // Zone 39's prefix: EPSG:4527.
        #expect(CRSEvidence.implied(by: Bounds(minX: 39_480_000, minY: 4_010_000, maxX: 39_520_000, maxY: 4_030_000))?.crs.epsg == 4527)
    }

    /// Plain eastings fit every zone alike: the coordinates alone say nothing.
    @Test func plainEastingsImplyNothing() {
        #expect(CRSEvidence.implied(by: plainVillages) == nil)
        // Nor do eastings straddling two zones' prefixes.
        #expect(CRSEvidence.implied(by: Bounds(minX: 39_800_000, minY: 4_010_000, maxX: 40_200_000, maxY: 4_030_000)) == nil)
    }

    /// The hand-stated offset between plain and prefixed eastings of one zone holds in PROJ,
    /// so `landUse` lies over `plainVillages`.
    @Test func prefixedIsPlainPlusFortyMillion() throws {
        let moved = try CoordinateTransform(from: plain40, to: zone40).apply(Coordinate(x: 500_000, y: 4_020_000))
        #expect(abs(moved.x - 40_500_000) < 1e-6 && abs(moved.y - 4_020_000) < 1e-6)
    }

    /// Of all CGCS2000 systems, only plain zone 40 puts the plain-easting villages over the
    /// land use: zone 39 would put them about 270 km west (3° of longitude at 36°N).
    @Test func candidatesAreTheZonesThatPutTheLayerOverTheLandUse() throws {
        let candidates = CRSEvidence.candidates(for: plainVillages, over: landUse, in: zone40)
        #expect(candidates.map(\.epsg) == [4549])
        #expect(!candidates.contains(plain39))
        // The same with the land use in degrees (x = 500 000 is 120°E in zone 40; y ≈ 36.2°N).
        let landUseDegrees = Bounds(minX: 119.95, minY: 36.1, maxX: 120.05, maxY: 36.3)
        #expect(CRSEvidence.candidates(for: plainVillages, over: landUseDegrees, in: cgcs2000).map(\.epsg) == [4549])
        // Degrees can only be geographic.
        #expect(CRSEvidence.candidates(for: Bounds(minX: 119.95, minY: 36.1, maxX: 120.05, maxY: 36.3), over: landUse, in: zone40).map(\.epsg) == [4490])
    }

    /// A layer nowhere near the land use has no candidates.
    @Test func noCandidatesFarAway() {
        let faraway = Bounds(minX: 480_000, minY: 2_500_000, maxX: 520_000, maxY: 2_520_000)  // about 22.6°N
        #expect(CRSEvidence.candidates(for: faraway, over: landUse, in: zone40).isEmpty)
    }

    /// x and y exchanged: the extent lies over the land use once they are swapped back.
    @Test func diagnosesSwappedAxes() {
        let swapped = Bounds(minX: landUse.minY, minY: landUse.minX, maxX: landUse.maxY, maxY: landUse.maxX)
        let text = CRSEvidence.diagnosis(extent: swapped, declared: zone40, target: landUse, in: zone40, setting: { "layers.villages.crs: \($0)" })
        #expect(text.contains("swapped"), "\(text)")
    }

    /// Degrees declared as a Gauss–Krüger zone: the fix is EPSG:4490.
    @Test func diagnosesDegreesDeclaredAsMetres() {
        let degrees = Bounds(minX: 119.95, minY: 36.1, maxX: 120.05, maxY: 36.3)
        let text = CRSEvidence.diagnosis(extent: degrees, declared: zone40, target: landUse, in: zone40, setting: { "layers.villages.crs: \($0)" })
        #expect(text.contains("degrees") && text.contains("EPSG:4528") && text.contains("layers.villages.crs: EPSG:4490"), "\(text)")
    }

    /// Metres declared as degrees: the fix is a Gauss–Krüger zone.
    @Test func diagnosesMetresDeclaredAsDegrees() {
        let text = CRSEvidence.diagnosis(extent: landUse, declared: cgcs2000, target: landUse, in: zone40, setting: { "layers.villages.crs: \($0)" })
        #expect(text.contains("metres") && text.contains("EPSG:4490 is in degrees"), "\(text)")
    }

    /// Plain zone-40 eastings declared as zone 39: the fix names zone 40, EPSG:4549.
    @Test func diagnosesTheWrongZone() {
        let text = CRSEvidence.diagnosis(extent: plainVillages, declared: plain39, target: landUse, in: zone40, setting: { "layers.villages.crs: \($0)" })
        #expect(text.contains("EPSG:4549") && text.contains("not EPSG:4548") && text.hasSuffix("layers.villages.crs: EPSG:4549"), "\(text)")
    }

    /// Coordinates no CRS puts over the land use: the text says where they lie.
    @Test func diagnosesALayerElsewhere() {
        let faraway = Bounds(minX: 40_480_000, minY: 2_500_000, maxX: 40_520_000, maxY: 2_520_000)
        let text = CRSEvidence.diagnosis(extent: faraway, declared: zone40, target: landUse, in: zone40, setting: { "layers.villages.crs: \($0)" })
        #expect(text.contains("elsewhere in EPSG:4528"), "\(text)")
    }

    /// Touching extents overlap; disjoint ones do not.
    @Test func overlapsCountsTouching() {
        let a = Bounds(minX: 0, minY: 0, maxX: 1, maxY: 1)
        #expect(CRSEvidence.overlaps(a, Bounds(minX: 1, minY: 1, maxX: 2, maxY: 2)))
        #expect(!CRSEvidence.overlaps(a, Bounds(minX: 1.001, minY: 0, maxX: 2, maxY: 1)))
    }
}
