import ArgumentParser

/// The `zoning` command: the root that lists the subcommands.
public struct Zoning: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "zoning",
        abstract: "Urban–rural zoning, built-up areas and service coverage from land-survey layers.",
        discussion: """
            Reads administrative boundaries, land-use parcels (三调 DLTB) and facilities from
            shapefiles, and computes what Shandong's urbanization plans ask for.
            """,
        version: ZoningVersion.current,
        subcommands: [Info.self])

    public init() {}
}

/// The toolkit's version, printed by `zoning --version` and recorded in outputs.
public enum ZoningVersion {
    public static let current = "0.1.0"
}
