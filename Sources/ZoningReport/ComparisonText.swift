import ZoningAnalysis

/// The comparison's words in both languages (docs/METHOD.md §9): the reasons in `changes.csv`,
/// the kinds of match, the statement of what differs between the runs, and the report section's.
///
/// ```swift
/// ReportText(.en).comparisonReasons(change)
/// // "class 220 → 112: its construction land joined built-up region 1; share s crossed 50% (31% → 62%)"
/// ```
extension ReportText {
    /// The kind of match in words: 同一单位, 更名, 重新编码, 合并, 拆分, 边界调整, 新增, 撤销.
    public func matchKind(_ kind: UnitMatching.Kind) -> String {
        switch kind {
        case .same: pick("同一单位", "same unit")
        case .renamed: pick("更名", "renamed")
        case .renumbered: pick("重新编码", "renumbered")
        case .merged: pick("合并", "merged")
        case .split: pick("拆分", "split")
        case .redrawn: pick("边界调整", "boundary redrawn")
        case .new: pick("新增", "new")
        case .gone: pick("撤销", "gone")
        }
    }

    /// One reason in words.
    public func comparisonReason(_ reason: RunComparison.Reason) -> String {
        func percent(_ share: Double) -> String { Self.wholePercent(share) }
        func area(_ squareMetres: Double) -> String { pick("\(Int(squareMetres.rounded()))平方米", "\(Int(squareMetres.rounded())) m²") }
        switch reason {
        case let .classChanged(from, to): return pick("类别 \(from) → \(to)", "class \(from) → \(to)")
        case .joinedBuiltUp(let region): return pick("其建设用地并入实际建设区\(region)", "its construction land joined built-up region \(region)")
        case .leftBuiltUp: return pick("其建设用地不再位于实际建设区内", "its construction land is no longer in a built-up region")
        case let .shareCrossed(from, to, threshold):
            return pick("占比s跨过\(percent(threshold))（\(percent(from)) → \(percent(to))）", "share s crossed \(percent(threshold)) (\(percent(from)) → \(percent(to)))")
        case let .seatChanged(from, to):
            return pick("所连驻地由\(from ?? "无")变为\(to ?? "无")", "the seat it connects to moved from \(from ?? "none") to \(to ?? "none")")
        case let .constructionChanged(from, to): return pick("建设用地\(area(from)) → \(area(to))", "construction land \(area(from)) → \(area(to))")
        case let .residentsChanged(from, to):
            let (a, b) = (from.map(String.init) ?? "–", to.map(String.init) ?? "–")
            return pick("常住人口\(a) → \(b)", "residents \(a) → \(b)")
        case let .townshipKindChanged(from, to): return pick("所在乡镇由\(from)改为\(to)", "its township became a \(to) (was a \(from))")
        case let .codeChanged(from, to):
            return pick("统计用区划代码由\(from.joined(separator: "、"))改为\(to)", "official code changed from \(from.joined(separator: ", ")) to \(to)")
        case let .renamed(from, to): return pick("名称由\(from)改为\(to)", "renamed from \(from) to \(to)")
        case .parametersChanged(let keys): return pick("参数不同（\(keys.joined(separator: "、"))）", "the parameters changed (\(keys.joined(separator: ", ")))")
        }
    }

    /// A unit's reasons as one sentence: the identity first, then the class with its causes
    /// (`class 220 → 112: …`), and whether the parameters alone explain it.
    public func comparisonReasons(_ change: RunComparison.UnitChange) -> String {
        var identity: [String] = [], causes: [String] = []
        var classChange: String?
        for reason in change.reasons {
            switch reason {
            case .codeChanged, .renamed, .townshipKindChanged: identity.append(comparisonReason(reason))
            case .classChanged: classChange = comparisonReason(reason)
            default: causes.append(comparisonReason(reason))
            }
        }
        if change.kind == .gone { identity.append(pick("该单位不再出现", "the unit is no longer listed")) }
        if change.kind == .new { identity.append(pick("新出现的单位", "a unit not listed before")) }
        var parts = identity
        if let classChange { parts.append(causes.isEmpty ? classChange : classChange + pick("：", ": ") + causes.joined(separator: pick("；", "; "))) }
        if change.parametersOnly { parts.append(pick("仅由参数变化所致", "explained by the parameters alone")) }
        return parts.joined(separator: pick("；", "; "))
    }

