import Foundation
import Testing
import ZoningGeometry

@Suite struct BufferTests {
    @Test func pointBufferIsRegularPolygon() throws {
        // 8 segments per quadrant → a regular 32-gon inscribed in the circle:
        // area = (n/2)·r²·sin(2π/n) = 16·r²·sin(π/16).
        let r = 500.0
        let area = try Geometry.point(x: 0, y: 0).buffer(r).area
        #expect(abs(area - 16 * r * r * sin(Double.pi / 16)) < 1e-6)
        let coarse = try Geometry.point(x: 0, y: 0).buffer(r, style: BufferStyle(quadrantSegments: 1)).area
        #expect(abs(coarse - 2 * r * r) < 1e-6)  // a square with diagonal 2r
    }

    @Test func flatCapBufferOfLineIsRectangle() throws {
        let line = try Geometry(wkt: "LINESTRING(0 0, 100 0)")
        #expect(try line.buffer(10, style: BufferStyle(cap: .flat)).area == 2000)
        #expect(try line.buffer(10, style: BufferStyle(cap: .square)).area == 120 * 20)
    }

    @Test func mitreJoinKeepsSquareCorners() throws {
        let square = try Geometry(wkt: Fixture.square)
        #expect(try square.buffer(1, style: BufferStyle(join: .mitre)).area == 144)
        // Bevelled corners cut a right triangle with legs 1 from each of the 4 corners.
        #expect(try square.buffer(1, style: BufferStyle(join: .bevel)).area == 144 - 4 * 0.5)
    }

    @Test func negativeBufferShrinks() throws {
        #expect(try Geometry(wkt: Fixture.square).buffer(-2, style: BufferStyle(join: .mitre)).area == 36)
        #expect(try Geometry(wkt: Fixture.square).buffer(-6).isEmpty)
    }

    @Test func refusesBadArguments() throws {
        let p = Geometry.point(x: 0, y: 0)
        #expect(throws: GEOSError.self) { try p.buffer(.nan) }
        #expect(throws: GEOSError.self) { try p.buffer(1, style: BufferStyle(quadrantSegments: 0)) }
    }
}
