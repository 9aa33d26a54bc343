import Foundation
import Testing
import ZoningGeometry
import ZoningProjection

/// PROJ contexts are per thread: reading CRSs and failing on bad ones from many threads at once
/// gives every thread the same answers and its own error messages.
@Suite struct ProjectionContextTests {
    @Test func threadsReadCRSsIndependently() async throws {
        let definitions = ["EPSG:4490", "EPSG:4528", "EPSG:4549", CoordinateReferenceSystemTests.esriZone40]
        let expected = try definitions.map { try CoordinateReferenceSystem($0) }
        let results = try await withThrowingTaskGroup(of: (Int, [CoordinateReferenceSystem], String).self) { group in
            for worker in 0..<16 {
                group.addTask {
                    let read = try definitions.map { try CoordinateReferenceSystem($0) }
                    var message = ""
                    do { _ = try CoordinateReferenceSystem("EPSG:9\(worker)9999") } catch { message = "\(error)" }
                    return (worker, read, message)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 16)
        for (worker, read, message) in results {
            #expect(read == expected)
            #expect(message.contains("EPSG:9\(worker)9999"))
            #expect(message.contains("crs not found"))
        }
    }

    /// Transforms and geodesic areas computed in 16 tasks at once agree with the serial run.
    @Test func tasksTransformAndMeasureIndependently() async throws {
        let square = try Geometry(wkt: "POLYGON((40500000 4000000, 40501000 4000000, 40501000 4001000, 40500000 4001000, 40500000 4000000))")
        let zone40 = try CoordinateReferenceSystem("EPSG:4528")
        func work() throws -> [Double] {
            let toGeographic = try CoordinateTransform(from: zone40, to: CoordinateReferenceSystem("EPSG:4490"))
            let geographic = try toGeographic.apply(to: square)
            return [try Geodesic().area(of: square, in: zone40), try SurveyArea().area(ofLonLat: geographic), geographic.bounds!.minX]
        }
        let expected = try work()
        let results = try await withThrowingTaskGroup(of: [Double].self) { group in
            for _ in 0..<16 { group.addTask { try work() } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 16 && results.allSatisfy { $0 == expected })
    }
}
