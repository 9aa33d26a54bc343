import ArgumentParser
import ZoningGeometry
import ZoningProjection

/// The `zoning` command: the root that lists the subcommands.
public struct Zoning: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "zoning",
        abstract: "Urban–rural zoning, built-up areas and service coverage from land-survey layers.",
        discussion: """
            Reads administrative boundaries, land-use parcels (三调 DLTB) and facilities from
            shapefiles, and computes what Shandong's urbanization plans ask for.
            Run `zoning help <subcommand>` for each command's options.
            """,
        version: ZoningVersion.description,
        subcommands: [Info.self, Convert.self, Reproject.self, Query.self, Join.self, BuiltUp.self, Classify.self, CoverageCommand.self, TargetsCommand.self, MapCommand.self, Sample.self])

    public init() {}
}

/// The toolkit's version, printed by `zoning --version` and recorded in outputs.
public enum ZoningVersion {
    /// The toolkit's own version.
    public static let current = "0.1.0"

    /// The version with the C libraries it runs on, e.g.
    /// `zoning 0.1.0 (GEOS 3.11.1-CAPI-1.17.1, PROJ 9.1.1)`.
    public static var description: String {
        "zoning \(current) (GEOS \(GEOSLibrary.version), PROJ \(PROJLibrary.version))"
    }
}
