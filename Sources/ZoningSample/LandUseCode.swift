/// Third national land survey (三调) land-use codes the sample uses, with their names
/// (DLMC), and which count as construction land for the analyses (docs/METHOD.md §1).
enum LandUseCode {
    static let names: [String: String] = [
        "0101": "水田", "0102": "水浇地", "0103": "旱地", "0201": "果园",
        "0301": "乔木林地", "0307": "其他林地",
        "05H1": "商业服务业设施用地", "0601": "工业用地", "0602": "采矿用地",
        "0701": "城镇住宅用地", "0702": "农村宅基地",
        "08H1": "机关团体新闻出版用地", "08H2": "科教文卫用地", "0809": "公用设施用地", "0810": "公园与绿地",
        "1004": "城镇村道路用地", "1006": "农村道路",
        "1101": "河流水面", "1103": "水库水面", "1201": "空闲地",
    ]

    /// docs/METHOD.md §1's default construction-land list, restricted to the codes above.
    static let construction: Set<String> = ["05H1", "0601", "0602", "0701", "0702", "08H1", "08H2", "0809", "0810", "1004", "1201"]

    /// A weighted choice: `mix` pairs codes with weights summing to 1; `draw` in [0, 1).
    static func pick(_ mix: [(String, Double)], _ draw: Double) -> String {
        var total = 0.0
        for (code, weight) in mix {
            total += weight
            if draw < total { return code }
        }
        return mix[mix.count - 1].0
    }

    static let cityMix: [(String, Double)] = [
        ("0701", 0.42), ("05H1", 0.12), ("08H1", 0.04), ("08H2", 0.06), ("0810", 0.06), ("1004", 0.14),
        ("0601", 0.08), ("0809", 0.02), ("0702", 0.04), ("1201", 0.02),
    ]
    static let townMix: [(String, Double)] = [
        ("0701", 0.35), ("0702", 0.25), ("05H1", 0.1), ("08H2", 0.06), ("1004", 0.14), ("0601", 0.06), ("08H1", 0.04),
    ]
    static let xiangMix: [(String, Double)] = [("0702", 0.7), ("08H1", 0.08), ("08H2", 0.08), ("1004", 0.14)]
    static let industryMix: [(String, Double)] = [("0601", 0.78), ("0602", 0.04), ("1004", 0.12), ("0809", 0.06)]
    static let hamletMix: [(String, Double)] = [("0702", 0.88), ("1004", 0.08), ("08H2", 0.04)]
    static let farmMix: [(String, Double)] = [("0103", 0.55), ("0102", 0.3), ("0101", 0.05), ("0201", 0.06), ("1006", 0.04)]
    static let forestMix: [(String, Double)] = [("0301", 0.8), ("0307", 0.2)]
}
