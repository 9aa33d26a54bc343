import ZoningAnalysis
import ZoningLayers
import ZoningSupport
import ZoningReport

/// `targets.csv`: each target checked per region.
public enum TargetOutputs {
    /// Writes the results as CSV: indicator, facility, circle (network targets), units, region, comparator, threshold,
    /// value, status (pass, fail, n/a), shortfall (shares 0–1), reason (for n/a), source.
    public static func write(_ results: [TargetResult], to path: String, options: LayerFile.WriteOptions) throws {
        let schema = Schema([Field(name: "indicator", type: .string), Field(name: "facility", type: .string), Field(name: "circle", type: .string),
                             Field(name: "units", type: .string),
                             Field(name: "region", type: .string), Field(name: "comparator", type: .string), Field(name: "threshold", type: .real, precision: 4),
                             Field(name: "value", type: .real, precision: 4), Field(name: "status", type: .string), Field(name: "shortfall", type: .real, precision: 4),
                             Field(name: "reason", type: .string), Field(name: "source", type: .string)])
        try LayerFile.write(to: path, schema: schema, crs: nil, options: options) { emit in
            for (index, r) in results.enumerated() {
                try emit(Feature(id: index, geometry: nil, attributes: [
                    .string(r.target.indicator.rawValue), r.target.facility.map { .string($0.rawValue) } ?? .null, r.target.circle.map(AttributeValue.string) ?? .null,
                    r.target.units.map { .string($0.joined(separator: "/")) } ?? .null, .string(r.region), .string(r.target.comparator.rawValue),
                    .real(r.target.threshold), r.value.map(AttributeValue.real) ?? .null, .string(r.verdict.rawValue),
                    r.shortfall.map(AttributeValue.real) ?? .null, r.reason.map(AttributeValue.string) ?? .null,
                    r.target.source.map(AttributeValue.string) ?? .null]))
            }
        }
    }
}
