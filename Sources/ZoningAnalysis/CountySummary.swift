/// The figures a bureau reports upward, one row per county (the 6-digit code of the units),
/// so that the summaries of many runs can be stacked into one table.
///
/// - Urbanization, derived and official, and the units per class: from the classification.
/// - Built-up area: each region's outline area (its footprint where it has no outline),
///   shared among counties in proportion to its footprint in each.
/// - Coverage per facility type: the residential land within reach over all the county's
///   townships (Σ covered land ÷ Σ residential land), and the townships with a facility.
/// - Targets: how many checks pass, fail and cannot be evaluated.
/// - Parcels: the land-use parcels whose unit (ZLDWDM) lies in the county.
///
/// ```swift
/// let rows = CountySummary.rows(classes: classes, builtUp: regions, coverage: coverage, targets: checked)
/// rows[0].urbanizationRate  // 0.379
/// ```
public struct CountySummary: Sendable {
    public var county: String
    /// Land-use parcels whose unit code lies in the county.
    public var parcels: Int
    public var units: Int
    public var population: Int
    public var urbanPopulation: Int
    public var urbanizationRate: Double?
    public var officialUrbanizationRate: Double?
    public var unitsPerClass: [UrbanRuralClass: Int]
    /// m², ellipsoidal.
    public var builtUpSquareMetres: Double
    /// Per facility type: residential-land coverage (nil without residential land), townships
    /// with at least one facility, and townships.
    public var coverage: [FacilityType: (residential: Double?, withFacility: Int, townships: Int)]
    public var targetsPassed: Int
    public var targetsFailed: Int
    public var targetsNotApplicable: Int

    public static func rows(
        classes: [UnitClassification], builtUp: BuiltUpRegions.Result, coverage: Coverage.Result?, targets: [TargetResult], parcels: [LandParcel] = []
    ) -> [CountySummary] {
        let counties = Urbanization.figures(for: classes, level: .county)
        var parcelsOfUnit: [String: Int] = [:], parcelsOf: [String: Int] = [:]
        // Parcels come grouped by unit (a survey delivers them village by village): one
        // dictionary update per run of equal codes, not one per parcel.
        var start = 0
        while start < parcels.count {
            let code = parcels[start].unitCode
            var end = start + 1
            while end < parcels.count, parcels[end].unitCode == code { end += 1 }
            parcelsOfUnit[code, default: 0] += end - start
            start = end
        }
        for (unit, count) in parcelsOfUnit { if let county = AdministrativeCode(unit)?.county?.digits { parcelsOf[county, default: 0] += count } }
        return counties.keys.sorted().map { code in
            let figures = counties[code]!
            var builtUpArea = 0.0
            for region in builtUp.regions where region.footprintSquareMetres > 0 {
                let share = (region.footprintByCounty[code] ?? 0) / region.footprintSquareMetres
                builtUpArea += share * (region.outlineSquareMetres ?? region.footprintSquareMetres)
            }
            var byType: [FacilityType: (residential: Double?, withFacility: Int, townships: Int)] = [:]
            for type in Set((coverage?.regions ?? []).map(\.type)) {
                let rows = (coverage?.regions ?? []).filter { $0.type == type && AdministrativeCode($0.region)?.county?.digits == code }
                let land = rows.reduce(0) { $0 + $1.residentialSquareMetres }
                let covered = rows.reduce(0) { $0 + ($1.residentialCoverage ?? 0) * $1.residentialSquareMetres }
                byType[type] = (land > 0 ? covered / land : nil, rows.filter { $0.facilities > 0 }.count, rows.count)
            }
            return CountySummary(
                county: code, parcels: parcelsOf[code] ?? 0, units: figures.derivedCounts.values.reduce(0, +), population: figures.totalPopulation,
                urbanPopulation: figures.urbanPopulation, urbanizationRate: figures.derivedRate, officialUrbanizationRate: figures.officialRate,
                unitsPerClass: figures.derivedCounts, builtUpSquareMetres: builtUpArea, coverage: byType,
                targetsPassed: targets.filter { $0.verdict == .pass }.count, targetsFailed: targets.filter { $0.verdict == .fail }.count,
                targetsNotApplicable: targets.filter { $0.verdict == .notApplicable }.count)
        }
    }
}

extension AnalysedRun {
    /// The run's county rows (`CountySummary.rows`), for summary.csv and the report's table
    /// alike: compute them once and hand both the same rows.
    public var countySummary: [CountySummary] {
        CountySummary.rows(classes: classes, builtUp: builtUp, coverage: coverage, targets: targets, parcels: parcels)
    }
}
