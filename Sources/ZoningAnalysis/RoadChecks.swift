import ZoningGeometry

/// The checks of the roads layer as a walking network, made with the other input checks
/// before any analysis (docs/CHECKS.md):
///
/// - **network** (note): walkable length, nodes and edges, and the roads left out by class;
/// - **parts**: the walkable roads fall apart into several unconnected parts (a warning:
///   homes in a part without a facility reach none);
/// - **bridges and tunnels** whose end points meet no other road (a warning);
/// - **facilities off the network**: farther than the snap limit from every walkable road,
///   they serve no one in the life circles (a warning);
/// - **homes off the network**: residential parcels farther than the snap limit from every
///   walkable road (a note; a warning above 5% of the residential land).
///
/// ```swift
/// let access = try RoadAccess(inputs, parameters: LifeCircleParameters(), residentialCodes: ["0701"])
/// let checks = RoadChecks.check(inputs, access: access)
/// ```
public enum RoadChecks {
    /// Above this share of residential land off the network, the note becomes a warning.
    public static let offNetworkWarningShare = 0.05

    public static func check(_ inputs: AnalysisInputs, access: RoadAccess) -> [Check] {
        guard !inputs.roads.isEmpty else { return [] }
        let parameters = access.parameters
        let file = inputs.files[.roads]
        let network = access.network
        var checks: [Check] = []
        let excluded = network.excluded.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }
        let kilometres = String(format: "%.1f", network.totalLength / 1000)
        checks.append(Check(
            .note, "road-network", layer: file,
            "\(kilometres) km of walkable road: \(network.edges.count) edges between \(network.nodes.count) nodes"
                + (excluded.isEmpty ? "" : "; left out as not walkable: \(excluded.joined(separator: ", "))"),
            fix: "roads of the classes \(parameters.excludedClasses.sorted().joined(separator: ", ")) are not walked (\(LifeCircleParameters.section).exclude_classes)")
            .zh("可步行道路\(kilometres)千米：\(network.nodes.count)个节点间\(network.edges.count)条边" + (excluded.isEmpty ? "" : "；不可步行而排除：\(excluded.joined(separator: ", "))"),
                fix: "以下等级的道路不计入步行：\(parameters.excludedClasses.sorted().joined(separator: ", "))（\(LifeCircleParameters.section).exclude_classes）"))
        if network.componentCount > 1 {
            let others = network.componentLengths.dropFirst()
            let share = others.reduce(0, +) / max(network.totalLength, 1)
            checks.append(Check(
                .warning, "road-parts", layer: file,
                "the walkable roads form \(network.componentCount) unconnected parts; those apart from the largest hold \(Reconciliation.percent(share)) of the length",
                fix: "homes in a part reach only the facilities in that part; join the parts where roads really meet (a missing crossing, a road cut at the layer's edge)",
                examples: others.prefix(20).map { String(format: "a part of %.2f km", $0 / 1000) })
                .zh("可步行道路分为\(network.componentCount)个互不连通的部分；最大部分以外的道路占总长的\(Reconciliation.percent(share))",
                    fix: "各部分内的住宅只能到达本部分的设施；请在道路实际相接处连通（缺少的交叉口、在图层边缘截断的道路）"))
        }
        if !network.danglingGradeSeparated.isEmpty {
            checks.append(Check(
                .warning, "bridge-unjoined", layer: file,
                "\(network.danglingGradeSeparated.count) bridges or tunnels have an end that meets no other road (within \(ParameterError.plain(RoadNetwork.joinTolerance)) m)",
                fix: "a bridge joins the network only at its ends; end it on the roads it connects", examples: network.danglingGradeSeparated)
                .zh("\(network.danglingGradeSeparated.count)座桥梁或隧道的端点未与其他道路相接（\(ParameterError.plain(RoadNetwork.joinTolerance))米内）",
                    fix: "桥梁只在两端与路网相连；请使其端点落在所连接的道路上"))
        }
        let types = Set(parameters.types)
        let measured = inputs.facilities.indices.filter { types.contains(inputs.facilities[$0].type) }
        let facilities = measured.map { inputs.facilities[$0] }
        let offFacilities = facilities.indices.filter { access.facilityPositions[measured[$0]].isEmpty }
        let limit = ParameterError.plain(parameters.snapLimitMetres)
        if !offFacilities.isEmpty {
            checks.append(Check(
                .warning, "facility-off-network", layer: inputs.files[.facilities],
                "\(offFacilities.count) of \(facilities.count) facilities lie more than \(limit) m from every walkable road",
                fix: "they serve no one in the life circles; check their position or the roads around them (\(LifeCircleParameters.section).snap_m)",
                examples: offFacilities.map { "\(facilities[$0].label.isEmpty ? "facility" : facilities[$0].label) (\(facilities[$0].type))" })
                .zh("\(facilities.count)个设施中有\(offFacilities.count)个距任何可步行道路超过\(limit)米", fix: "不计入生活圈服务；请检查其位置或周边道路（\(LifeCircleParameters.section).snap_m）"))
        }
        let residential = access.residential.map { inputs.parcels[$0] }
        let off = residential.indices.filter { access.homePositions[$0].isEmpty }
        if !off.isEmpty {
            let land = residential.reduce(0) { $0 + $1.area }
            let share = off.reduce(0) { $0 + residential[$1].area } / max(land, 1)
            checks.append(Check(
                share > offNetworkWarningShare ? .warning : .note, "homes-off-network", layer: inputs.files[.landUse],
                "\(off.count) of \(residential.count) residential parcels (\(Reconciliation.percent(share)) of the residential land) lie more than \(limit) m from every walkable road",
                fix: "they count as not reached in the life circles; add the roads that serve them if they are missing",
                examples: off.prefix(20).map { "parcel of unit \(residential[$0].unitCode)" })
                .zh("\(residential.count)个住宅图斑中有\(off.count)个（占住宅用地\(Reconciliation.percent(share))）距任何可步行道路超过\(limit)米",
                    fix: "在生活圈中计为不可达；如缺少服务它们的道路，请补充"))
        }
        return checks
    }
}
