import ZoningAnalysis

/// Every key a project file may hold, as dotted paths from the top of the file: the keys
/// `Project(contentsOf:)` reads (ProjectFile.swift). A level whose key is free is written `*`:
/// a life circle's name, a facility type under `coverage.radius_m`, an office's own type name
/// under `layers.facilities.type_map`. Lists are values: the paths stop at them (`targets`,
/// `builtup.seed_codes`).
///
/// ```swift
/// Project.keyPaths.contains("builtup.gap_m")                 // true
/// Project.keyPaths.contains("layers.land_use.fields.area")   // true
/// Project.keyPaths.contains("life_circles.*.walk_m")         // true: `15min: {walk_m: 1000, …}`
/// Project.keyPaths.contains("coverage.radius_m.*")           // true: `radius_m: {primary: 500}`
/// Project.keyPaths.contains("builtup.gap")                   // false
/// ```
///
/// The documentation tests check every key that README.md and docs/COMMANDS.md show against
/// this set.
extension Project {
    /// Computed, so that a registered analysis's section counts too.
    public static var keyPaths: Set<String> {
        var paths = Set(topKeys)
        for role in LayerRole.allCases {
            let layer = "layers." + role.rawValue
            paths.insert(layer)
            for key in ["path", "layer", "encoding", "crs"] { paths.insert(layer + "." + key) }
            let fields = FieldRole.of(role)
            if !fields.isEmpty {
                paths.insert(layer + ".fields")
                for field in fields { paths.insert(layer + ".fields." + field.key) }
            }
            if role == .facilities {
                for key in ["type_field", "type_map", "type_map.*"] { paths.insert(layer + "." + key) }
            }
        }
        for key in ["encoding", "csv_bom", "db", "format"] { paths.insert("outputs." + key) }
        for type in Analyses.parameterSections { paths.formUnion(keyPaths(of: type)) }
        return paths
    }

    /// The keys of a parameter section, from its table: `coverage.radius_m`, `coverage.radius_m.*`.
    static func keyPaths(of type: any AnalysisParameters.Type) -> Set<String> {
        var paths: Set<String> = []
        for entry in type.entries {
            let key = entry.inline ? "\(type.section).*" : "\(type.section).\(entry.key)"
            if !entry.inline { paths.insert(key) }
            switch entry.shape {
            case .map(.record(let fields), _):
                paths.insert(key + (entry.inline ? "" : ".*"))
                for field in fields { paths.insert(key + (entry.inline ? "." : ".*.") + field.key) }
            case .map:
                paths.insert(key + (entry.inline ? "" : ".*"))
            default: break
            }
        }
        return paths
    }
}
