import Testing
import ZoningProjection

@Suite struct GaussKrugerTests {
    @Test func zonesForLongitudes() {
        #expect(GaussKruger.zone(longitude: 117.0) == 39)
        #expect(GaussKruger.zone(longitude: 118.4999) == 39)
        #expect(GaussKruger.zone(longitude: 118.5) == 40)  // a strip includes its western edge
        #expect(GaussKruger.zone(longitude: 114.8) == 38)  // Shandong's west
        #expect(GaussKruger.zone(longitude: 122.7) == 41)  // Shandong's east
        #expect(GaussKruger.zone(longitude: 10) == nil)
        #expect(GaussKruger.zone(west: 115.2, east: 116.0) == 39)
        #expect(GaussKruger.centralMeridian(zone: 40) == 120)
    }

    @Test func shandongCodesFromTheDomainSpec() {
        #expect((38...41).compactMap { GaussKruger.epsg(zone: $0, prefixed: true) } == [4526, 4527, 4528, 4529])
        #expect((38...41).compactMap { GaussKruger.epsg(zone: $0, prefixed: false) } == [4547, 4548, 4549, 4550])
        #expect(GaussKruger.epsg(zone: 24, prefixed: true) == nil)
    }

    /// Every code's zone agrees with PROJ's own name for it: "… zone 40" for the prefixed
    /// family, "… CM 120E" for the plain one.
    @Test func codesAgreeWithPROJNames() throws {
        for zone in GaussKruger.zones {
            let prefixed = try CoordinateReferenceSystem("EPSG:\(GaussKruger.epsg(zone: zone, prefixed: true)!)")
            #expect(prefixed.name == "CGCS2000 / 3-degree Gauss-Kruger zone \(zone)")
            let plain = try CoordinateReferenceSystem("EPSG:\(GaussKruger.epsg(zone: zone, prefixed: false)!)")
            #expect(plain.name == "CGCS2000 / 3-degree Gauss-Kruger CM \(zone * 3)E")
            #expect(GaussKruger.zone(epsg: prefixed.epsg!)! == (zone, true))
            #expect(GaussKruger.zone(epsg: plain.epsg!)! == (zone, false))
        }
        #expect(GaussKruger.zone(epsg: 4490) == nil)
    }

    @Test func prefixedEastings() {
        #expect(GaussKruger.prefixedZone(easting: 40_512_345.6) == 40)
        #expect(GaussKruger.prefixedZone(easting: 39_250_000) == 39)
        #expect(GaussKruger.prefixedZone(easting: 512_345.6) == nil)   // plain
        #expect(GaussKruger.prefixedZone(easting: 40_950_000) == nil)  // 450 km off the meridian
        #expect(GaussKruger.prefixedZone(easting: 3_950_000) == nil)   // a northing, not an easting
        #expect(GaussKruger.prefixedZone(minX: 40_400_000, maxX: 40_600_000) == 40)
        #expect(GaussKruger.prefixedZone(minX: 39_700_000, maxX: 40_300_000) == nil)
    }

    /// A damaged .shx header can claim an extent of 1e300: no zone, and no integer overflow.
    @Test func hugeEastingsNameNoZone() {
        #expect(GaussKruger.prefixedZone(easting: 1e300) == nil && GaussKruger.prefixedZone(easting: .infinity) == nil)
        #expect(GaussKruger.prefixedZone(minX: -1e300, maxX: 1e300) == nil)
    }
}
