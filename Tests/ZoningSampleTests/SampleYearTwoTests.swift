import Foundation
import Testing
import ZoningGeometry
import ZoningLayers
import ZoningSample
import ZoningSupport
import ZoningTestSupport

/// The default sample's second year (seed 1, 20 000 parcels), generated and written once for
/// the suite; year 1 is the committed Shapefiles/ (which `EmbeddedSampleTests` holds equal to
/// the generator's year 1).
final class YearTwoCounty: @unchecked Sendable {
    static let shared = YearTwoCounty()
    let folder: TemporaryFolder
    let county: SampleCounty

    private init() {
        folder = try! TemporaryFolder()
        county = try! SampleCounty.generate(seed: 1, parcels: 20_000, year: 2)
        try! SampleWriter.write(county, to: folder.path)
    }
}

/// Year 2 against year 1, file by file: each designed change is in the files, and nothing else
/// differs. The expected values come from year 1's files and from `SampleYearTwo.changes`,
/// not from the generator's own bookkeeping.
@Suite struct SampleYearTwoTests {
    let year2 = YearTwoCounty.shared
    static let year1 = checkoutRoot + "/Shapefiles"
    let changes = SampleYearTwo.changes

    @Test func sameBytesEveryTime() throws {
        let again = try TemporaryFolder()
        try SampleWriter.write(try SampleCounty.generate(seed: 1, parcels: 20_000, year: 2), to: again.path)
        #expect(again.contents == year2.folder.contents)
        #expect(year2.folder.contents.contains("changes.csv"))
        for name in again.contents {
            #expect(FileManager.default.contents(atPath: again.file(name)) == FileManager.default.contents(atPath: year2.folder.file(name)), "\(name)")
        }
    }

    /// Year 1 stays what it was: no changes, no changes.csv; other years are refused.
    @Test func yearOneIsUnchangedAndOtherYearsAreRefused() throws {
        let first = try SampleCounty.generate(seed: 7, parcels: 2000, year: 1)
        #expect(first.year == 1 && first.changes.isEmpty)
        #expect(!SmallCounty.shared.folder.contents.contains("changes.csv"))
        #expect(throws: SampleYearError.self) { try SampleCounty.generate(seed: 1, parcels: 2000, year: 3) }
    }

    /// The published list is what the generator finds between its two years, and changes.csv
    /// holds the same rows.
    @Test func theListIsTheDesignAsGenerated() throws {
        #expect(year2.county.changes == changes)
        let rows = try CSVRows.read(year2.folder.file("changes.csv"))
        #expect(rows.count == changes.count)
        for (row, change) in zip(rows, changes) {
            #expect(row["kind"] == change.kind.rawValue && row["reason"] == change.reason)
            #expect((row["old_code"] ?? "") == change.oldCodes.joined(separator: ";") && (row["new_code"] ?? "") == change.newCodes.joined(separator: ";"))
        }
        // Every kind is designed; 北河镇's 22 villages and the township are renumbered.
        #expect(Set(changes.map(\.kind)) == Set(DesignedChange.Kind.allCases))
        #expect(changes.filter { $0.kind == .renumbered }.count == 23)
        #expect(changes.filter { $0.kind == .classChange }.count == 3)
    }

    /// 撤镇设街道: every village of 北河镇 is in year 2 under 370299004 with its old village
    /// digits, name, population, official class and the very same polygon; the township keeps
    /// its polygon, and its seat its point.
    @Test func upgradedTownshipRenumbersItsVillagesOnly() throws {
        let old = try Self.byCode(Self.year1 + "/villages.shp"), new = try Self.byCode(year2.folder.file("villages.shp"))
        let members = old.keys.filter { $0.hasPrefix("370299101") }
        #expect(members.count == 22)
        #expect(!new.keys.contains { $0.hasPrefix("370299101") })
        #expect(new.keys.filter { $0.hasPrefix("370299004") }.count == 22)
        for code in members {
            let moved = try #require(new["370299004" + code.dropFirst(9)])
            let before = old[code]!
            #expect(moved.attributes[1] == before.attributes[1] && moved.attributes[3...] == before.attributes[3...], "\(code)")
            #expect(moved.attributes[2].stringValue == "370299004")
            #expect(try moved.geometry!.equalsExact(before.geometry!), "\(code)")
        }
        let townships = try Self.byCode(year2.folder.file("townships.shp")), oldTownships = try Self.byCode(Self.year1 + "/townships.shp")
        let upgraded = try #require(townships["370299004"])
        #expect(upgraded.attributes[1].stringValue == "北河街道" && upgraded.attributes[2].stringValue == "街道")
        #expect(townships["370299101"] == nil && townships.count == 9)
        #expect(try upgraded.geometry!.equalsExact(oldTownships["370299101"]!.geometry!))
        let seats = try Self.features(year2.folder.file("seats.shp")), oldSeats = try Self.features(Self.year1 + "/seats.shp")
        let seat = try #require(seats.first { $0.attributes[2].stringValue == "370299004" })
        let oldSeat = try #require(oldSeats.first { $0.attributes[2].stringValue == "370299101" })
        #expect(seat.attributes[1].stringValue == "subdistrict" && oldSeat.attributes[1].stringValue == "town")
        #expect(try seat.geometry!.equalsExact(oldSeat.geometry!))
    }

