// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Dossier",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dossier", targets: ["dossier"]),
        .library(name: "DossierModel", targets: ["DossierModel"]),
        .library(name: "DossierContent", targets: ["DossierContent"]),
        .library(name: "DossierMarkdown", targets: ["DossierMarkdown"]),
        .library(name: "DossierTemplates", targets: ["DossierTemplates"]),
        .library(name: "DossierSite", targets: ["DossierSite"]),
        .library(name: "DossierServe", targets: ["DossierServe"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]), .brew(["cmark-gfm"])]
        ),
        .target(name: "DossierModel"),
        .target(name: "DossierMarkdown", dependencies: ["CCmarkGFM"]),
        .target(name: "DossierTemplates"),
        // DossierContent reads front matter with libyaml's event API through Yams' CYaml module.
        .target(
            name: "DossierContent",
            dependencies: ["DossierModel", "DossierMarkdown", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "DossierSite",
            dependencies: [
                "DossierModel", "DossierContent", "DossierMarkdown", "DossierTemplates",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "DossierServe",
            dependencies: [
                "DossierModel", "DossierSite", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "dossier",
            dependencies: ["DossierSite", "DossierServe", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(name: "DossierTestSupport", dependencies: ["DossierModel", "DossierSite"], path: "Tests/DossierTestSupport"),
        .testTarget(name: "DossierModelTests", dependencies: ["DossierModel"]),
        .testTarget(name: "DossierMarkdownTests", dependencies: ["DossierMarkdown"]),
        .testTarget(name: "DossierTemplatesTests", dependencies: ["DossierTemplates"]),
        .testTarget(name: "DossierContentTests", dependencies: ["DossierContent", "DossierTestSupport"]),
        .testTarget(name: "DossierSiteTests", dependencies: ["DossierSite", "DossierTestSupport"]),
        .testTarget(name: "DossierServeTests", dependencies: ["DossierServe", "DossierSite", "DossierTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
