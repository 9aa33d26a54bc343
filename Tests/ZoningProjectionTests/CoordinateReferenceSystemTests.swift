import Foundation
import Testing
@testable import ZoningProjection
import ZoningTestSupport

@Suite struct CoordinateReferenceSystemTests {
    /// The .prj that ArcGIS writes for CGCS2000 3-degree zone 40 with the zone prefix.
    static let esriZone40 = #"PROJCS["CGCS2000_3_Degree_GK_Zone_40",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",40500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#

    @Test func epsgCodes() throws {
        let gk = try CoordinateReferenceSystem("EPSG:4528")
        #expect(gk.name == "CGCS2000 / 3-degree Gauss-Kruger zone 40")
        #expect(gk.epsg == 4528 && !gk.isGeographic)
        let geographic = try CoordinateReferenceSystem("EPSG:4490")
        #expect(geographic.name == "China Geodetic Coordinate System 2000")
        #expect(geographic.isGeographic && geographic.shortDescription == "EPSG:4490")
    }

    @Test func esriWKTIsIdentified() throws {
        let fromPrj = try CoordinateReferenceSystem(Self.esriZone40)
        #expect(fromPrj.epsg == 4528)
        #expect(!fromPrj.isGeographic)
    }

    @Test func projStringWithoutCodeHasNoEPSG() throws {
        let crs = try CoordinateReferenceSystem("+proj=tmerc +lon_0=117 +k=1 +x_0=500000 +ellps=GRS80 +units=m +type=crs")
        #expect(!crs.isGeographic)
        #expect(crs.epsg == nil)
        #expect(crs.shortDescription == crs.name)
    }

    @Test func badDefinitionsThrow() {
        #expect(throws: ProjectionError.unknownCRS(definition: "EPSG:999999", message: "proj_create: crs not found")) {
            try CoordinateReferenceSystem("EPSG:999999")
        }
        #expect(throws: ProjectionError.self) { try CoordinateReferenceSystem("") }
        #expect(throws: ProjectionError.notACRS(definition: "+proj=utm +zone=50", kind: "coordinate operation")) {
            try CoordinateReferenceSystem("+proj=utm +zone=50")
        }
    }

    /// A .prj holds WKT or PROJJSON; a name, a code or damaged bytes are refused before PROJ
    /// searches its database for them as a name.
    @Test func prjTextMustBeWKTOrPROJJSON() throws {
        // A byte-order mark and blank lines around the WKT are what editors leave.
        #expect(try CoordinateReferenceSystem(prj: "\u{FEFF}\n " + Self.esriZone40 + "\r\n").epsg == 4528)
        #expect(try CoordinateReferenceSystem(prj: CoordinateReferenceSystem("EPSG:4490").projJSON()).epsg == 4490)
        #expect(try CoordinateReferenceSystem(prj: "GEOGCS [\"WGS 84\", DATUM[\"WGS_1984\", SPHEROID[\"WGS 84\",6378137,298.257223563]], PRIMEM[\"Greenwich\",0], UNIT[\"degree\",0.0174532925199433]]").isGeographic)
        for text in ["CGCS2000", "EPSG:4528", "+proj=longlat +ellps=GRS80 +type=crs", "\u{1}\u{7F}PROJCS", "[PROJCS]", "3PROJCS[]", ""] {
            #expect(throws: ProjectionError.self) { try CoordinateReferenceSystem(prj: text) }
            #expect { try CoordinateReferenceSystem(prj: text) } throws: { "\($0)".contains("a .prj holds WKT") }
        }
        // The same texts are CRSs PROJ knows when given as a definition.
        #expect(try CoordinateReferenceSystem("EPSG:4528").epsg == 4528)
        // Damaged WKT gets as far as PROJ, whose reason is passed on.
        #expect { try CoordinateReferenceSystem(prj: "GEOGCS[nonsense") } throws: { !"\($0)".contains("a .prj holds WKT") }
    }

    /// PROJ's refusal of a text is remembered like its answers, so that the commands reading a
    /// damaged .prj again do not search PROJ's database again.
    @Test func refusalsAreRemembered() throws {
        let text = "GEOGCS[\"zoning test \(UUID().uuidString)\""
        #expect(CoordinateReferenceSystem.known.value(for: text) == nil)
        #expect(throws: ProjectionError.self) { try CoordinateReferenceSystem(text) }
        let remembered = try #require(CoordinateReferenceSystem.known.value(for: text))
        #expect(throws: ProjectionError.self) { try remembered.get() }
        #expect(throws: ProjectionError.self) { try CoordinateReferenceSystem(text) }
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func realPrjFilesFromSharedData() throws {
        let data = SharedData.self
        // sf's nc.shp is documented as NAD27 (EPSG:4267); Fiona's coutwildrnp as WGS 84.
        #expect(try CoordinateReferenceSystem(contentsOf: data.path("shapefiles/sf/nc.prj")).epsg == 4267)
        #expect(try CoordinateReferenceSystem(contentsOf: data.path("shapefiles/fiona/coutwildrnp.prj")).epsg == 4326)
        #expect(throws: ProjectionError.self) {
            try CoordinateReferenceSystem(contentsOf: data.path("shapefiles/fiona/no-such.prj"))
        }
    }
}

