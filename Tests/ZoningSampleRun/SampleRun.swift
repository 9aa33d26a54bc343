import Foundation
import ZoningProject
import ZoningTestSupport

/// One run of the embedded sample (Shapefiles/project.yaml) into a temporary folder, made once
/// per test process and shared by the tests that read its outputs.
public enum SampleRun {
    public struct Fixture: Sendable {
        public var result: RunResult
        /// The output folder.
        public var folder: String
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) {
            self.description = description
        }
    }

    public static let project = checkoutRoot + "/Shapefiles/project.yaml"

    private static let shared: Result<Fixture, Failure> = {
        do {
            var project = try Project(contentsOf: project)
            project.output = FileManager.default.temporaryDirectory.appendingPathComponent("zoning-test-run-\(UUID().uuidString)/sample").path
            return .success(Fixture(result: try ProjectRun.run(project, overwrite: false), folder: project.output))
        } catch {
            return .failure(Failure(description: "\(error)"))
        }
    }()

    public static func get() throws -> Fixture { try shared.get() }

    /// The sample project with its output in `folder`.
    public static func project(writingTo folder: String) throws -> Project {
        var project = try Project(contentsOf: project)
        project.output = folder
        return project
    }
}
