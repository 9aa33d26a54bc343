import Foundation
import ZoningDatabase
import ZoningLayers
import ZoningTestSupport

/// A schema of its own for each test, dropped with everything in it afterwards.
final class ScratchSchema {
    let name: String
    let admin: DatabaseConnection

    init(_ prefix: String = "t") throws {
        name = TestDatabase.uniqueName(prefix)
        admin = try DatabaseConnection(DatabaseURL(TestDatabase.requiredURL()))
    }

    deinit { _ = try? admin.execute("DROP SCHEMA IF EXISTS \(try admin.quoteIdentifier(name)) CASCADE") }

    /// The test database's URL naming `schema.table`.
    func url(_ table: String, schema: String? = nil) throws -> DatabaseURL {
        try DatabaseURL(TestDatabase.requiredURL()).naming(table: TableName(schema: schema ?? name, name: table).description)
    }

    /// Every feature of a layer.
    static func features(_ source: FeatureSource) throws -> [Feature] {
        var all: [Feature] = []
        try source.forEach { all.append($0) }
        return all
    }
}