    /// The statement at the top of a comparison: the two runs, and what differs between them
    /// (CRS, version, parameters), or that they are alike.
    public func comparabilityStatement(_ comparability: RunComparison.Comparability) -> [String] {
        var lines = [pick("对比：\(comparability.old.name)（zoning \(comparability.old.version)）与 \(comparability.new.name)（zoning \(comparability.new.version)），县级代码\(comparability.new.county)",
                          "Compared: \(comparability.old.name) (zoning \(comparability.old.version)) with \(comparability.new.name) (zoning \(comparability.new.version)), county \(comparability.new.county)")]
        if comparability.reprojected {
            lines.append(pick("两次运行的分析坐标系不同，上次运行的图形已投影到\(comparability.new.crs)后对比",
                              "The runs' analysis CRSs differ: the earlier run was reprojected to \(comparability.new.crs) before comparing"))
        }
        if comparability.old.version != comparability.new.version {
            lines.append(pick("两次运行的zoning版本不同（\(comparability.old.version)、\(comparability.new.version)）",
                              "The runs were made by different zoning versions (\(comparability.old.version), \(comparability.new.version))"))
        }
        if comparability.parameters.isEmpty {
            lines.append(pick("两次运行的参数相同", "The runs' parameters are the same"))
        } else {
            lines.append(pick("两次运行的参数不同：", "The runs' parameters differ: ")
                + comparability.parameters.map { "\($0.key) \($0.old) → \($0.new)" }.joined(separator: pick("；", "; ")))
        }
        let (earlier, later) = (pick("上次运行", "the earlier run"), pick("本次运行", "the later run"))
        if comparability.lifeCircles.old != comparability.lifeCircles.new {
            let (with, without) = comparability.lifeCircles.new ? (later, earlier) : (earlier, later)
            lines.append(pick("只有\(with)有生活圈（道路），\(without)没有：生活圈不作对比",
                              "Only \(with) has life circles (roads), \(without) has none: the life circles are not compared"))
        }
        if comparability.facilityNames.old != comparability.facilityNames.new {
            let without = comparability.facilityNames.old ? later : earlier
            lines.append(pick("\(without)未保存设施名单（facilities.csv）：新增和关闭的设施只按乡镇和类型计数（coverage-change.csv），无法列出名称",
                              "\(without.prefix(1).uppercased() + without.dropFirst()) kept no list of facilities (facilities.csv): facilities opened and closed are counted per township and type (coverage-change.csv), not named"))
        }
        return lines
    }

    /// A change of a facility in words: 新增, 关闭, 更名, 迁址.
    public func facilityChangeKind(_ kind: RunComparison.FacilityChange.Kind) -> String {
        switch kind {
        case .opened: pick("新增", "opened")
        case .closed: pick("关闭", "closed")
        case .renamed: pick("更名", "renamed")
        case .moved: pick("迁址", "moved")
        }
    }

    /// The way a target moved, in words.
    public func targetDirection(_ direction: RunComparison.TargetProgress.Direction) -> String {
        switch direction {
        case .toward: pick("趋近目标", "toward the target")
        case .away: pick("远离目标", "away from the target")
        case .same: pick("不变", "unchanged")
        case .notComparable: pick("无法比较", "not comparable")
        }
    }

    var comparisonTitle: String { pick("与上次运行对比", "Compared with the earlier run") }
    var comparisonClassMapTitle: String { pick("城乡分类变化", "Changes of class") }
    var comparisonBuiltUpMapTitle: String { pick("实际建设区增减", "Built-up area grown and lost") }
    var comparisonHeaders: [String] {
        [pick("原代码", "old code"), pick("现代码", "new code"), pick("名称", "name"), pick("原类别", "old class"), pick("现类别", "new class"),
         pick("匹配", "match"), pick("原因", "reason")]
    }
    var comparisonFacilityHeaders: [String] {
        [pick("变化", "change"), pick("类型", "type"), pick("名称", "name"), pick("原名称", "old name"), pick("乡镇", "township")]
    }
    var comparisonLifeCircleHeaders: [String] {
        [pick("乡镇", "township"), pick("生活圈", "circle"), pick("类型", "type"), pick("上次人口覆盖", "earlier residents within"),
         pick("本次人口覆盖", "residents within"), pick("变化（百分点）", "change (points)")]
    }
    var comparisonLifeCircleTitle: String { pick("生活圈变化（步行可达的常住人口比例，变化的乡镇）", "Life circles that changed (share of residents within the walk)") }
    var comparisonFacilityTitle: String { pick("设施变化", "Facilities opened, closed, renamed or moved") }
    var comparisonSummaryHeaders: [String] { [pick("匹配", "match"), pick("单位数", "units")] }
    func comparisonBuiltUpLine(grown: Double, lost: Double) -> String {
        pick("实际建设区新增\(String(format: "%.2f", grown / 1e6))平方千米，减少\(String(format: "%.2f", lost / 1e6))平方千米。",
             "Built-up area grew by \(String(format: "%.2f", grown / 1e6)) km² and lost \(String(format: "%.2f", lost / 1e6)) km².")
    }
    func comparisonUrbanizationLine(_ row: RunComparison.UrbanizationChange) -> String {
        let (a, b) = (row.old?.rate.map { ShareText.percent($0) } ?? "–", row.new?.rate.map { ShareText.percent($0) } ?? "–")
        return pick("城镇化率（推算）\(a) → \(b)；变为城镇的单位常住人口\(row.becameUrban)人，变为乡村的\(row.becameRural)人。",
                    "Urbanization (derived) \(a) → \(b); residents of units that became urban: \(row.becameUrban), rural: \(row.becameRural).")
    }
}
