import Testing
import ZoningProjection

/// Reference pairs from the README of wandergis/coordtransform, the implementation most
/// Chinese GIS code follows.
@Suite struct WebMapDatumTests {
    @Test func publishedForwardValues() {
        let gcj = WebMapDatum.gcj02.fromWGS84(longitude: 116.404, latitude: 39.915)
        #expect(abs(gcj.longitude - 116.41024449916938) < 1e-12)
        #expect(abs(gcj.latitude - 39.91640428150164) < 1e-12)
        let bd = WebMapDatum.bd09.fromWGS84(longitude: 116.404, latitude: 39.915)
        #expect(abs(bd.longitude - 116.41662724378733) < 1e-12)
        #expect(abs(bd.latitude - 39.922699552216216) < 1e-12)
    }

    @Test func inverseRecoversThePublishedInput() {
        let wgs = WebMapDatum.gcj02.toWGS84(longitude: 116.41024449916938, latitude: 39.91640428150164)
        #expect(abs(wgs.longitude - 116.404) < 1e-9 && abs(wgs.latitude - 39.915) < 1e-9)
        let fromBaidu = WebMapDatum.bd09.toWGS84(longitude: 116.41662724378733, latitude: 39.922699552216216)
        #expect(abs(fromBaidu.longitude - 116.404) < 1e-9 && abs(fromBaidu.latitude - 39.915) < 1e-9)
    }

    /// Round trip across Shandong, every 0.1°: back within 0.01 m (1e-7° ≈ 1 cm; we ask 1e-8°).
    @Test(arguments: WebMapDatum.allCases)
    func roundTripAcrossShandong(datum: WebMapDatum) {
        var worst = 0.0
        for i in 0...80 {
            for j in 0...50 {
                let lon = 114.8 + Double(i) * 0.1, lat = 34.3 + Double(j) * 0.1
                let there = datum.fromWGS84(longitude: lon, latitude: lat)
                let back = datum.toWGS84(longitude: there.longitude, latitude: there.latitude)
                worst = max(worst, abs(back.longitude - lon), abs(back.latitude - lat))
            }
        }
        #expect(worst < 1e-8)
    }

    @Test func offsetInShandongIsHundredsOfMetres() {
        // Jinan: GCJ-02 moves points by a few hundred metres (1e-3° ≈ 90–110 m here).
        let gcj = WebMapDatum.gcj02.fromWGS84(longitude: 117.0, latitude: 36.65)
        let dx = (gcj.longitude - 117.0) * 89_500, dy = (gcj.latitude - 36.65) * 111_000
        #expect((100...1000).contains((dx * dx + dy * dy).squareRoot()))
    }

    @Test func outsideChinaIsUnchanged() {
        for datum in WebMapDatum.allCases {
            let paris = datum.fromWGS84(longitude: 2.35, latitude: 48.85)
            #expect(paris.longitude == 2.35 && paris.latitude == 48.85)
            let back = datum.toWGS84(longitude: 2.35, latitude: 48.85)
            #expect(back.longitude == 2.35 && back.latitude == 48.85)
        }
    }

    @Test func names() {
        #expect(WebMapDatum(name: "gcj02") == .gcj02)
        #expect(WebMapDatum(name: "GCJ-02") == .gcj02)
        #expect(WebMapDatum(name: "BD09") == .bd09)
        #expect(WebMapDatum(name: "bd-09") == .bd09)
        #expect(WebMapDatum(name: "WGS84") == nil)
    }
}
