// swift-tools-version:6.0
// Benchmark: DossierTemplates against hummingbird-project/swift-mustache on the same page.
// A separate package so the main package never depends on swift-mustache.
// Run: cd Benchmarks/TemplateBench && swift run -c release
import PackageDescription

let package = Package(
    name: "TemplateBench",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Dossier", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        .executableTarget(
            name: "TemplateBench",
            dependencies: [
                .product(name: "DossierTemplates", package: "Dossier"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
