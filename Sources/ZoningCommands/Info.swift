import ArgumentParser

/// `zoning info FILE`: what a shapefile holds.
public struct Info: ParsableCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Describe a shapefile: geometry type, feature count, extent, CRS, fields.",
        discussion: """
            FILE may be given as name.shp, name.dbf or name. Nothing is written.
            A shapefile whose .shp is missing is described from its .dbf alone.

            Example:
              zoning info Shapefiles/townships.shp
            """)

    @Argument(help: "The shapefile to describe.")
    var file: String

    @Flag(name: .customLong("no-prj"), help: "Leave out the .prj text at the end.")
    var omitProjectionText = false

    public init() {}

    public func run() throws {
        let report = try InfoReport(path: file)
        print(report.render(includeProjectionText: !omitProjectionText), terminator: "")
    }
}
