import Foundation
import Testing
@testable import ZoningLayers

/// Whole-file readers refuse a file that would not fit in memory, before reading it.
@Suite struct ReadBudgetTests {
    @Test func theBudgetIsTenTimesTheFile() throws {
        let memory: UInt64 = 16 << 30
        try ReadBudget.check("a.geojson", bytes: Int(memory / 10), format: "GeoJSON", memory: memory)  // 1.6 GB: fits
        #expect { try ReadBudget.check("a.geojson", bytes: Int(memory / 10) + 1, format: "GeoJSON", memory: memory) } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("a.geojson cannot be read: a GeoJSON file is read whole") && text.contains("this machine has 16.0 GB")
                && text.contains("ogr2ogr -f GPKG out.gpkg a.geojson")
        }
        // A size whose tenfold overflows is refused, not wrapped round to a small number.
        #expect(throws: LayerError.self) { try ReadBudget.check("a.csv", bytes: Int.max, format: "CSV", memory: memory) }
    }

    @Test func ordinaryFilesPass() throws {
        try ReadBudget.check("a.csv", bytes: 1 << 20, format: "CSV")
        try ReadBudget.check("a.csv", bytes: 0, format: "CSV")
    }
}
