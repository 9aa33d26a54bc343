// swift-tools-version: 6.1
// zoning — urban–rural zoning, built-up areas and service coverage for Shandong's
// urbanization plans, over GEOS, PROJ and shapelib.
import PackageDescription

let package = Package(
    name: "zoning",
    products: [
        .executable(name: "zoning", targets: ["zoning"]),
        .library(name: "ZoningGeometry", targets: ["ZoningGeometry"]),
        .library(name: "ZoningProjection", targets: ["ZoningProjection"]),
        .library(name: "ZoningShapefile", targets: ["ZoningShapefile"]),
        .library(name: "ZoningLayers", targets: ["ZoningLayers"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // C libraries from Debian, found through pkg-config.
        .systemLibrary(
            name: "CGEOS", pkgConfig: "geos",
            providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(
            name: "CPROJ", pkgConfig: "proj",
            providers: [.apt(["libproj-dev", "proj-data"])]),
        .systemLibrary(
            name: "CShapelib", pkgConfig: "shapelib",
            providers: [.apt(["libshp-dev"])]),

        // Small helpers shared by the wrappers (per-thread state).
        .target(name: "ZoningSupport"),

        // Wrappers: every C handle is owned here and nowhere else.
        .target(name: "ZoningGeometry", dependencies: ["CGEOS", "ZoningSupport"]),
        .target(name: "ZoningProjection", dependencies: ["CPROJ", "ZoningGeometry", "ZoningSupport"]),
        .target(name: "ZoningShapefile", dependencies: ["CShapelib", "ZoningGeometry", "ZoningSupport"]),

        // Layers: whole files — safe output, reprojection (and, later, readers and joins).
        .target(
            name: "ZoningLayers",
            dependencies: [
                "ZoningGeometry", "ZoningProjection", "ZoningShapefile",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),

        // Analyses: built-up regions, urban–rural classification — pure Swift over the layers.
        .target(
            name: "ZoningAnalysis",
            dependencies: ["ZoningGeometry", "ZoningProjection", "ZoningLayers", "ZoningSupport", .product(name: "Yams", package: "Yams")]),

        // The synthetic sample county in the land-survey schema (zoning sample).
        .target(name: "ZoningSample", dependencies: ["ZoningGeometry", "ZoningProjection", "ZoningShapefile", "ZoningLayers"]),

        // The main job: a project file, every analysis in one run, the manifest and the HTML report.
        .target(
            name: "ZoningProject",
            dependencies: [
                "ZoningGeometry", "ZoningProjection", "ZoningLayers", "ZoningAnalysis", "ZoningSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),

        // The command line, as a library so that tests can drive it in-process.
        .target(
            name: "ZoningCommands",
            dependencies: [
                "ZoningGeometry", "ZoningProjection", "ZoningShapefile", "ZoningLayers", "ZoningSample", "ZoningAnalysis", "ZoningProject",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "zoning", dependencies: ["ZoningCommands"]),

        // Locates ../shared/data for the tests that read real third-party files.
        .target(name: "ZoningTestSupport", path: "Tests/ZoningTestSupport"),
        .testTarget(name: "ZoningSupportTests", dependencies: ["ZoningSupport", "ZoningTestSupport"]),
        .testTarget(name: "ZoningGeometryTests", dependencies: ["ZoningGeometry"]),
        .testTarget(name: "ZoningProjectionTests", dependencies: ["ZoningProjection", "ZoningTestSupport"]),
        .testTarget(name: "ZoningShapefileTests", dependencies: ["ZoningShapefile", "CShapelib", "ZoningTestSupport"]),
        .testTarget(name: "ZoningLayersTests", dependencies: ["ZoningLayers", "ZoningTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "ZoningAnalysisTests", dependencies: ["ZoningAnalysis", "ZoningLayers", "ZoningTestSupport"]),
        .testTarget(name: "ZoningSampleTests", dependencies: ["ZoningSample", "ZoningLayers", "ZoningTestSupport"]),
        .testTarget(name: "ZoningProjectTests", dependencies: [
            "ZoningProject", "ZoningAnalysis", "ZoningLayers", "ZoningGeometry", "ZoningProjection", "ZoningSupport", "ZoningTestSupport"]),
        .testTarget(name: "ZoningCommandsTests", dependencies: [
            "ZoningCommands", "ZoningProject", "ZoningTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
    ]
)
