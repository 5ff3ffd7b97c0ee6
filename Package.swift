// swift-tools-version:6.0
import PackageDescription

/// `make install` sets DOSSIER_STATIC=1 for the self-contained binary: Debian ships mimalloc only as a shared
/// library, so that build does without it (the Makefile links everything else from static archives).
let staticBinary = Context.environment["DOSSIER_STATIC"] == "1"
/// The commit `dossier --version` names, set by the Makefile from `git rev-parse HEAD`; empty when unknown.
let sourceCommit = Context.environment["DOSSIER_SOURCE_COMMIT"] ?? ""

let package = Package(
    name: "Dossier",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dossier", targets: ["dossier"]),
        .library(name: "DossierSupport", targets: ["DossierSupport"]),
        .library(name: "DossierModel", targets: ["DossierModel"]),
        .library(name: "DossierContent", targets: ["DossierContent"]),
        .library(name: "DossierMarkdown", targets: ["DossierMarkdown"]),
        .library(name: "DossierTemplates", targets: ["DossierTemplates"]),
        .library(name: "DossierSite", targets: ["DossierSite"]),
        .library(name: "DossierServe", targets: ["DossierServe"]),
        // publish: the publishers library
        .library(name: "DossierPublish", targets: ["DossierPublish"]),
        // import: saved pages, URLs and PDFs into source files
        .library(name: "DossierImport", targets: ["DossierImport"]),
        // A site written inline, built, edited and built again, with assertions: for end-to-end tests (Swift Testing)
        .library(name: "DossierTesting", targets: ["DossierTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        // publish: HTTP client for S3-compatible stores
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.100.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.20.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]), .brew(["cmark-gfm"])]
        ),
        // import: libxml2's HTML parser, used only by DossierImport
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        // The source commit the binary was built from, compiled in as a C string (see DOSSIER_SOURCE_COMMIT above).
        .target(name: "DossierBuildInfo", cSettings: [.define("DOSSIER_SOURCE_COMMIT", to: "\"\(sourceCommit)\"")]),
        // Small utilities with no domain in them: parallel map, hashing, text buffers, media types.
        .target(name: "DossierSupport"),
        .target(name: "DossierModel", dependencies: ["DossierSupport"]),
        .target(name: "DossierMarkdown", dependencies: ["CCmarkGFM", "DossierSupport"]),
        .target(name: "DossierTemplates", dependencies: ["DossierSupport"]),
        // DossierContent reads plain front matter itself (PlainYAML) and the rest with libyaml's event API through
        // Yams' CYaml module; it hashes the originals `dossier import` keeps with swift-crypto.
        .target(
            name: "DossierContent",
            dependencies: [
                "DossierModel", "DossierSupport", "DossierMarkdown", .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "DossierSite",
            dependencies: [
                "DossierModel", "DossierSupport", "DossierContent", "DossierMarkdown", "DossierTemplates",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "DossierServe",
            dependencies: [
                "DossierModel", "DossierSupport", "DossierContent", "DossierSite", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The tool allocates with mimalloc (Debian's libmimalloc-dev): linked first, it takes over malloc for the whole
        // process, and a build spends about a tenth less time than with glibc's allocator. The static binary of
        // `make install` uses glibc's allocator (see staticBinary).
        .executableTarget(
            name: "dossier",
            dependencies: [
                "DossierSite", "DossierServe", "DossierPublish", "DossierImport", "DossierSupport", "DossierBuildInfo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: staticBinary ? [] : [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        // SiteTestBuilder: a whole site written inline (`-- path --` sections), built, edited, built again, asserted on.
        .target(name: "DossierTesting", dependencies: ["DossierModel", "DossierSite", "DossierSupport"]),
        .target(name: "DossierTestSupport", dependencies: ["DossierModel", "DossierSite", "DossierTesting"],
                path: "Tests/DossierTestSupport"),
        .testTarget(name: "DossierModelTests", dependencies: ["DossierModel", "DossierSupport"]),
        .testTarget(name: "DossierMarkdownTests", dependencies: ["DossierMarkdown"]),
        .testTarget(name: "DossierTemplatesTests", dependencies: ["DossierTemplates", "DossierSupport"], exclude: ["MustacheSpec"]),
        .testTarget(name: "DossierContentTests", dependencies: ["DossierContent", "DossierTestSupport"]),
        .testTarget(name: "DossierSiteTests", dependencies: ["DossierSite", "DossierSupport", "DossierContent", "DossierTemplates",
                                                            "DossierTestSupport", "DossierTesting"],
                    exclude: ["FuzzRegressions"]),
        .testTarget(name: "DossierServeTests", dependencies: ["DossierServe", "DossierContent", "DossierSite", "DossierTestSupport"]),
        // publish: publishers (S3-compatible, git branch, folder) and their tests
        .target(
            name: "DossierPublish",
            dependencies: [
                "DossierModel", "DossierSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "DossierPublishTests",
            dependencies: ["DossierPublish", "DossierSite", "DossierTestSupport"],
            exclude: ["Scripts"]
        ),
        // import: `dossier import` (pages, URLs, PDFs → source files) and its tests, with a loopback HTTP server
        .target(
            name: "DossierImport",
            dependencies: [
                "DossierModel", "CLibXML2",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "DossierImportTests",
            dependencies: [
                "DossierImport", "DossierContent",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
