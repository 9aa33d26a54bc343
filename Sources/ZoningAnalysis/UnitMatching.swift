import ZoningGeometry

/// Units matched across two runs (docs/METHOD.md §9): by code first; where a code disappears
/// or appears, by the overlap of the polygons, as shares of each other's area.
///
/// An old unit `o` and a new unit `n` are **linked** when they share a code, or when one of
/// them has no partner by code and at least `linkShare` of `o`'s or of `n`'s area lies in the
/// other. The links group the units; each group is one match:
///
/// | group | kind |
/// |---|---|
/// | one old, one new, same code and name | `same` |
/// | one old, one new, same code, another name | `renamed` |
/// | one old, one new, other code, both shares ≥ `sameShare` | `renumbered` |
/// | one old, one new, other code, a share below `sameShare` | `redrawn` |
/// | several old, one new | `merged` |
/// | one old, several new | `split` |
/// | several old, several new | `redrawn` |
/// | a new unit alone | `new` |
/// | an old unit alone | `gone` |
///
/// ```swift
/// let matches = try UnitMatching.match(old: old.units, new: new.units, parameters: ComparisonParameters())
/// matches.first { $0.new.contains("370299004001") }?.kind   // .renumbered
/// ```
/// Both runs' polygons must be in one CRS (`RunComparison` reprojects the old run's first).
public enum UnitMatching {
    public enum Kind: String, Sendable, CaseIterable {
        case same, renamed, renumbered, merged, split, redrawn, new, gone
    }

    /// The overlap of one old and one new unit: the share of each one's area in the other.
    public struct Overlap: Sendable, Equatable {
        public var old: String
        public var new: String
        /// The overlap ÷ the old unit's area, and ÷ the new unit's area (0–1).
        public var shareOfOld: Double
        public var shareOfNew: Double
    }

    /// One group of linked units.
    public struct Match: Sendable {
        public var kind: Kind
        /// The old units' codes (sorted), empty for `new`.
        public var old: [String]
        /// The new units' codes (sorted), empty for `gone`.
        public var new: [String]
        /// The overlaps behind a match made by geometry (empty for a match by code alone).
        public var evidence: [Overlap]
    }

    /// Matches `old` against `new`; every unit is in exactly one match, in the order of the
    /// new units (then the gone ones).
    /// - Throws: `GeometryError` from GEOS.
    public static func match(old: [RunSnapshot.Unit], new: [RunSnapshot.Unit], parameters: ComparisonParameters) throws -> [Match] {
        let newByCode = Dictionary(new.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        let oldByCode = Dictionary(old.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        // Nodes: old units 0..<old.count, new units after them.
        var groups = UnionFind(count: old.count + new.count)
        for (index, unit) in old.enumerated() {
            if let partner = newByCode[unit.code] { groups.union(index, old.count + partner) }
        }
        let lonelyOld = Set(old.indices.filter { newByCode[old[$0].code] == nil })
        let lonelyNew = Set(new.indices.filter { oldByCode[new[$0].code] == nil })
        var evidence: [Overlap] = []
        if !lonelyOld.isEmpty || !lonelyNew.isEmpty {
            let newGeometries = new.map { $0.geometry }
            let indexed = newGeometries.indices.filter { newGeometries[$0] != nil }
            let index = try SpatialIndex(indexed.map { newGeometries[$0]! })
            for (o, unit) in old.enumerated() {
                guard let polygon = unit.geometry, let bounds = polygon.bounds else { continue }
                let oldArea = polygon.area
                for hit in try index.query(bounds) {
                    let n = indexed[hit]
                    guard lonelyOld.contains(o) || lonelyNew.contains(n), let other = new[n].geometry else { continue }
                    let shared = try polygon.intersection(other).area
                    guard shared > 0 else { continue }
                    let overlap = Overlap(old: unit.code, new: new[n].code,
                                          shareOfOld: oldArea > 0 ? shared / oldArea : 0, shareOfNew: other.area > 0 ? shared / other.area : 0)
                    if overlap.shareOfOld >= parameters.linkShare || overlap.shareOfNew >= parameters.linkShare {
                        groups.union(o, old.count + n)
                        evidence.append(overlap)
                    }
                }
            }
        }
        var members: [Int: (old: [Int], new: [Int])] = [:]
        var order: [Int] = []
        for node in new.indices.map({ old.count + $0 }) + old.indices {
            let root = groups.find(node)
            if members[root] == nil { order.append(root); members[root] = ([], []) }
            if node >= old.count { members[root]!.new.append(node - old.count) } else { members[root]!.old.append(node) }
        }
        return order.map { root in
            let (olds, news) = members[root]!
            let oldCodes = olds.map { old[$0].code }.sorted(), newCodes = news.map { new[$0].code }.sorted()
            let shown = evidence.filter { oldCodes.contains($0.old) && newCodes.contains($0.new) }
            let kind: Kind
            switch (olds.count, news.count) {
            case (0, _): kind = .new
            case (_, 0): kind = .gone
            case (1, 1) where oldCodes == newCodes: kind = old[olds[0]].name == new[news[0]].name ? .same : .renamed
            case (1, 1): kind = shown.contains { $0.shareOfOld >= parameters.sameShare && $0.shareOfNew >= parameters.sameShare } ? .renumbered : .redrawn
            case (_, 1): kind = .merged
            case (1, _): kind = .split
            default: kind = .redrawn
            }
            return Match(kind: kind, old: oldCodes, new: newCodes, evidence: shown)
        }
    }
}
