/// What went wrong reading or writing a whole layer. Each case names the file and says what
/// to do.
public enum LayerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The output exists and `--overwrite` was not given.
    case outputExists(path: String)
    /// The output would replace an input file.
    case outputIsInput(path: String)
    /// The output's folder does not exist.
    case outputFolderMissing(path: String)
    /// The layer has no .prj and no source CRS was given. `suggestion` is a CRS that its
    /// coordinates look like, when there is one.
    case unknownSourceCRS(path: String, suggestion: String?)

    /// A record's geometry cannot be built (an unclosed ring, a one-vertex line, MultiPatch).
    case badRecord(path: String, record: Int, problem: String)

    /// The layer cannot be written as asked (mixed geometry types, a size limit).
    case cannotWrite(path: String, problem: String)

    /// Writing failed part-way; `message` is the writer's own, naming the file and record.
    case writeFailed(path: String, message: String)

    /// A value cannot be written to its field.
    case badValue(path: String, record: Int, field: String, problem: String)

    /// A file is not in the format its name says, or is damaged.
    case unreadable(path: String, problem: String)

    /// A `--where` condition cannot be used.
    case badFilter(text: String, problem: String)

    /// A distance in metres was asked of data in degrees (or another non-metric CRS).
    case needsProjectedCRS(crs: String, suggestion: String?)

    public var description: String {
        switch self {
        case .outputExists(let path):
            return "\(path) already exists. Pass --overwrite to replace it, or choose another output name."
        case .outputIsInput(let path):
            return "\(path) is an input of this command; zoning never overwrites its inputs. Choose another output name."
        case .outputFolderMissing(let path):
            return "\(path): the folder does not exist. Create it first."
        case let .needsProjectedCRS(crs, suggestion):
            return "Distances in metres need a projected CRS in metres, and the data is in \(crs). "
                + "Reproject first" + (suggestion.map { ", e.g. with --dst-crs \($0) (the Gauss–Krüger zone of the data)" } ?? "") + "."
        case let .badFilter(text, problem):
            return "--where \(text): \(problem)."
        case let .unreadable(path, problem):
            return "\(path) cannot be read: \(problem)."
        case let .cannotWrite(path, problem):
            return "\(path) cannot be written: \(problem)."
        case let .writeFailed(_, message):
            return message
        case let .badValue(path, record, field, problem):
            return "\(path), record \(record), field \(field): \(problem)."
        case let .badRecord(path, record, problem):
            return "\(path), record \(record): \(problem). Repair the geometry in a desktop GIS, or leave the record out."
        case let .unknownSourceCRS(path, suggestion):
            return "\(path) has no .prj, so its coordinate system is unknown. "
                + (suggestion.map { "Its x values look like \($0): pass --src-crs with that code if that is right." }
                    ?? "Pass --src-crs, e.g. --src-crs EPSG:4490.")
        }
    }
}