@Suite struct CoordinateReferenceSystemDetailsTests {
    /// The WKT is remembered per dialect: asking for ESRI WKT first does not answer WKT2.
    @Test func wktIsRememberedByDialect() throws {
        let crs = try CoordinateReferenceSystem("EPSG:4549")
        let esri = try crs.esriWKT()
        let wkt2 = try crs.wkt2()
        #expect(esri.hasPrefix("PROJCS[\"CGCS2000_3_Degree_GK_CM_120E\"") && wkt2.hasPrefix("PROJCRS["))
        #expect(try crs.esriWKT() == esri && crs.wkt2() == wkt2)
    }

    @Test func esriWKTRoundTripsTheCode() throws {
        let zone40 = try CoordinateReferenceSystem("EPSG:4528")
        let esri = try zone40.esriWKT()
        #expect(esri.hasPrefix("PROJCS[\"CGCS2000_3_Degree_GK_Zone_40\""))
        #expect(try CoordinateReferenceSystem(esri).epsg == 4528)
        #expect(try zone40.wkt2().hasPrefix("PROJCRS[\"CGCS2000 / 3-degree Gauss-Kruger zone 40\""))
    }

    @Test func projJSONRoundTrips() throws {
        let json = try CoordinateReferenceSystem("EPSG:4549").projJSON()
        #expect(json.contains("\"type\": \"ProjectedCRS\""))
        let again = try CoordinateReferenceSystem(json)
        #expect(again.epsg == 4549 && again.name == "CGCS2000 / 3-degree Gauss-Kruger CM 120E")
    }

    @Test func unitsEllipsoidAndBase() throws {
        let zone40 = try CoordinateReferenceSystem("EPSG:4528")
        #expect(zone40.unitName == "metre")
        #expect(zone40.ellipsoid.semiMajorAxis == 6_378_137)
        #expect(abs(zone40.ellipsoid.inverseFlattening - 298.257222101) < 1e-9)
        #expect(try zone40.geographic().epsg == 4490)
        let geographic = try CoordinateReferenceSystem("EPSG:4490")
        #expect(geographic.unitName == "degree")
        #expect(try geographic.geographic() == geographic)
    }

    @Test func areaOfUseOfZone40IsItsStrip() throws {
        let area = try #require(try CoordinateReferenceSystem("EPSG:4528").areaOfUse)
        #expect(area.west == 118.5 && area.east == 121.5)
        #expect(area.name.contains("China"))
    }

    @Test func webMapSystems() throws {
        let gcj = try CoordinateReferenceSystem("gcj-02")
        #expect(gcj.webMapDatum == .gcj02 && gcj.isGeographic && gcj.epsg == nil)
        #expect(gcj.definition == "GCJ-02")
        #expect(try gcj.geographic().epsg == 4326)
        #expect(throws: ProjectionError.self) { try gcj.esriWKT() }
        #expect(try CoordinateReferenceSystem("BD09").webMapDatum == .bd09)
    }
}
