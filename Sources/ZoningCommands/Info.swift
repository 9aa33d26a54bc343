import ArgumentParser
import ZoningLayers
import ZoningSupport

/// `zoning info FILE`: what a shapefile holds.
public struct Info: ParsableCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Describe a shapefile or a PostGIS table: type, count, extent, CRS, encoding, validity, fields.",
        discussion: """
            FILE may be given as name.shp, name.dbf, name, or a .zip holding one
            shapefile (unpacked into a temporary folder). Nothing is written. A
            shapefile whose .shp is missing is described from its .dbf alone; a missing
            .shx is rebuilt in a temporary folder.

            The attribute encoding is decided in this order and the report says which
            decided: --encoding, the .cpg file, the DBF language-driver byte, then the
            text itself (UTF-8, else GBK, else Latin-1).

            FILE may also be a PostGIS table, postgresql://user@host/database?table=
            schema.name (docs/DATABASE.md): its geometry column, SRID, row count,
            extent and columns.

            Examples:
              zoning info Shapefiles/townships.shp
              zoning info 'postgresql://gis@localhost/county?table=sample.villages'
            """)

    @Argument(help: "The shapefile (or postgresql://…?table=schema.name) to describe.")
    var file: String

    @Flag(name: .customLong("no-prj"), help: "Leave out the .prj text at the end.")
    var omitProjectionText = false

    @OptionGroup var encoding: InputEncodingOption

    @Flag(name: .customLong("no-validity"), help: "Skip the geometry validity check (it reads every record).")
    var skipValidity = false

    public init() {}

    public func run() throws {
        if LayerFile.isDatabase(file) {
            print(try TableInfoReport(location: file, checkValidity: !skipValidity).render(), terminator: "")
            return
        }
        let report = try InfoReport(
            path: file, encoding: encoding.value, checkValidity: !skipValidity)
        print(report.render(includeProjectionText: !omitProjectionText), terminator: "")
    }
}
