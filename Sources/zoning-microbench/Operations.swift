import CGEOS
@_spi(Benchmark) import ZoningGeometry

/// What one run of an operation computed, compared exactly between the two paths so that
/// neither can skip work: a count (true predicates, non-empty results) and a sum (areas,
/// result vertices).
struct Tally: Equatable, CustomStringConvertible {
    var count = 0
    var sum = 0.0

    var description: String { "count \(count), sum \(sum)" }
}

/// A GEOS call on the direct path reported an exception (2, or NULL).
struct DirectCallFailed: Error, CustomStringConvertible {
    let operation: String
    var description: String { "GEOS \(operation) failed on the direct path" }
}

/// One hot operation, run `count` times per run through the wrapper and through the same C
/// call on the same context and geometries. The direct path does what a careful C caller does:
/// fetches the thread's context once, checks each result for an exception, and destroys what
/// it made.
struct Operation {
    let name: String
    /// Where the analyses make this call.
    let usedBy: String
    let count: Int
    let wrapper: () throws -> Tally
    let direct: () throws -> Tally

    /// The operations timed, each over `rounds` passes of its pairs.
    static func all(_ w: Workload, scale rounds: (Int) -> Int) -> [Operation] {
        let parcels = w.parcels, points = w.points, queries = w.queries, prepared = w.prepared
        let parcelHandles = parcels.map(\.geosHandle)
        let pointHandles = points.map(\.geosHandle)
        let queryHandles = queries.map(\.geosHandle)
        let preparedHandles = prepared.map(\.geosPreparedHandle)
        let queryPairs = w.queryPairs, neighbourPairs = w.neighbourPairs, gap = w.gap

        // Each predicate is cheap next to an overlay, so it gets more passes for a stable time.
        let intersectsRounds = rounds(20), dwithinRounds = rounds(1), intersectionRounds = rounds(1)
        let areaRounds = rounds(100), coversRounds = rounds(40)
        return [
            Operation(
                name: "prepared intersects", usedBy: "Coverage: parcel vs service area",
                count: queryPairs.count * intersectsRounds,
                wrapper: {
                    var tally = Tally()
                    for _ in 0..<intersectsRounds {
                        for (q, p) in queryPairs where try prepared[q].intersects(parcels[p]) { tally.count += 1 }
                    }
                    return tally
                },
                direct: {
                    let h = GEOSThreadContext.handle
                    var tally = Tally()
                    for _ in 0..<intersectsRounds {
                        for (q, p) in queryPairs {
                            let result = GEOSPreparedIntersects_r(h, preparedHandles[q], parcelHandles[p])
                            if result == 2 { throw DirectCallFailed(operation: "prepared intersects") }
                            tally.count += Int(result)
                        }
                    }
                    return tally
                }),
            Operation(
                name: "distance within", usedBy: "BuiltUpRegions: parcel vs neighbour, gap",
                count: neighbourPairs.count * dwithinRounds,
                wrapper: {
                    var tally = Tally()
                    for _ in 0..<dwithinRounds {
                        for (a, b) in neighbourPairs where try parcels[a].isWithinDistance(gap, of: parcels[b]) { tally.count += 1 }
                    }
                    return tally
                },
                direct: {
                    let h = GEOSThreadContext.handle
                    var tally = Tally()
                    for _ in 0..<dwithinRounds {
                        for (a, b) in neighbourPairs {
                            let result = GEOSDistanceWithin_r(h, parcelHandles[a], parcelHandles[b], gap)
                            if result == 2 { throw DirectCallFailed(operation: "distance within") }
                            tally.count += Int(result)
                        }
                    }
                    return tally
                }),
            Operation(
                name: "intersection", usedBy: "Coverage: parcel ∩ service area",
                count: queryPairs.count * intersectionRounds,
                wrapper: {
                    var tally = Tally()
                    for _ in 0..<intersectionRounds {
                        for (q, p) in queryPairs {
                            let overlap = try parcels[p].intersection(queries[q])
                            tally.sum += Double(overlap.numberOfPoints)
                        }
                    }
                    return tally
                },
                direct: {
                    let h = GEOSThreadContext.handle
                    var tally = Tally()
                    for _ in 0..<intersectionRounds {
                        for (q, p) in queryPairs {
                            guard let overlap = GEOSIntersection_r(h, parcelHandles[p], queryHandles[q]) else {
                                throw DirectCallFailed(operation: "intersection")
                            }
                            tally.sum += Double(GEOSGetNumCoordinates_r(h, overlap))
                            GEOSGeom_destroy_r(h, overlap)
                        }
                    }
                    return tally
                }),
            Operation(
                name: "area", usedBy: "every analysis: parcel areas",
                count: parcels.count * areaRounds,
                wrapper: {
                    var tally = Tally()
                    for _ in 0..<areaRounds {
                        for parcel in parcels { tally.sum += parcel.area }
                    }
                    return tally
                },
                direct: {
                    let h = GEOSThreadContext.handle
                    var tally = Tally()
                    for _ in 0..<areaRounds {
                        for parcel in parcelHandles {
                            var value = 0.0
                            if GEOSArea_r(h, parcel, &value) == 0 { throw DirectCallFailed(operation: "area") }
                            tally.sum += value
                        }
                    }
                    return tally
                }),
            Operation(
                name: "prepared covers point", usedBy: "Coverage, LifeCircles: region vs home",
                count: queryPairs.count * coversRounds,
                wrapper: {
                    var tally = Tally()
                    for _ in 0..<coversRounds {
                        for (q, p) in queryPairs where try prepared[q].covers(points[p]) { tally.count += 1 }
                    }
                    return tally
                },
                direct: {
                    let h = GEOSThreadContext.handle
                    var tally = Tally()
                    for _ in 0..<coversRounds {
                        for (q, p) in queryPairs {
                            let result = GEOSPreparedCovers_r(h, preparedHandles[q], pointHandles[p])
                            if result == 2 { throw DirectCallFailed(operation: "prepared covers") }
                            tally.count += Int(result)
                        }
                    }
                    return tally
                }),
        ]
    }
}
