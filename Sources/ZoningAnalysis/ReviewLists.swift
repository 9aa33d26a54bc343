/// The units the plans ask offices to look at again (docs/METHOD.md §4).
///
/// The two comparison lists set the derived class against the official one. The other three
/// are given twice, once by the derived class and once by the official class, and `basis`
/// says which.
///
/// ```swift
/// let entries = ReviewLists.build(classes)
/// entries.filter { $0.list == .shouldCount }  // 应统尽统 candidates
/// ```
public enum ReviewLists {
    public enum List: String, Sendable, CaseIterable, CustomStringConvertible {
        /// 应统尽统: urban by the rules, rural officially.
        case shouldCount = "should-count"
        /// Urban officially, rural by the rules.
        case overCount = "over-count"
        /// Units in a 街道 (township digits 001–099) classed rural.
        case subdistrictVillage = "subdistrict-village"
        /// The unit holding a 镇 seat, classed rural.
        case townSeatVillage = "town-seat-village"
        /// Rural units with more than the threshold share of their land in construction.
        case highConstruction = "high-construction"

        public var description: String {
            switch self {
            case .shouldCount: "应统尽统 candidates (derived urban, official rural)"
            case .overCount: "over-count review (official urban, derived rural)"
            case .subdistrictVillage: "villages inside sub-districts (街道 units classed 2xx)"
            case .townSeatVillage: "villages at town seats (the unit holding a 镇 seat, classed 2xx)"
            case .highConstruction: "high-construction rural units"
            }
        }
    }

    public enum Basis: String, Sendable {
        case derived, official
        /// Both classes, compared.
        case comparison
    }

    public struct Entry: Sendable {
        public var list: List
        public var basis: Basis
        public var unit: UnitClassification
        /// The construction share of the unit's land, 0–1.
        public var constructionShareOfUnit: Double

        public init(list: List, basis: Basis, unit: UnitClassification, constructionShareOfUnit: Double) {
            self.list = list
            self.basis = basis
            self.unit = unit
            self.constructionShareOfUnit = constructionShareOfUnit
        }
    }

    public static func build(_ classes: [UnitClassification], parameters: ClassificationParameters = ClassificationParameters()) -> [Entry] {
        var entries: [Entry] = []
        for unit in classes {
            let built = unit.unitSquareMetres > 0 ? unit.constructionSquareMetres / unit.unitSquareMetres : 0
            func add(_ list: List, _ basis: Basis) {
                entries.append(Entry(list: list, basis: basis, unit: unit, constructionShareOfUnit: built))
            }
            let derivedUrban = unit.derivedClass.isUrban
            if let official = unit.officialClass {
                if derivedUrban && !official.isUrban { add(.shouldCount, .comparison) }
                if !derivedUrban && official.isUrban { add(.overCount, .comparison) }
            }
            let holdsTownSeat = unit.seatsInside.contains { $0.rank == .town && AdministrativeCode($0.code)?.townshipKind == .town }
            for (basis, klass) in [(Basis.derived, unit.derivedClass), (.official, unit.officialClass)] {
                guard let klass, !klass.isUrban else { continue }
                if unit.townshipKind == .subdistrict { add(.subdistrictVillage, basis) }
                if holdsTownSeat { add(.townSeatVillage, basis) }
                if built > parameters.highConstructionShare { add(.highConstruction, basis) }
            }
        }
        return entries
    }
}
