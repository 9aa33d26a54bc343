import ZoningGeometry
import ZoningLayers
import ZoningProjection
import ZoningSupport

/// Loads coverage's inputs from layers: the regions to report on and the facility points,
/// both brought into the analysis CRS (the land-use parcels').
///
/// ```swift
/// let regions = try CoverageLayers.loadRegions(townships, in: crs)
/// let facilities = try CoverageLayers.loadFacilities(points, in: crs, typeMap: ["敬老院": .elderly])
/// ```
public enum CoverageLayers {
    /// The regions' field names: a code (required), a name and a kind (街道, 镇, 乡; used by
    /// unit coverage, ignored when missing).
    public struct RegionFields: Sendable, Equatable {
        public var code = "XZQDM", name = "XZQMC", kind = "KIND"
        public init() {}
    }

    /// The facility type fields tried, in order, when none is named.
    public static let typeFieldCandidates = ["TYPE", "type", "类型", "TYPENAME"]

    public static func loadRegions(_ layer: FeatureSource, in crs: CoordinateReferenceSystem, fields: RegionFields = RegionFields()) throws -> [CoverageRegion] {
        let code = try SurveyLayers.column(fields.code, in: layer)
        let name = layer.schema.index(of: fields.name), kind = layer.schema.index(of: fields.kind)
        let move = try SurveyLayers.transform(from: layer, to: crs)
        var result: [CoverageRegion] = []
        try layer.forEach { feature in
            guard let geometry = feature.geometry else { return }
            result.append(CoverageRegion(
                code: feature.attributes[code].description, name: name.map { feature.attributes[$0].description } ?? "",
                kind: kind.map { feature.attributes[$0].description }, geometry: try move?.apply(to: geometry) ?? geometry))
        }
        return result
    }

    /// - Parameters:
    ///   - typeField: the field holding each facility's type; nil tries `typeFieldCandidates`.
    ///   - typeMap: an office's type names beyond the known ones (幼儿园, 小学, 卫生院, 养老院, …).
    /// - Throws: `AnalysisError.unknownFacilityTypes` listing every name not understood, with counts.
    public static func loadFacilities(
        _ layer: FeatureSource, in crs: CoordinateReferenceSystem, typeField: String? = nil, typeMap: [String: FacilityType] = [:]
    ) throws -> [Facility] {
        let candidates = typeField.map { [$0] } ?? typeFieldCandidates
        guard let column = candidates.lazy.compactMap({ layer.schema.index(of: $0) }).first else {
            throw SurveyLayers.noSuchField(candidates.joined(separator: " or "), in: layer)
        }
        guard layer.crs != nil else { throw LayerError.unknownSourceCRS(path: layer.name, suggestion: nil) }
        let move = try SurveyLayers.transform(from: layer, to: crs)
        var result: [Facility] = [], unknown: [String: Int] = [:]
        try layer.forEach { feature in
            guard let point = feature.geometry else { return }
            let name = feature.attributes[column].description
            guard let type = FacilityType(name: name, extra: typeMap) else {
                unknown[name, default: 0] += 1
                return
            }
            result.append(Facility(point: try move?.apply(to: point) ?? point, type: type, name: name))
        }
        if !unknown.isEmpty { throw AnalysisError.unknownFacilityTypes(layer: layer.name, counts: unknown) }
        return result
    }

    /// Residents as points, brought into `crs`. Other geometries (grid cells) count at their
    /// interior point; features without a geometry or with no value in `field` are left out.
    /// - Throws: a layer error when `field` is missing or not a number.
    public static func loadPopulation(_ layer: FeatureSource, in crs: CoordinateReferenceSystem, field: String = "POP") throws -> [PopulationPoint] {
        let column = try SurveyLayers.column(field, in: layer, numeric: true)
        guard layer.crs != nil else { throw LayerError.unknownSourceCRS(path: layer.name, suggestion: nil) }
        let move = try SurveyLayers.transform(from: layer, to: crs)
        var result: [PopulationPoint] = []
        try layer.forEach { feature in
            guard let geometry = feature.geometry, !geometry.isEmpty, let residents = feature.attributes[column].doubleValue else { return }
            let point = geometry.type == .point ? geometry : try geometry.pointOnSurface()
            result.append(PopulationPoint(point: try move?.apply(to: point) ?? point, residents: residents))
        }
        return result
    }
}
