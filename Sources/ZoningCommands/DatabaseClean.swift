import ArgumentParser
import ZoningDatabase

/// `zoning db clean URL [--dry-run] [--project NAME]`: removes the schemas that ended runs left
/// (`LeftoverSchemas`), never one a running zoning still writes.
public struct DatabaseClean: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Remove the schemas that killed or failed zoning runs left in a database.",
        discussion: """
            zoning marks each schema it writes for a run (the comment of the schema): the
            PostGIS engine's work schemas (zoning_engine_…) and a run's schema while it
            is being published, until the latest views switch to it. The run holds a
            session lock for as long as it writes. A run killed, or whose connection was
            lost, leaves such a schema; this command drops every one whose run has
            ended (its lock is free) and leaves alone those of runs still going, and
            every schema zoning did not mark: published runs, latest views, and anything
            of anyone else. Exit status 1 when a schema could not be dropped (another
            role owns it: run the command as that role). A run schema whose tables were all in but which the latest
            views never showed is removed too: the run's folder has everything; run it
            again to publish. The next run of a project does the same for that project.

            Examples:
              zoning db clean postgresql://gis@db/county --dry-run
              zoning db clean postgresql://gis@db/county
              zoning db clean postgresql://gis@db/county --project 样例市
            """)

    @Argument(help: "The database: postgresql://user@host:port/database (password from PGPASSWORD or ~/.pgpass, or in the URL).")
    var url: String

    @Flag(name: .customLong("dry-run"), help: "List what would be removed, and remove nothing.")
    var dryRun = false

    @Option(help: "Only the schemas of this project (its name: in the project file), not every project's.")
    var project: String?

    public init() {}

    public func run() throws {
        let parsed = try DatabaseURL(url)
        let db = try DatabaseConnection(parsed)
        let found = try LeftoverSchemas.clean(db, project: project, dryRun: dryRun)
        let ended = found.filter(\.removed), running = found.filter { !$0.ended }, refused = found.filter { $0.ended && !$0.removed }
        func line(_ item: LeftoverSchemas.Found) -> String {
            "  \(item.schema)  \(item.mark.what), begun \(item.mark.since) by process \(item.mark.pid) on \(item.mark.host)"
        }
        if ended.isEmpty && refused.isEmpty {
            print("Nothing to remove: no schema of an ended zoning run\(project.map { " of project \($0)" } ?? "") in \(parsed.masked).")
        } else if !ended.isEmpty {
            print("\(dryRun ? "Would remove" : "Removed") \(ended.count) schema\(ended.count == 1 ? "" : "s") left by zoning runs that ended:")
            ended.forEach { print(line($0)) }
        }
        if !refused.isEmpty {
            print("Could not remove \(refused.count), left by zoning runs that ended:")
            refused.forEach { print(line($0) + "\n    " + ($0.problem ?? "")) }
        }
        if !running.isEmpty {
            print("Left alone, still being written by a running zoning: \(running.count)")
            running.forEach { print(line($0)) }
        }
        if !refused.isEmpty { throw ExitCode(1) }
    }
}
