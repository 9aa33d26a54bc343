import ArgumentParser
import Foundation
import ZoningLayers
import ZoningProjection

/// `zoning reproject IN OUT --dst-crs CRS`: a shapefile in another coordinate system.
public struct Reproject: ParsableCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Reproject a shapefile into another coordinate reference system.",
        discussion: """
            Only coordinates change: attributes (.dbf, .cpg) are copied byte for byte and
            the .prj is written as ESRI WKT. CRSs are given as EPSG:NNNN, WKT, PROJJSON, a
            PROJ string, or GCJ02 / BD09 for web-map longitude/latitude (as a source only:
            such data has no .prj). The output appears only when complete; inputs are
            never overwritten.

            Examples:
              zoning reproject DLTB.shp DLTB_plain.shp --dst-crs EPSG:4549
              zoning reproject old.shp new.shp --src-crs EPSG:4528 --dst-crs EPSG:4490
            """)

    @Argument(help: "The shapefile to read.")
    var input: String

    @Argument(help: "The shapefile to write (name.shp).")
    var output: String

    @Option(name: .customLong("dst-crs"), help: "The coordinate system to write, e.g. EPSG:4549.")
    var targetCRS: String

    @Option(name: .customLong("src-crs"), help: "The input's coordinate system, overriding its .prj (needed when there is none).")
    var sourceCRS: String?

    @Flag(help: "Replace the output if it exists.")
    var overwrite = false

    @Flag(name: [.short, .long], help: "Print nothing but errors.")
    var quiet = false

    public init() {}

    public func run() throws {
        let target = try CoordinateReferenceSystem(targetCRS)
        let source = try sourceCRS.map { try CoordinateReferenceSystem($0) }
        let summary = try ShapefileReprojection.run(
            input: input, output: output, target: target, source: source, overwrite: overwrite)
        if !quiet {
            print("Reprojected \(summary.records) records from \(summary.source.shortDescription) to \(summary.target.shortDescription): \(summary.output)")
        }
    }
}