    /// The merged unit's polygon is the union of the two old ones (computed here by GEOS's
    /// overlay, not the generator's coverage union); its population is their sum; the parcels
    /// of both carry its code.
    @Test func mergedPolygonIsTheUnion() throws {
        let merge = try #require(changes.first { $0.kind == .merged })
        #expect(merge.oldCodes.count == 2 && merge.newCodes == [merge.oldCodes[0]])  // the lower code is kept
        let old = try Self.byCode(Self.year1 + "/villages.shp"), new = try Self.byCode(year2.folder.file("villages.shp"))
        let parts = merge.oldCodes.map { old[$0]! }
        let merged = try #require(new[merge.newCodes[0]])
        #expect(new[merge.oldCodes[1]] == nil)
        let union = try parts[0].geometry!.union(parts[1].geometry!)
        #expect(abs(merged.geometry!.area - union.area) < 1e-3)
        #expect(try merged.geometry!.symmetricDifference(union).area < 1e-3)
        #expect(merged.attributes[3].doubleValue == parts[0].attributes[3].doubleValue! + parts[1].attributes[3].doubleValue!)
        let inside = try Self.features(year2.folder.file("DLTB.shp")).filter { try merged.geometry!.covers($0.geometry!.pointOnSurface()) }
        #expect(!inside.isEmpty && inside.allSatisfy { $0.attributes[4].stringValue == merge.newCodes[0] + "0000000" })
    }

