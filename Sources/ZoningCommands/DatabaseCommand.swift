import ArgumentParser

/// `zoning db SUBCOMMAND`: housekeeping of what zoning keeps in a PostGIS database.
public struct DatabaseCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Housekeeping of zoning's schemas in a PostGIS database.",
        subcommands: [DatabaseClean.self])

    public init() {}
}
