import Testing
import ZoningProject

/// `Project`'s own rules, apart from reading a project file (ProjectFileTests) and running
/// (ProjectRunTests).
@Suite struct ProjectTests {
    /// The one output-holds-an-input rule the project file and the run share: an input in the
    /// folder, below it, or the folder itself; not one in a sibling folder whose name starts
    /// the same.
    @Test func inputInsideTheOutput() {
        let inputs = ["/data/370299/DLTB.shp", "/data/370299/sub/villages.shp", "/data/370299/project.yaml"]
        #expect(Project.inputInside(output: "/data/370299", inputs: inputs) == "/data/370299/DLTB.shp")
        #expect(Project.inputInside(output: "/data/370299/", inputs: inputs) == "/data/370299/DLTB.shp")
        #expect(Project.inputInside(output: "/data/370299/sub", inputs: inputs) == "/data/370299/sub/villages.shp")
        #expect(Project.inputInside(output: "/data/370299/project.yaml", inputs: inputs) == "/data/370299/project.yaml")
        #expect(Project.inputInside(output: "/data/370299/out", inputs: inputs) == nil)
        #expect(Project.inputInside(output: "/data/3702", inputs: inputs) == nil)
        #expect(Project.inputInside(output: "/data/370299-out", inputs: inputs) == nil)
    }
}
