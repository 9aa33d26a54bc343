import ArgumentParser
import ZoningProject

/// The `zoning` command: the root that lists the subcommands.
public struct Zoning: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "zoning",
        abstract: "Urban–rural zoning, built-up areas and service coverage from land-survey layers.",
        discussion: """
            Reads administrative boundaries, land-use parcels (三调 DLTB) and facilities
            from shapefiles, and computes what Shandong's urbanization plans ask for. Run
            `zoning help <subcommand>` for each command's options.

            The method — codes, rules, defaults and every output field — is in
            docs/METHOD.md of the zoning checkout; the input checks in docs/CHECKS.md.
            """,
        version: ZoningVersion.description,
        subcommands: [Info.self, Convert.self, Load.self, Reproject.self, Query.self, Join.self, BuiltUp.self, Classify.self, CoverageCommand.self, TargetsCommand.self, MapCommand.self, Run.self, Compare.self, Serve.self, Sample.self, DatabaseCommand.self])

    public init() {}
}
