/// One change the sample county's second year was designed to have (`SampleYearTwo`): what
/// kind, which units or facilities before and after, and why, in words.
///
/// ```swift
/// let rename = SampleYearTwo.changes.first { $0.kind == .renamed }!
/// rename.oldCodes == rename.newCodes   // true: a rename keeps the code
/// rename.oldName, rename.newName       // the two names
/// ```
///
/// Codes are 12-digit village codes, or 9-digit township codes for the township's own upgrade
/// and for facilities (the township the facility serves). `oldCodes` is empty for a new
/// facility, `newCodes` for a closed one. Classes are the derived (designed) classes; where a
/// class changes, the bureau's republished official class (`CXFLDM`) changes with it.
public struct DesignedChange: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        /// A township upgraded to a 街道 (撤镇设街道): the township and each of its villages get a
        /// new code; the polygons and the villages' names stay.
        case renumbered
        /// Several units become one; the polygon is their union, the population their sum.
        case merged
        /// One unit becomes several.
        case split
        /// Same code and polygon, a new name.
        case renamed
        /// The unit's class changes (`oldClass` → `newClass`).
        case classChange = "class"
        case newFacility = "new-facility"
        case closedFacility = "closed-facility"
        /// The unit's resident population changes (`oldPopulation` → `newPopulation`).
        case population
    }

    public var kind: Kind
    public var oldCodes: [String]
    public var newCodes: [String]
    public var oldName: String?
    public var newName: String?
    public var oldClass: String?
    public var newClass: String?
    public var oldPopulation: Int?
    public var newPopulation: Int?
    /// The facility's type (kindergarten, primary, middle, clinic, elderly) for facility changes.
    public var facilityType: String?
    public var reason: String

    public init(
        _ kind: Kind, old oldCodes: [String], new newCodes: [String], oldName: String? = nil, newName: String? = nil,
        oldClass: String? = nil, newClass: String? = nil, oldPopulation: Int? = nil, newPopulation: Int? = nil,
        facilityType: String? = nil, reason: String
    ) {
        self.kind = kind
        self.oldCodes = oldCodes
        self.newCodes = newCodes
        self.oldName = oldName
        self.newName = newName
        self.oldClass = oldClass
        self.newClass = newClass
        self.oldPopulation = oldPopulation
        self.newPopulation = newPopulation
        self.facilityType = facilityType
        self.reason = reason
    }

    public var description: String {
        "\(kind.rawValue) \(oldCodes.joined(separator: "+")) → \(newCodes.joined(separator: "+")): \(reason)"
    }
}
