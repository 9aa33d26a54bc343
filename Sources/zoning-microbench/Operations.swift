import CGEOS
@_spi(Benchmark) import ZoningGeometry

/// What one run of an operation computed, compared exactly between the paths so that none
/// can skip work: a count (true predicates) and a sum (areas, result vertices).
struct Tally: Equatable, CustomStringConvertible {
    var count = 0
    var sum = 0.0

    var description: String { "count \(count), sum \(sum)" }
}

/// A GEOS call on a direct path reported an exception (2, or NULL).
struct DirectCallFailed: Error, CustomStringConvertible {
    let operation: String
    var description: String { "GEOS \(operation) failed on the direct path" }
}

/// How an operation is run.
enum Path: String, CaseIterable {
    /// Through ZoningGeometry, as the analyses call it.
    case wrapper
    /// The same GEOS `_r` call on the thread's context, with the handles in plain arrays: the
    /// baseline. It does what a careful C caller does: fetches the context once, checks each
    /// result for an exception, and destroys what it made.
    case direct
    /// The direct call, made in a Swift function that takes the objects and is not inlined
    /// (`Objects` below), as every method on them is: what Swift code pays to call any
    /// function with `Geometry` objects from an array (a retain and release of each around the
    /// call) before the wrapper does anything — the part of the overhead that is the objects',
    /// not the wrapper's.
    case objects
}

/// One hot operation over `units` pairs (or parcels), each made `passes` times, on the same
/// context and geometries on every path. A path runs a range of the units, so that the
/// benchmark can time the work in slices of a few milliseconds.
struct Operation {
    let name: String
    /// Where the analyses make this call.
    let usedBy: String
    let units: Int
    let passes: Int
    let run: [Path: (Range<Int>) throws -> Tally]

    /// Calls per full run.
    var count: Int { units * passes }

