import Testing
import ZoningAnalysis

@Suite struct FacilityTypeTests {
    /// Chinese names, the standard names in any case, and the English aliases.
    @Test(arguments: [
        ("幼儿园", FacilityType.kindergarten), ("托儿所", .kindergarten), ("小学", .primary), ("中学", .middle), ("初中", .middle),
        ("高中", .middle), ("卫生院", .clinic), ("社区卫生服务中心", .clinic), ("卫生室", .clinic), ("医院", .clinic),
        ("养老院", .elderly), ("敬老院", .elderly), ("日间照料中心", .elderly), ("公园", .park), ("生活圈", .lifeCircle),
        ("15分钟生活圈", .lifeCircle), ("kindergarten", .kindergarten), ("Primary", .primary), ("MIDDLE", .middle),
        ("life-circle", .lifeCircle), ("primary school", .primary), ("Health Center", .clinic), (" 公园 ", .park),
        ("\u{3000}小学\u{3000}", .primary),  // ideographic spaces
    ])
    func readsNames(_ name: String, _ type: FacilityType) {
        #expect(FacilityType(name: name) == type)
    }

    /// Hierarchical web-map types are read by their last level when the whole text is no name.
    @Test(arguments: [
        ("科教文化服务;学校;小学", FacilityType.primary),  // Amap
        ("教育学校:中学", .middle),                         // Tencent
        ("科教文化服务；学校；幼儿园", .kindergarten),        // full-width semicolons
        ("医疗保健服务;综合医院;卫生院", .clinic),
        ("医疗保健服务 > 医院", .clinic),
    ])
    func readsTheLastLevelOfHierarchicalTypes(_ name: String, _ type: FacilityType) {
        #expect(FacilityType(name: name) == type)
    }

    /// Only whole names count: 综合医院 and 培训机构 are no standard names, and neither is a
    /// hierarchy whose last level is none (医院 is an alias; 综合医院 is not).
    @Test func unknownNamesAreNil() {
        #expect(FacilityType(name: "医疗保健服务;综合医院") == nil)
        #expect(FacilityType(name: "综合医院") == nil)
        #expect(FacilityType(name: "科教文化服务;培训机构") == nil)
        #expect(FacilityType(name: "") == nil)
        #expect(FacilityType.lastLevel(of: "小学") == nil)
        #expect(FacilityType.lastLevel(of: "科教文化服务;学校;小学") == "小学")
    }

    /// An office's own names take precedence over the standard ones.
    @Test func extraNamesAreReadFirst() {
        #expect(FacilityType(name: "老年公寓", extra: ["老年公寓": .elderly]) == .elderly)
        #expect(FacilityType(name: "生活服务;老年公寓", extra: ["老年公寓": .elderly]) == .elderly)
        #expect(FacilityType(name: "医院", extra: ["医院": .park]) == .park)
    }

    /// Radii of docs/METHOD.md §5 and the order of the cases.
    @Test func radiiAndOrder() {
        #expect(FacilityType.allCases.map(\.defaultRadiusMetres) == [300, 500, 1000, 1000, 1000, 500, 1000])
        #expect(FacilityType.kindergarten < .primary && .park < .lifeCircle && !(FacilityType.middle < .primary))
        #expect(FacilityType.lifeCircle.description == "life-circle")
    }

    /// The map's example: a name mapped to a type, a name ignored, the ignored name found as
    /// the last level of a hierarchy, an unmapped name unknown.
    @Test func mapResolvesMappedIgnoredAndUnknown() throws {
        var map = FacilityTypeMap()
        try map.add("敬老院", "elderly")
        try map.add("老年公寓", "elderly")
        try map.add("培训机构", "ignore")
        #expect(map.resolve("科教文化服务;培训机构") == .ignored)
        #expect(map.resolve("培训机构") == .ignored)
        #expect(map.resolve("敬老院") == .type(.elderly))
        #expect(map.resolve(" 生活服务;老年公寓 ") == .type(.elderly))
        #expect(map.resolve("科教文化服务;学校;小学") == .type(.primary))  // standard names still apply
        #expect(map.resolve("购物服务;便利店") == .unknown)
        #expect(map.resolve("") == .unknown)
        #expect(map.types == ["敬老院": .elderly, "老年公寓": .elderly] && map.ignored == ["培训机构"])
    }

    /// An office that ignores a standard name (医院, a clinic by default) ignores it as the last
    /// level of a hierarchy too: the office's names come before the standard ones.
    @Test func ignoringAStandardNameAppliesToHierarchies() throws {
        var map = FacilityTypeMap()
        try map.add("医院", "ignore")
        #expect(map.resolve("医院") == .ignored)
        #expect(map.resolve("医疗保健服务;医院") == .ignored)
        #expect(map.resolve("医疗保健服务;卫生院") == .type(.clinic))
        // A whole hierarchical text mapped by the office wins over its last level.
        try map.add("医疗保健服务;综合医院;卫生院", "ignore")
        #expect(map.resolve("医疗保健服务;综合医院;卫生院") == .ignored)
        try map.add("教育学校:小学", "middle")
        #expect(map.resolve("教育学校:小学") == .type(.middle))
    }

    /// A value that is no type throws, and the message lists the types and `ignore`.
    @Test func badValuesThrowListingTheChoices() {
        var map = FacilityTypeMap()
        #expect(throws: FacilityTypeMap.BadValue.self) { try map.add("学校", "school") }
        #expect(throws: FacilityTypeMap.BadValue.self) { try map.add("学校", "") }
        #expect(map == FacilityTypeMap())
        let text = FacilityTypeMap.BadValue().description
        for type in ["kindergarten", "primary", "middle", "clinic", "elderly", "park", "life-circle"] {
            #expect(text.contains(type), "\(type) missing from \(text)")
        }
        #expect(text.hasSuffix("or ignore to skip it"))
    }
}
