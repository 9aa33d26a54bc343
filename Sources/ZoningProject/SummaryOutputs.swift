import ZoningAnalysis
import ZoningLayers
import ZoningSupport
import ZoningReport

/// `summary.csv`: the county-level figures of a run (`CountySummary`), one row per county,
/// with the project's name, so that the summaries of many runs stack into one sheet.
///
/// | column | contents |
/// |---|---|
/// | `project`, `county` | the project's name, the 6-digit county code |
/// | `parcels` | land-use parcels whose unit (ZLDWDM) lies in the county |
/// | `units`, `population`, `urban_population` | village-level units and residents |
/// | `urbanization_rate`, `official_urbanization_rate` | 0–1 |
/// | `units_111` … `units_220` | units per derived class |
/// | `builtup_km2` | built-up area, ellipsoidal km² |
/// | `<type>_coverage`, `<type>_townships_with`, `<type>_townships` | per facility type: residential-land coverage (0–1), townships with one, townships |
/// | `targets_pass`, `targets_fail`, `targets_na` | target checks |
public enum SummaryOutputs {
    /// - Parameter rows: the run's county rows (`result.countySummary`), the same the report shows.
    public static func write(_ result: RunResult, rows: [CountySummary], to folder: String, options: LayerFile.WriteOptions) throws {
        let types = Array(Set(rows.flatMap(\.coverage.keys))).sorted()
        var fields = [
            Field(name: "project", type: .string), Field(name: "county", type: .string), Field(name: "parcels", type: .integer), Field(name: "units", type: .integer),
            Field(name: "population", type: .integer), Field(name: "urban_population", type: .integer),
            Field(name: "urbanization_rate", type: .real, precision: 4), Field(name: "official_urbanization_rate", type: .real, precision: 4),
        ]
        fields += UrbanRuralClass.allCases.map { Field(name: "units_\($0)", type: .integer) }
        fields.append(Field(name: "builtup_km2", type: .real, precision: 4))
        for type in types {
            let name = type.rawValue.replacingOccurrences(of: "-", with: "_")
            fields += [Field(name: "\(name)_coverage", type: .real, precision: 4), Field(name: "\(name)_townships_with", type: .integer),
                       Field(name: "\(name)_townships", type: .integer)]
        }
        fields += [Field(name: "targets_pass", type: .integer), Field(name: "targets_fail", type: .integer), Field(name: "targets_na", type: .integer)]
        try LayerFile.write(to: folder + "/summary.csv", schema: Schema(fields), crs: nil, options: options) { emit in
            for (index, row) in rows.enumerated() {
                var values: [AttributeValue] = [
                    .string(result.project.name), .string(row.county), .integer(Int64(row.parcels)), .integer(Int64(row.units)), .integer(Int64(row.population)),
                    .integer(Int64(row.urbanPopulation)), row.urbanizationRate.map(AttributeValue.real) ?? .null,
                    row.officialUrbanizationRate.map(AttributeValue.real) ?? .null,
                ]
                values += UrbanRuralClass.allCases.map { .integer(Int64(row.unitsPerClass[$0] ?? 0)) }
                values.append(.real(row.builtUpSquareMetres / 1e6))
                for type in types {
                    let figures = row.coverage[type]
                    values += [figures?.residential.map(AttributeValue.real) ?? .null, .integer(Int64(figures?.withFacility ?? 0)),
                               .integer(Int64(figures?.townships ?? 0))]
                }
                values += [.integer(Int64(row.targetsPassed)), .integer(Int64(row.targetsFailed)), .integer(Int64(row.targetsNotApplicable))]
                try emit(Feature(id: index, geometry: nil, attributes: values))
            }
        }
    }
}