    /// The split unit's two parts have new codes, tile its old polygon exactly (their union is
    /// it, they do not overlap) and share its residents; its code is gone.
    @Test func splitPartsTileTheOldUnit() throws {
        let split = try #require(changes.first { $0.kind == .split })
        let old = try Self.byCode(Self.year1 + "/villages.shp"), new = try Self.byCode(year2.folder.file("villages.shp"))
        #expect(split.oldCodes.count == 1 && split.newCodes.count == 2 && new[split.oldCodes[0]] == nil)
        let whole = try #require(old[split.oldCodes[0]]?.geometry)
        let parts = try split.newCodes.map { code in try #require(new[code], "\(code)") }
        #expect(split.newCodes.allSatisfy { old[$0] == nil })
        let union = try parts[0].geometry!.union(parts[1].geometry!)
        #expect(try union.symmetricDifference(whole).area < 1e-3)
        #expect(try parts[0].geometry!.intersection(parts[1].geometry!).area < 1e-3)
        #expect(parts.allSatisfy { ($0.attributes[3].doubleValue ?? 0) > 0 })  // both parts have homes
        #expect(parts.reduce(0) { $0 + $1.attributes[3].doubleValue! } == old[split.oldCodes[0]]!.attributes[3].doubleValue)
        #expect(parts.map { $0.attributes[1].stringValue ?? "" }.joined(separator: "、") == split.newName)
        let parcels = try Self.features(year2.folder.file("DLTB.shp"))
        for part in parts {
            let inside = try parcels.filter { try part.geometry!.covers($0.geometry!.pointOnSurface()) }
            #expect(!inside.isEmpty && inside.allSatisfy { $0.attributes[4].stringValue == part.attributes[0].stringValue! + "0000000" })
        }
    }

    /// Apart from the designed changes every unit is as it was: name, population, official
    /// class, special flag and polygon, and in truth.csv its designed class, share and
    /// construction land. Where a class or population change is designed, it is exactly that.
    @Test func nothingElseChangesInTheUnits() throws {
        let old = try Self.byCode(Self.year1 + "/villages.shp"), new = try Self.byCode(year2.folder.file("villages.shp"))
        let oldTruth = try Self.truth(Self.year1 + "/truth.csv"), newTruth = try Self.truth(year2.folder.file("truth.csv"))
        func code(_ old: String) -> String { old.hasPrefix("370299101") ? "370299004" + old.dropFirst(9) : old }
        let reshaped = Set(changes.filter { [.merged, .split].contains($0.kind) }.flatMap(\.oldCodes))
        #expect(new.count == old.count && newTruth.count == new.count)  // one unit fewer by the merger, one more by the split
        for (oldCode, before) in old where !reshaped.contains(oldCode) {
            let after = try #require(new[code(oldCode)], "\(oldCode)")
            let designed = changes.filter { $0.oldCodes == [oldCode] }
            let renamed = designed.first { $0.kind == .renamed }
            let reclassed = designed.first { $0.kind == .classChange }
            let grown = designed.first { $0.kind == .population }
            #expect(after.attributes[1].stringValue == (renamed?.newName ?? before.attributes[1].stringValue), "\(oldCode)")
            #expect(after.attributes[3].doubleValue == grown.map { Double($0.newPopulation!) } ?? before.attributes[3].doubleValue, "\(oldCode)")
            #expect(after.attributes[4].stringValue == (reclassed?.newClass ?? before.attributes[4].stringValue), "\(oldCode): CXFLDM")
            #expect(after.attributes[5] == before.attributes[5])
            #expect(try after.geometry!.equalsExact(before.geometry!), "\(oldCode)")
            let (was, now) = (oldTruth[oldCode]!, newTruth[code(oldCode)]!)
            if let reclassed {
                #expect(was["designed_class"] == reclassed.oldClass && now["designed_class"] == reclassed.newClass)
                #expect(Double(now["construction_m2"]!)! > Double(was["construction_m2"]!)!)
            } else {
                for field in ["designed_class", "official_class", "miscoded", "share", "construction_m2"] {
                    #expect(was[field] == now[field], "\(oldCode) \(field)")
                }
            }
            if let grown { #expect(Int(was["POP"]!) == grown.oldPopulation) }
        }
    }

    /// The parcels keep their polygons and areas; the only land that changes is new urban or
    /// town land (201/202, construction codes) on year 1's farmland, in the units whose class
    /// changes — and each of them gets some.
    @Test func growthIsNewConstructionLandInTheReclassedUnitsOnly() throws {
        let old = try Self.features(Self.year1 + "/DLTB.shp"), new = try Self.features(year2.folder.file("DLTB.shp"))
        #expect(old.count == new.count)
        let reclassed = Set(changes.filter { $0.kind == .classChange }.flatMap(\.newCodes))
        let construction: Set<String> = ["05H1", "0601", "0602", "0701", "0702", "08H1", "08H2", "0809", "0810", "1004", "1201"]
        var grownIn: [String: Int] = [:]
        for (before, after) in zip(old, new) {
            #expect(try after.geometry!.equalsExact(before.geometry!))
            #expect(after.attributes[0] == before.attributes[0] && after.attributes[6] == before.attributes[6])  // BSM, TBMJ
            guard after.attributes[1] != before.attributes[1] || after.attributes[3] != before.attributes[3] else {
                #expect(after.attributes[2] == before.attributes[2] && after.attributes[7...] == before.attributes[7...])
                continue
            }
            let unit = String((after.attributes[4].stringValue ?? "").prefix(12))
            #expect(reclassed.contains(unit), "parcel \(before.attributes[0]) in \(unit)")
            #expect(before.attributes[3].isNull && !construction.contains(before.attributes[1].stringValue ?? ""))
            #expect(["201", "202"].contains(after.attributes[3].stringValue ?? "") && construction.contains(after.attributes[1].stringValue ?? ""))
            grownIn[unit, default: 0] += 1
        }
        #expect(Set(grownIn.keys) == reclassed)
    }

    /// facilities.shp: year 1's, less the closed one, plus the new ones, each in a township
    /// that had none of its type.
    @Test func facilitiesOpenAndCloseAsDesigned() throws {
        func names(_ path: String) throws -> [String: (type: String, township: String)] {
            var result: [String: (String, String)] = [:]
            for f in try Self.features(path) { result[f.attributes[2].stringValue!] = (f.attributes[0].stringValue!, f.attributes[3].stringValue!) }
            return result
        }
        let old = try names(Self.year1 + "/facilities.shp"), new = try names(year2.folder.file("facilities.shp"))
        let closed = changes.filter { $0.kind == .closedFacility }, opened = changes.filter { $0.kind == .newFacility }
        #expect(closed.count == 1 && opened.count == 4)
        #expect(Set(new.keys) == Set(old.keys).subtracting(closed.compactMap(\.oldName)).union(opened.compactMap(\.newName)))
        for change in opened {
            let facility = try #require(new[change.newName!])
            #expect(facility.type == change.facilityType && [facility.township] == change.newCodes)
            #expect(!old.values.contains { $0.type == facility.type && $0.township == facility.township })
        }
        let csv = try CSVRows.read(year2.folder.file("facilities-gcj02.csv"))
        #expect(Set(csv.compactMap { $0["name"] }) == Set(new.keys))
    }

    /// The project file runs year 2 into its own folder, beside the folder it is written to.
    @Test func projectWritesToItsOwnFolder() throws {
        let text = try String(contentsOfFile: year2.folder.file("project.yaml"), encoding: .utf8)
        #expect(text.contains("\noutput: ../sample-year2 "))
        #expect(text.contains("\nname: 样例市 (sample county, year 2) "))
        let first = try String(contentsOfFile: Self.year1 + "/project.yaml", encoding: .utf8)
        #expect(text.split(separator: "\n").count == first.split(separator: "\n").count)
    }

    static func features(_ path: String) throws -> [Feature] {
        var result: [Feature] = []
        try ShapefileLayerReader(path: path).forEach { result.append($0) }
        return result
    }

    static func byCode(_ path: String) throws -> [String: Feature] {
        Dictionary(uniqueKeysWithValues: try features(path).map { ($0.attributes[0].stringValue ?? "", $0) })
    }

    static func truth(_ path: String) throws -> [String: [String: String]] {
        Dictionary(uniqueKeysWithValues: try CSVRows.read(path).map { ($0["XZQDM"] ?? "", $0) })
    }
}
