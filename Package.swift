// swift-tools-version:6.0
import PackageDescription

// Data flow: Content/ → ContentReader (MarkdownTree over cmark-gfm, CSV, YAML) → PlanModel
// → Linking (departments, indicators) → Progress (status) → SiteRender (templates, Charts)
// → SiteOutput (atomic write). Pipeline strings the stages together; `plansite` is a thin CLI.
let package = Package(
    name: "plansite",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "plansite", targets: ["plansite"]),
        .library(name: "Pipeline", targets: ["Pipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.0"),
    ],
    targets: [
        .systemLibrary(name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .target(name: "MarkdownTree", dependencies: ["CCmarkGFM"]),
        // A fingerprint of bytes (ContentHash): file hashes of the manifest, digests of text.
        .target(name: "Fingerprint"),
        .target(name: "PlanModel", dependencies: ["Fingerprint"]),
        .target(name: "ContentReader", dependencies: [
            "PlanModel", "MarkdownTree", .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "Linking", dependencies: ["PlanModel"]),
        .target(name: "Progress", dependencies: ["PlanModel", "Linking"]),
        .target(name: "Charts"),
        .target(name: "SiteRender", dependencies: [
            "PlanModel", "Linking", "Progress", "Charts", "MarkdownTree", "Fingerprint",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .target(name: "CFileSwap"),
        .target(name: "SiteOutput", dependencies: ["CFileSwap", "Fingerprint"]),
        // What a build reuses from the one before it: manifest, plan cache, the reuse decisions.
        .target(name: "Incremental", dependencies: ["PlanModel", "Linking", "SiteOutput", "Fingerprint"]),
        // The default templates, the example content and the program's version, generated at
        // build time from the checkout (Plugins/EmbedDefaults).
        .executableTarget(name: "plansite-embed"),
        .plugin(name: "EmbedDefaults", capability: .buildTool(), dependencies: ["plansite-embed"]),
        .target(name: "Embedded", plugins: ["EmbedDefaults"]),
        .target(name: "Pipeline", dependencies: [
            "PlanModel", "ContentReader", "Linking", "Progress", "SiteRender", "SiteOutput", "Incremental", "Embedded",
        ]),
        // plansite import: plain-text plan → draft plan.md, indicators.csv, review.md (docs/import.md).
        .target(name: "Importer", dependencies: ["PlanModel", "ContentReader"]),
        .target(name: "PreviewServer", dependencies: [
            "Pipeline", .product(name: "FlyingFox", package: "FlyingFox"),
        ]),
        .executableTarget(name: "plansite", dependencies: [
            "Pipeline", "Importer", "PreviewServer", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // libFuzzer target for the content readers (scripts/fuzz.sh, docs/fuzzing.md); without
        // -DFUZZING it builds as a replayer of saved inputs.
        .executableTarget(name: "plansite-fuzz", dependencies: ["ContentReader", "PlanModel"],
                          path: "Fuzz/ContentFuzz"),
        // make bench (scripts/bench.py, docs/performance.md): cmark-gfm alone, the floor.
        .executableTarget(name: "plansite-floor", dependencies: ["MarkdownTree"], path: "Benchmarks/Floor"),
        // Helpers shared by the test targets (a deterministic generator).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "MarkdownTreeTests", dependencies: ["MarkdownTree"]),
        .testTarget(name: "ContentReaderTests", dependencies: ["ContentReader", "PlanModel", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "LinkingTests", dependencies: ["Linking", "ContentReader", "PlanModel", "TestSupport"]),
        .testTarget(name: "ProgressTests", dependencies: ["Progress", "ContentReader", "PlanModel"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts"], exclude: ["__Snapshots__"]),
        .testTarget(name: "SiteRenderTests", dependencies: [
            "SiteRender", "Pipeline", "ContentReader", "Progress", "Linking", "PlanModel", "TestSupport",
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .testTarget(name: "SiteOutputTests", dependencies: ["SiteOutput", "Fingerprint"]),
        .testTarget(name: "IncrementalTests", dependencies: ["Incremental", "SiteOutput", "ContentReader", "Linking", "PlanModel", "Fingerprint", "SiteRender"]),
        .testTarget(name: "PipelineTests", dependencies: [
            "Pipeline", "Incremental", "SiteRender", "ContentReader", "Progress", "Linking", "PlanModel",
        ]),
        .testTarget(name: "PlanModelTests", dependencies: ["PlanModel", "TestSupport"]),
        .testTarget(name: "PlansiteCLITests", dependencies: ["Pipeline"]),
        .testTarget(name: "BundledContentTests", dependencies: ["Pipeline", "PlanModel"]),
        // Fixtures are read through #filePath, not as bundle resources.
        .testTarget(name: "ImporterTests", dependencies: ["Importer", "ContentReader", "PlanModel", "Pipeline"],
                    exclude: ["Fixtures"]),
    ]
)
