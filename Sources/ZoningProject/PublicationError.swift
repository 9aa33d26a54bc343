/// Why a run cannot be published into its database (`RunPublication`). The run's folder is
/// written all the same; nothing of the publication stays in the database.
///
/// ```swift
/// PublicationError.latestOfAnotherProject(schema: "平度市_a_latest", owner: "平度市-a", project: "平度市 (A)").description
/// // "the schema 平度市_a_latest holds the latest views of project 平度市-a, …"
/// ```
public enum PublicationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The latest schema belongs to another project whose name gives the same schema name.
    /// Fix: a `name:` that differs in its letters or digits.
    case latestOfAnotherProject(schema: String, owner: String, project: String)
    /// A schema of the latest schema's name exists and zoning did not make it. Fix: another
    /// `name:`, or rename that schema.
    case latestNotZonings(schema: String, holds: [String])
    /// The latest schema holds something of the user's under the name of one of the run's
    /// tables. Fix: rename it.
    case viewNameTaken(schema: String, name: String)
    /// A view of zoning's whose columns changed cannot be made again while another view
    /// depends on it. Fix: drop that view, publish, and make it again.
    case viewInUse(schema: String, view: String, message: String)

    public var description: String {
        switch self {
        case let .latestOfAnotherProject(schema, owner, project):
            return "the schema \(schema) holds the latest views of project \(owner), and this project (\(project)) would replace them: "
                + "both names give that schema, since only letters and digits count in it. Give this project a name: that differs "
                + "from \(owner) in its letters or digits; nothing was published"
        case let .latestNotZonings(schema, holds):
            let what = holds.isEmpty ? "" : " (it holds \(holds.prefix(5).joined(separator: ", "))\(holds.count > 5 ? ", …" : ""))"
            return "the schema \(schema) exists and zoning did not make it for the latest views\(what); zoning publishes only into a schema of its own. "
                + "Give the project another name:, or rename that schema; nothing was published"
        case let .viewInUse(schema, view, message):
            return "the latest view \(schema).\(view) has other columns in this run, and other views depend on it, so it cannot be made again "
                + "(\(message)); drop those views, publish again, and make them again (or build them on a run schema's tables); nothing was published"
        case let .viewNameTaken(schema, name):
            return "the schema \(schema) holds a \(name) of its own, not one of zoning's views, and this run publishes a table of that name: "
                + "rename it (ALTER VIEW … RENAME); nothing was published"
        }
    }
}
