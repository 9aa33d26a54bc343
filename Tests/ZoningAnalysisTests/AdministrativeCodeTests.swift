import Foundation
import Testing
import ZoningAnalysis
import ZoningSupport
import ZoningTestSupport

@Suite struct AdministrativeCodeTests {
    /// One way a delivery writes a code, and what it must read as.
    struct Reading: Sendable, CustomTestStringConvertible {
        var value: AttributeValue
        var digits: String
        var level: AdministrativeCode.Level
        var form: AdministrativeCode.Form?
        var testDescription: String { "\(value)" }
    }

    /// Every form in the type's table reads as the code its digits name, and `read` says how it
    /// was written (nil for plain digits).
    @Test(arguments: [
        Reading(value: .string("370881001001"), digits: "370881001001", level: .village, form: nil),
        Reading(value: .string("3708810011020000000"), digits: "370881001102", level: .village, form: .surveyCode),
        Reading(value: .string("  370881001001  "), digits: "370881001001", level: .village, form: nil),
        Reading(value: .integer(370881001001), digits: "370881001001", level: .village, form: nil),
        // A DBF numeric read as a double: no lost digits, no ".0".
        Reading(value: .real(370881001001), digits: "370881001001", level: .village, form: .number),
        Reading(value: .string("370881001001.0"), digits: "370881001001", level: .village, form: .number),
        Reading(value: .string("3.70881001001E+11"), digits: "370881001001", level: .village, form: .number),
        // A 19-digit survey code as a double: 3708810011020000000 is stored as …0000256.
        Reading(value: .real(3708810011020000000), digits: "370881001102", level: .village, form: .surveyCode),
        // …and 3708810010010000000 as 3708810010009999872, whose first 12 digits are 370881001000.
        Reading(value: .real(3708810010010000000), digits: "370881001001", level: .village, form: .surveyCode),
        Reading(value: .string("3.70881001001E+18"), digits: "370881001001", level: .village, form: .number),
        Reading(value: .string("370881001000"), digits: "370881001", level: .township, form: .padded),
        Reading(value: .integer(370881001000), digits: "370881001", level: .township, form: .padded),
        Reading(value: .string("370881000000"), digits: "370881", level: .county, form: .padded),
        Reading(value: .string("370800000000"), digits: "3708", level: .prefecture, form: .padded),
        Reading(value: .string("370881001"), digits: "370881001", level: .township, form: nil),
        Reading(value: .string("370881"), digits: "370881", level: .county, form: nil),
        Reading(value: .string("37"), digits: "37", level: .province, form: nil),
    ])
    func readsEveryForm(_ reading: Reading) throws {
        let (code, form) = try #require(AdministrativeCode.read(reading.value))
        #expect(code.digits == reading.digits)
        #expect(code.level == reading.level)
        #expect(form == reading.form)
        #expect(AdministrativeCode(reading.value) == code)
        if case .string(let text) = reading.value { #expect(AdministrativeCode(text) == code) }
    }

    /// Anything that is not a whole non-negative number of 2, 4, 6, 9, 12 or more digits is no code.
    @Test(arguments: [
        AttributeValue.string("37088100100A"), .string("abc"), .string("-370881001001"), .integer(-370881001001),
        .real(-370881001001), .string("370881001001.5"), .real(370881001001.5), .string("3.708810010015E+11"),
        .string("3"), .string("370"), .string("37088"), .string("3708810"), .string("37088100"), .string("3708810010"),
        .string("37088100100"), .string(""), .string("   "), .null, .boolean(true), .real(0), .integer(0),
        .real(.nan), .real(.infinity), .string("1.2.3"), .string("3.7E+11E2"), .string("000000000000"),
        .string("0000000000000000000"),
    ])
    func rejectsWhatIsNoCode(_ value: AttributeValue) {
        #expect(AdministrativeCode(value) == nil)
        #expect(AdministrativeCode.read(value) == nil)
    }

    /// The units holding a village-level code, and the code written back as 12 digits.
    @Test func ancestorsAndTwelveDigits() throws {
        let village = try #require(AdministrativeCode("370881001102"))
        #expect(village.ancestor(.province)?.digits == "37")
        #expect(village.ancestor(.prefecture)?.digits == "3708")
        #expect(village.county?.digits == "370881")
        #expect(village.township?.digits == "370881001")
        #expect(village.ancestor(.village) == village)
        #expect(village.twelveDigits == "370881001102")

        let township = try #require(AdministrativeCode("370881001"))
        #expect(township.twelveDigits == "370881001000")
        #expect(township.township == township && township.ancestor(.village) == nil)
        let county = try #require(AdministrativeCode("370881"))
        #expect(county.twelveDigits == "370881000000" && county.township == nil && county.county == county)
        #expect(AdministrativeCode("37")?.twelveDigits == "370000000000")
        #expect(AdministrativeCode("370881000000")?.twelveDigits == "370881000000")  // round trip of a padded county
    }

    /// Codes order by their digits, so a county sorts before its townships.
    @Test func ordersByDigits() throws {
        let codes = ["370881001", "370102", "370881", "370881001001"].compactMap { AdministrativeCode($0) }
        #expect(codes.sorted().map(\.digits) == ["370102", "370881", "370881001", "370881001001"])
        #expect(AdministrativeCode("370881")?.description == "370881")
    }

    /// Digits 7–9 at each boundary of the kinds; a village-level code has its township's kind.
    @Test(arguments: [
        ("001", AdministrativeCode.TownshipKind.subdistrict), ("099", .subdistrict), ("100", .town), ("199", .town),
        ("200", .xiang), ("399", .xiang), ("400", .townshipLike), ("599", .townshipLike),
    ])
    func townshipKindFromDigitsSevenToNine(_ digits: String, _ kind: AdministrativeCode.TownshipKind) {
        #expect(AdministrativeCode("370881" + digits)?.townshipKind == kind)
        #expect(AdministrativeCode("370881" + digits + "123")?.townshipKind == kind)
    }

    /// 600–999 name no kind; a county code names no township kind. (000 cannot occur: a
    /// township of 000 is stripped to its county.)
    @Test func townshipKindAbsent() {
        #expect(AdministrativeCode("370881600")?.townshipKind == nil)
        #expect(AdministrativeCode("370881999")?.townshipKind == nil)
        #expect(AdministrativeCode("370881")?.townshipKind == nil)
        #expect(AdministrativeCode("370881000")?.level == .county)
    }

    /// Digits 5–6 at each boundary, with Shandong examples: 370102 历下区, 370124 平阴县,
    /// 370176 济南高新区, 370281 胶州市 (370101, 370120, 370121, 370170, 370171, 370180, 370199
    /// only mark the boundaries; 370181 was 章丘市 until it became 370114 章丘区 in 2016).
    @Test(arguments: [
        ("370101", AdministrativeCode.CountyKind.district), ("370102", .district), ("370120", .district),
        ("370121", .county), ("370124", .county), ("370170", .county),
        ("370171", .developmentZone), ("370176", .developmentZone), ("370180", .developmentZone),
        ("370181", .countyLevelCity), ("370281", .countyLevelCity), ("370199", .countyLevelCity),
    ])
    func countyKindFromDigitsFiveAndSix(_ code: String, _ kind: AdministrativeCode.CountyKind) {
        #expect(AdministrativeCode(code)?.countyKind == kind)
        #expect(AdministrativeCode(code + "001001")?.countyKind == kind)
    }

    /// A prefecture or province code names no county kind.
    @Test func countyKindAbsentAboveCounties() {
        #expect(AdministrativeCode("3701")?.countyKind == nil)
        #expect(AdministrativeCode("370100")?.level == .prefecture)
        #expect(AdministrativeCode("37")?.countyKind == nil)
    }

    /// Every Shandong county-level unit (shared/data/shandong/counties.csv): the kind its code
    /// gives is the kind its name states — 开发区/新区 a development zone, else by the last
    /// character 区, 县, 市 — 58 districts, 52 counties, 15 zones, 26 county-level cities.
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func shandongCountyKindsAgreeWithTheirNames() throws {
        let rows = try CSVRows.read(SharedData.path("shandong/counties.csv"))
        #expect(rows.count == 151)
        var counts: [AdministrativeCode.CountyKind: Int] = [:]
        for row in rows {
            let name = try #require(row["name"]).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            let stated: AdministrativeCode.CountyKind? =
                name.contains("开发区") || name.contains("新区") ? .developmentZone
                : name.hasSuffix("区") ? .district : name.hasSuffix("县") ? .county : name.hasSuffix("市") ? .countyLevelCity : nil
            let code = try #require(AdministrativeCode(row["code"] ?? ""), "\(row)")
            #expect(code.level == .county)
            #expect(code.countyKind == stated, "\(code) \(name)")
            if let stated { counts[stated, default: 0] += 1 }
        }
        #expect(counts == [.district: 58, .county: 52, .developmentZone: 15, .countyLevelCity: 26])
    }

    /// Every Shandong township (shared/data/shandong/townships.csv) has a kind by its digits
    /// 7–9: 684 街道, 1,072 镇, 57 乡, 40 others, as the data's README counts them.
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func shandongTownshipKindsMatchTheReadme() throws {
        let rows = try CSVRows.read(SharedData.path("shandong/townships.csv"))
        var counts: [AdministrativeCode.TownshipKind: Int] = [:]
        for row in rows {
            let code = try #require(AdministrativeCode(row["code"] ?? ""), "\(row)")
            #expect(code.level == .township)
            #expect(code.county?.digits == row["areaCode"])
            if let kind = code.townshipKind { counts[kind, default: 0] += 1 } else { Issue.record("no kind for \(code)") }
        }
        #expect(counts == [.subdistrict: 684, .town: 1072, .xiang: 57, .townshipLike: 40])
    }
}
