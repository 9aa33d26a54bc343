import ArgumentParser
import Foundation
import ZoningAnalysis
import ZoningGeometry
import ZoningLayers
import ZoningProjection
import ZoningSupport

/// `zoning join LEFT RIGHT OUT`: the left layer with what lies where it is in the right one.
public struct Join: ParsableCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Join a right layer onto a left one by location: counts, sums, overlap, the attributes of the matching feature, or the nearest.",
        discussion: """
            Each left feature is written with new fields:
              summary (default)  JOIN_COUNT, and for each --summary FIELD:
                                 FIELD_SUM, FIELD_MEAN; with --overlap:
                                 OVERLAP_M2 (ellipsoidal m²) and OVERLAP_SH (share
                                 of the left feature covered by right polygons, 0-1)
              --attributes       the fields of the one right feature that matches
                                 (the first; with --largest-overlap the polygon
                                 covering most of the left one), as QGIS's "join
                                 attributes by location (one-to-one)"
              --nearest          NEAR_ID (the right feature's record number),
                                 NEAR_M (metres) and the nearest feature's fields;
                                 with --max-distance-m none beyond it

            --predicate says which right features count, from their side: those that
            intersect the left feature, lie within it, contain it, or lie within-distance
            (--distance-m) of it. The right layer is reprojected into the left's CRS when
            they differ; distances need a projected CRS in metres (Gauss–Krüger data is).
            Field names longer than a shapefile allows are shortened and reported.

            Examples:
              zoning join townships.shp facilities.shp out.shp --predicate within \\
                --summary BEDS
              zoning join villages.shp DLTB.shp out.shp --overlap
              zoning join villages.shp clinics.csv out.csv --nearest --right-crs GCJ02 \\
                --max-distance-m 5000
              zoning join facilities.shp townships.shp out.shp --attributes
            """)

    public enum PredicateName: String, ExpressibleByArgument, CaseIterable {
        case intersects, within, contains
        case withinDistance = "within-distance"
    }

    @Argument(help: "The left layer: the features to write, with the joined fields.")
    var left: String

    @Argument(help: "The right layer: the features to count, sum or find.")
    var right: String

    @Argument(help: "The output (.shp, .geojson, .csv).")
    var output: String

    @Option(help: "Which right features count: \(PredicateName.allCases.map(\.rawValue).joined(separator: ", ")).")
    var predicate: PredicateName = .intersects

    @Option(name: .customLong("distance-m"), help: "The distance in metres for within-distance.")
    var distance: Double?

    @Option(name: [.customLong("summary"), .customLong("sum")], help: "A numeric right field to sum and average; repeat for more.")
    var sumFields: [String] = []

    @Flag(help: "Add the area of each left feature covered by right polygons, and its share.")
    var overlap = false

    @Flag(help: "Join the nearest right feature with its distance instead of a summary.")
    var nearest = false

    @Option(name: .customLong("max-distance-m"), help: "With --nearest: join nothing to features farther than this many metres from every right feature.")
    var maximumDistance: Double?

    @Flag(help: "Copy the attributes of the one matching right feature (one-to-one) instead of a summary.")
    var attributes = false

    @Flag(name: .customLong("largest-overlap"), help: "With --attributes: take the right polygon that covers most of each left polygon.")
    var largestOverlap = false

    @OptionGroup var standardOutput: StandardOutputOption

    @Option(name: .customLong("left-crs"), help: "The left layer's CRS, overriding what its file says.")
    var leftCRS: String?

    @Option(name: .customLong("right-crs"), help: "The right layer's CRS, e.g. GCJ02 for a web-map CSV.")
    var rightCRS: String?

    @OptionGroup var encoding: InputEncodingOption

    @OptionGroup var out: OutputOptions

    public init() {}

    public func validate() throws {
        if predicate == .withinDistance {
            guard let distance, distance >= 0, distance.isFinite else {
                throw ValidationError("--predicate within-distance needs --distance-m with a distance in metres (≥ 0).")
            }
        } else if distance != nil {
            throw ValidationError("--distance-m goes with --predicate within-distance.")
        }
        try standardOutput.validate(output: output)
        if [nearest, attributes, overlap || !sumFields.isEmpty].filter({ $0 }).count > 1 {
            throw ValidationError("--nearest and --attributes join one feature; --summary and --overlap summarise many. Use one of them.")
        }
        if maximumDistance != nil && !nearest { throw ValidationError("--max-distance-m goes with --nearest.") }
        if let maximumDistance, !(maximumDistance >= 0 && maximumDistance.isFinite) { throw ValidationError("--max-distance-m must be a distance in metres (≥ 0).") }
        if largestOverlap && !attributes { throw ValidationError("--largest-overlap goes with --attributes.") }
    }

    public func run() throws {
        let textEncoding = encoding.value
        let leftLayer = try LayerFile.open(left, options: .init(encoding: textEncoding, crs: try leftCRS.map { try CoordinateReferenceSystem($0) }))
        let rightLayer = try LayerFile.open(right, options: .init(encoding: textEncoding, crs: try rightCRS.map { try CoordinateReferenceSystem($0) }))
        guard let crs = leftLayer.crs else { throw LayerError.unknownSourceCRS(path: left, suggestion: nil) }
        guard let rightSystem = rightLayer.crs else { throw LayerError.unknownSourceCRS(path: right, suggestion: nil) }
        let toLeft = rightSystem == crs ? nil : try CoordinateTransform(from: rightSystem, to: crs)
        var rightFeatures: [Feature] = []
        try rightLayer.forEach { feature in
            var moved = feature
            if let toLeft, let geometry = feature.geometry { moved.geometry = try toLeft.apply(to: geometry) }
            rightFeatures.append(moved)
        }
        let join = try SpatialJoin(right: rightFeatures, rightSchema: rightLayer.schema, crs: crs)
        let rule: SpatialJoin.Predicate =
            switch predicate {
            case .intersects: .intersects
            case .within: .within
            case .contains: .contains
            case .withinDistance: .withinDistance(metres: distance ?? 0)
            }

        var added: [Field]
        if nearest {
            added = [Field(name: "NEAR_ID", type: .integer), Field(name: "NEAR_M", type: .real, precision: 2)] + rightLayer.schema.fields
        } else if attributes {
            added = [Field(name: "JOIN_ID", type: .integer)] + rightLayer.schema.fields
        } else {
            added = [Field(name: "JOIN_COUNT", type: .integer)]
            for name in sumFields {
                added += [Field(name: "\(name)_SUM", type: .real, precision: 3), Field(name: "\(name)_MEAN", type: .real, precision: 3)]
            }
            if overlap { added += [Field(name: "OVERLAP_M2", type: .real, precision: 2), Field(name: "OVERLAP_SH", type: .real, precision: 4)] }
        }
        let taken = Set(leftLayer.schema.names.map { $0.uppercased() })
        added = added.map { field in
            var renamed = field
            while taken.contains(renamed.name.uppercased()) { renamed.name += "_R" }
            return renamed
        }
        let schema = Schema(leftLayer.schema.fields + added)

        var joined: [Feature] = [], matched = 0
        try leftLayer.forEach { feature in
            var extra: [AttributeValue]
            if let geometry = feature.geometry, !geometry.isEmpty {
                if overlap || largestOverlap, ![.polygon, .multiPolygon].contains(geometry.type) {
                    // An area covered has no meaning for a point or a line: refuse rather than write 0.
                    throw CommandError(message: "\(overlap ? "--overlap" : "--largest-overlap") measures the area of each left feature covered by the right polygons, and \(leftLayer.name) holds \(geometry.type) features (record \(feature.id)). For points, use --attributes or the default summary")
                }
                if nearest {
                    let found = try join.nearest(to: geometry, maximumMetres: maximumDistance)
                    if found != nil { matched += 1 }
                    extra = [found.map { .integer(Int64($0.feature.id)) } ?? .null, found.map { .real($0.metres) } ?? .null]
                        + (found?.feature.attributes ?? rightLayer.schema.fields.map { _ in .null })
                } else if attributes {
                    let found = try join.attributes(for: geometry, predicate: rule, largestOverlap: largestOverlap)
                    if found != nil { matched += 1 }
                    extra = [found.map { .integer(Int64($0.id)) } ?? .null] + (found?.attributes ?? rightLayer.schema.fields.map { _ in .null })
                } else {
                    let summary = try join.summary(for: geometry, predicate: rule, sumFields: sumFields, overlap: overlap)
                    extra = [.integer(Int64(summary.count))]
                    for (sum, mean) in zip(summary.sums, summary.means) { extra += [.real(sum), mean.map(AttributeValue.real) ?? .null] }
                    if overlap { extra += [summary.overlapSquareMetres.map(AttributeValue.real) ?? .null, summary.overlapShare.map(AttributeValue.real) ?? .null] }
                }
            } else {
                extra = added.map { _ in .null }
            }
            joined.append(Feature(id: feature.id, geometry: feature.geometry, attributes: feature.attributes + extra))
        }
        let result = try standardOutput.write(to: output) { path in
            try LayerFile.write(
                to: path, schema: schema, crs: crs,
                options: out.writeOptions(inputs: leftLayer.files + rightLayer.files, standardOutput: output == "-")
            ) { emit in for feature in joined { try emit(feature) } }
        }
        let how = nearest ? "the nearest of \(rightFeatures.count)" + (maximumDistance.map { " within \(ParameterError.plain($0)) m" } ?? "")
            : attributes ? "the attributes of the matching one of \(rightFeatures.count) (right \(rule) left\(largestOverlap ? ", largest overlap" : ""))"
            : "\(rightFeatures.count) right features (right \(rule) left)"
        let destination = output == "-" ? "standard output" : output
        out.say("Joined \(result.records) features of \(leftLayer.name) with \(how) in \(crs.shortDescription): \(destination)", layerOn: output)
        if nearest || attributes { out.say("\(matched) of \(result.records) found one; the others have empty joined fields", layerOn: output) }
        if toLeft != nil { out.say("Note: \(rightLayer.name) was reprojected from \(rightSystem.shortDescription) to \(crs.shortDescription)", layerOn: output) }
        for note in result.notes { out.say("Note: \(note)", layerOn: output) }
    }
}
