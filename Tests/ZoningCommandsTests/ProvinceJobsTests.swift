import Foundation
import Testing
@testable import ZoningCommands
import ZoningTestSupport

/// The default --jobs of province mode, worked out by hand from cores and memory.
@Suite struct ProvinceJobsTests {
    @Test func coresUnlessMemoryIsShort() {
        // 20,000 MB × 0.8 = 16,000 MB holds 38 counties of 420 MB: the 2 cores decide.
        let roomy = ProvinceJobs.choose(cores: 2, availableMegabytes: 20_000, countyPeakMegabytes: 420)
        #expect(roomy.jobs == 2)
        #expect(roomy.reason == "--jobs 2: 2 cores; the first county peaked at 420 MB, and 80 % of the 20,000 MB available holds 38 such")
        // 2,000 MB × 0.8 = 1,600 MB holds 3 counties of 450 MB: memory decides.
        #expect(ProvinceJobs.choose(cores: 8, availableMegabytes: 2_000, countyPeakMegabytes: 450).jobs == 3)
        // Less than one county fits: still one at a time, never none.
        #expect(ProvinceJobs.choose(cores: 8, availableMegabytes: 300, countyPeakMegabytes: 450).jobs == 1)
        // Not measured: the cores, said so.
        let unknown = ProvinceJobs.choose(cores: 4, availableMegabytes: nil, countyPeakMegabytes: 450)
        #expect(unknown.jobs == 4 && unknown.reason.contains("not measured"))
        #expect(ProvinceJobs.choose(cores: 1, availableMegabytes: 1_000, countyPeakMegabytes: 0).reason == "--jobs 1: 1 core; the memory a county takes was not measured")
    }

    @Test func availableMemoryFromMeminfo() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("meminfo")
        try "MemTotal:       24684084 kB\nMemFree:         1000000 kB\nMemAvailable:   20480000 kB\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(ProvinceJobs.availableMegabytes(meminfo: path) == 20_000)
        #expect(ProvinceJobs.availableMegabytes(meminfo: folder.file("none")) == nil)
    }
}