    /// The operations timed; `rounds` gives the passes over an operation's units from a
    /// default (cheap calls get more, so that each slice takes a few milliseconds).
    static func all(_ w: Workload, rounds: (Int) -> Int) -> [Operation] {
        let parcels = w.parcels, points = w.points, queries = w.queries, prepared = w.prepared
        let parcelHandles = parcels.map(\.geosHandle)
        let pointHandles = points.map(\.geosHandle)
        let queryHandles = queries.map(\.geosHandle)
        let preparedHandles = prepared.map(\.geosPreparedHandle)
        let queryPairs = w.queryPairs, neighbourPairs = w.neighbourPairs, gap = w.gap

        let pairs = queryPairs.map { ($0.query, $0.parcel) }

        let intersectsRounds = rounds(20), dwithinRounds = rounds(1), intersectionRounds = rounds(1)
        let areaRounds = rounds(100), coversRounds = rounds(300)
        return [
            Operation(
                name: "prepared intersects", usedBy: "Coverage: parcel vs service area",
                units: pairs.count, passes: intersectsRounds,
                run: [
                    .wrapper: { range in
                        var tally = Tally()
                        for _ in 0..<intersectsRounds {
                            for (q, p) in pairs[range] where try prepared[q].intersects(parcels[p]) { tally.count += 1 }
                        }
                        return tally
                    },
                    .direct: { range in
                        let h = GEOSThreadContext.handle
                        var tally = Tally()
                        for _ in 0..<intersectsRounds {
                            for (a, b) in pairs[range] {
                                let result = GEOSPreparedIntersects_r(h, preparedHandles[a], parcelHandles[b])
                                if result == 2 { throw DirectCallFailed(operation: "prepared intersects") }
                                tally.count += Int(result)
                            }
                        }
                        return tally
                    },
                    .objects: { range in
                        let h = GEOSThreadContext.handle
                        var tally = Tally()
                        for _ in 0..<intersectsRounds {
                            for (a, b) in pairs[range] {
                                let result = Objects.preparedIntersects(h, prepared[a], parcels[b])
                                if result == 2 { throw DirectCallFailed(operation: "prepared intersects") }
                                tally.count += Int(result)
                            }
                        }
                        return tally
                    },
                ]),
            Operation(
                name: "distance within", usedBy: "BuiltUpRegions: parcel vs neighbour, gap",
                units: neighbourPairs.count, passes: dwithinRounds,
                run: [
                    .wrapper: { range in
                        var tally = Tally()
                        for _ in 0..<dwithinRounds {
                            for (a, b) in neighbourPairs[range] where try parcels[a].isWithinDistance(gap, of: parcels[b]) { tally.count += 1 }
                        }
                        return tally
                    },
                    .direct: { range in
                        let h = GEOSThreadContext.handle
                        var tally = Tally()
                        for _ in 0..<dwithinRounds {
                            for (a, b) in neighbourPairs[range] {
                                let result = GEOSDistanceWithin_r(h, parcelHandles[a], parcelHandles[b], gap)
                                if result == 2 { throw DirectCallFailed(operation: "distance within") }
                                tally.count += Int(result)
                            }
                        }
                        return tally
                    },
                    .objects: { range in
                        let h = GEOSThreadContext.handle
                        var tally = Tally()
                        for _ in 0..<dwithinRounds {
                            for (a, b) in neighbourPairs[range] {
                                let result = Objects.distanceWithin(h, parcels[a], parcels[b], gap)
                                if result == 2 { throw DirectCallFailed(operation: "distance within") }
                                tally.count += Int(result)
                            }
                        }
                        return tally
                    },
                ]),
            Operation(
                name: "intersection", usedBy: "Coverage: parcel ∩ service area",
                units: pairs.count, passes: intersectionRounds,
                run: [
                    .wrapper: { range in
                        var tally = Tally()
                        for _ in 0..<intersectionRounds {
                            for (q, p) in pairs[range] {
                                tally.sum += Double(try parcels[p].intersection(queries[q]).numberOfPoints)
                            }
                        }
                        return tally
                    },
                    .direct: { range in
                        let h = GEOSThreadContext.handle
                        var tally = Tally()
                        for _ in 0..<intersectionRounds {
                            for (q, p) in pairs[range] {
                                guard let overlap = GEOSIntersection_r(h, parcelHandles[p], queryHandles[q]) else {
                                    throw DirectCallFailed(operation: "intersection")
                                }
                                tally.sum += Double(GEOSGetNumCoordinates_r(h, overlap))
                                GEOSGeom_destroy_r(h, overlap)
                            }
                        }
                        return tally
                    },
                    .objects: { range in
                        let h = GEOSThreadContext.handle
                        var tally = Tally()
                        for _ in 0..<intersectionRounds {
                            for (q, p) in pairs[range] {
                                guard let overlap = Objects.intersection(h, parcels[p], queries[q]) else {
                                    throw DirectCallFailed(operation: "intersection")
                                }
                                tally.sum += Double(GEOSGetNumCoordinates_r(h, overlap))
                                GEOSGeom_destroy_r(h, overlap)
                            }
                        }
                        return tally
                    },
                ]),
            Operation(
                name: "area", usedBy: "Coverage: share of a parcel covered",
                units: parcels.count, passes: areaRounds,
                run: [
                    .wrapper: { range in
                        var tally = Tally()
                        for _ in 0..<areaRounds {
                            for parcel in parcels[range] { tally.sum += parcel.area }
                        }
                        return tally
                    },
                    .direct: { range in
                        let h = GEOSThreadContext.handle
                        var tally = Tally()
                        for _ in 0..<areaRounds {
                            for parcel in parcelHandles[range] {
                                var value = 0.0
                                if GEOSArea_r(h, parcel, &value) == 0 { throw DirectCallFailed(operation: "area") }
                                tally.sum += value
                            }
                        }
                        return tally
                    },
                    .objects: { range in
                        let h = GEOSThreadContext.handle
                        var tally = Tally()
                        for _ in 0..<areaRounds {
                            for parcel in parcels[range] {
                                var value = 0.0
                                if Objects.area(h, parcel, &value) == 0 { throw DirectCallFailed(operation: "area") }
                                tally.sum += value
                            }
                        }
                        return tally
                    },
                ]),
            Operation(
                name: "prepared covers point", usedBy: "Coverage, LifeCircles: region vs home",
                units: pairs.count, passes: coversRounds,
                run: [
                    .wrapper: { range in
                        var tally = Tally()
                        for _ in 0..<coversRounds {
                            for (q, p) in pairs[range] where try prepared[q].covers(points[p]) { tally.count += 1 }
                        }
                        return tally
                    },
                    .direct: { range in
                        let h = GEOSThreadContext.handle
                        var tally = Tally()
                        for _ in 0..<coversRounds {
                            for (a, b) in pairs[range] {
                                let result = GEOSPreparedCovers_r(h, preparedHandles[a], pointHandles[b])
                                if result == 2 { throw DirectCallFailed(operation: "prepared covers") }
                                tally.count += Int(result)
                            }
                        }
                        return tally
                    },
                    .objects: { range in
                        let h = GEOSThreadContext.handle
                        var tally = Tally()
                        for _ in 0..<coversRounds {
                            for (a, b) in pairs[range] {
                                let result = Objects.preparedCovers(h, prepared[a], points[b])
                                if result == 2 { throw DirectCallFailed(operation: "prepared covers") }
                                tally.count += Int(result)
                            }
                        }
                        return tally
                    },
                ]),
        ]
    }
}

/// The direct calls of the `objects` path: each takes the objects, reads their handles and
/// makes the C call, never inlined.
enum Objects {
    @inline(never)
    static func preparedIntersects(_ h: OpaquePointer, _ prepared: PreparedGeometry, _ other: Geometry) -> CChar {
        GEOSPreparedIntersects_r(h, prepared.geosPreparedHandle, other.geosHandle)
    }

    @inline(never)
    static func preparedCovers(_ h: OpaquePointer, _ prepared: PreparedGeometry, _ other: Geometry) -> CChar {
        GEOSPreparedCovers_r(h, prepared.geosPreparedHandle, other.geosHandle)
    }

    @inline(never)
    static func distanceWithin(_ h: OpaquePointer, _ a: Geometry, _ b: Geometry, _ distance: Double) -> CChar {
        GEOSDistanceWithin_r(h, a.geosHandle, b.geosHandle, distance)
    }

    @inline(never)
    static func intersection(_ h: OpaquePointer, _ a: Geometry, _ b: Geometry) -> OpaquePointer? {
        GEOSIntersection_r(h, a.geosHandle, b.geosHandle)
    }

    @inline(never)
    static func area(_ h: OpaquePointer, _ geometry: Geometry, _ value: inout Double) -> Int32 {
        GEOSArea_r(h, geometry.geosHandle, &value)
    }
}
