// swift-tools-version:6.0
import PackageDescription

/// The tests of Dossier's modules with unsafe code and no network dependencies, as a package of their own, for
/// `make test-sanitize-ci`: building the root package under a sanitizer instruments every dependency (NIO,
/// BoringSSL, Hummingbird) for about 24 min on two cores, this one builds only what these tests import.
/// Tests/ holds links to the root package's test folders, so the tests are the same files.
let package = Package(
    name: "DossierSanitize",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Dossier", path: "../..")],
    targets: [
        .testTarget(name: "DossierModelTests", dependencies: [
            .product(name: "DossierModel", package: "Dossier"), .product(name: "DossierSupport", package: "Dossier"),
        ]),
        .testTarget(name: "DossierMarkdownTests", dependencies: [.product(name: "DossierMarkdown", package: "Dossier")]),
        .testTarget(name: "DossierTemplatesTests", dependencies: [.product(name: "DossierTemplates", package: "Dossier")],
                    exclude: ["MustacheSpec"]),
    ],
    swiftLanguageModes: [.v6]
)
