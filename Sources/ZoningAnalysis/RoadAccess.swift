import ZoningGeometry

/// The walking network of a run and where the homes and facilities join it — built once, by
/// `WalkingNetworkStep` (whose checks report what it finds: `RoadChecks`), and read by the life
/// circles (`LifeCircleStep`). It is made for one set of inputs, one `LifeCircleParameters` and
/// one set of residential codes, which it keeps.
///
/// ```swift
/// let access = try RoadAccess(inputs, parameters: LifeCircleParameters(), residentialCodes: ["0701"])
/// access.homePositions[0].first?.snap   // metres from the first residential parcel to its road (0: along it)
/// ```
public struct RoadAccess: Sendable {
    public let network: RoadNetwork
    public let parameters: LifeCircleParameters
    public let residentialCodes: Set<String>
    /// The residential parcels (indexes into the inputs' parcels), in order.
    public let residential: [Int]
    /// Each residential parcel's joins (`RoadNetwork.positions`; empty: off the network).
    public let homePositions: [[NetworkPosition]]
    /// Each facility's joins, for every facility of the inputs (whatever its type).
    public let facilityPositions: [[NetworkPosition]]

    public init(_ inputs: AnalysisInputs, parameters: LifeCircleParameters, residentialCodes: Set<String>) throws {
        try self.init(parcels: inputs.parcels, facilities: inputs.facilities, roads: inputs.roads, parameters: parameters, residentialCodes: residentialCodes)
    }

    public init(parcels: [LandParcel], facilities: [Facility], roads: [RoadLine], parameters: LifeCircleParameters, residentialCodes: Set<String>) throws {
        network = try RoadNetwork(lines: roads, excludedClasses: parameters.excludedClasses, honourOneway: parameters.honourOneway)
        self.parameters = parameters
        self.residentialCodes = residentialCodes
        residential = parcels.indices.filter { residentialCodes.contains(parcels[$0].landUse) }
        homePositions = try network.positions(of: residential.map { parcels[$0].geometry }, limit: parameters.snapLimitMetres)
        facilityPositions = try network.positions(of: facilities.map(\.point), limit: parameters.snapLimitMetres)
    }
}
