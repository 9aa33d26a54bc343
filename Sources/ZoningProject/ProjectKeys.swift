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
    public static let keyPaths: Set<String> = {
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
        let sections: [String: [String]] = [
            "builtup": ["gap_m", "fill_holes_km2", "seed_codes", "construction_codes"],
            "classification": ["full_share", "partial_share", "partial_min_m2", "special_population", "high_construction_share"],
            "coverage": ["include_0702", "radius_m", "radius_m.*"],
            "life_circles": ["snap_m", "oneway", "exclude_classes", "*", "*.walk_m", "*.types"],
            "outputs": ["encoding", "csv_bom", "db", "format"],
        ]
        for (section, keys) in sections {
            for key in keys { paths.insert(section + "." + key) }
        }
        return paths
    }()
}
