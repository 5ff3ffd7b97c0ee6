@testable import DossierServe
import Foundation
import Testing

@Suite struct StaticFileResolverTests {
    /// An `Output/` with pages, a dot file, a secret beside it, and symlinks pointing in and out.
    struct Layout {
        let folder: TempFolder
        let resolver: StaticFileResolver
        var root: String { resolver.root }

        init() throws {
            folder = try TempFolder()
            try folder.write("Output/index.html", "<p>home</p>")
            try folder.write("Output/actors/index.html", "<p>actors</p>")
            try folder.write("Output/actors/agency/index.html", "<p>agency</p>")
            try folder.write("Output/assets/style.css", "body{}")
            try folder.write("Output/data/export.json", "{}")
            try folder.write("Output/.dossier-manifest.json", "{}")
            try folder.write("Output/no-index/readme.txt", "x")
            try folder.write("secret.txt", "TOP SECRET")
            try folder.write("elsewhere/index.html", "outside")
            let fm = FileManager.default
            try fm.createSymbolicLink(atPath: folder.path("Output/leak.txt"), withDestinationPath: "../secret.txt")
            try fm.createSymbolicLink(atPath: folder.path("Output/leakdir"), withDestinationPath: folder.path("elsewhere"))
            try fm.createSymbolicLink(atPath: folder.path("Output/alias.css"), withDestinationPath: "assets/style.css")
            resolver = StaticFileResolver(root: folder.url.appendingPathComponent("Output"))
        }
    }

    @Test func foldersServeTheirIndexAndRedirectWithoutTheSlash() throws {
        let l = try Layout()
        defer { l.folder.remove() }
        #expect(l.resolver.resolve("/") == .file(path: l.root + "/index.html", contentType: "text/html; charset=utf-8"))
        #expect(l.resolver.resolve("/actors/") == .file(path: l.root + "/actors/index.html", contentType: "text/html; charset=utf-8"))
        #expect(l.resolver.resolve("/actors/agency/?from=home#x")
            == .file(path: l.root + "/actors/agency/index.html", contentType: "text/html; charset=utf-8"))
        #expect(l.resolver.resolve("/actors") == .redirect(location: "/actors/"))
        #expect(l.resolver.resolve("/actors/agency?from=home") == .redirect(location: "/actors/agency/?from=home"))
        #expect(l.resolver.resolve("//actors") == .redirect(location: "/actors/"), "never a protocol-relative //host redirect")
        #expect(l.resolver.resolve("/no-index/") == .notFound)
        #expect(l.resolver.resolve("/missing.html") == .notFound)
        #expect(l.resolver.resolve("/./actors/./") == .file(path: l.root + "/actors/index.html", contentType: "text/html; charset=utf-8"))
    }

    @Test func contentTypesByExtension() throws {
        let l = try Layout()
        defer { l.folder.remove() }
        #expect(l.resolver.resolve("/assets/style.css") == .file(path: l.root + "/assets/style.css", contentType: "text/css; charset=utf-8"))
        #expect(l.resolver.resolve("/data/export.json") == .file(path: l.root + "/data/export.json", contentType: "application/json; charset=utf-8"))
        let expected = ["a.html": "text/html; charset=utf-8", "a.js": "text/javascript; charset=utf-8", "a.xml": "application/xml; charset=utf-8",
                        "a.svg": "image/svg+xml; charset=utf-8", "a.png": "image/png", "a.JPG": "image/jpeg", "a.jpeg": "image/jpeg",
                        "a.ics": "text/calendar; charset=utf-8", "a.csv": "text/csv; charset=utf-8", "a.txt": "text/plain; charset=utf-8",
                        "x/a.woff2": "font/woff2", "Makefile": "application/octet-stream", ".hidden": "application/octet-stream"]
        for (name, type) in expected { #expect(ContentType.forPath(name) == type, "\(name)") }
    }

    @Test(arguments: [
        "/../secret.txt", "/actors/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2e/%2e%2E/etc/passwd", "/.%2e/secret.txt",
        "/actors/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/actors%2f..%2f..%2fsecret.txt",
        "/..\\secret.txt", "/%5c..%5csecret.txt", "/index.html%00.css", "secret.txt", "../secret.txt",
        "http://127.0.0.1/../secret.txt", "/%zz", "/leak.txt", "/leakdir/", "/leakdir/index.html", "/leakdir",
    ])
    func traversalIsRefused(_ target: String) throws {
        let l = try Layout()
        defer { l.folder.remove() }
        let resolution = l.resolver.resolve(target)
        #expect(resolution == .refused, "\(target) → \(resolution)")
    }

    @Test func absolutePathsStayInsideTheRoot() throws {
        let l = try Layout()
        defer { l.folder.remove() }
        #expect(l.resolver.resolve("/etc/passwd") == .notFound)
        #expect(l.resolver.resolve(l.folder.path("secret.txt")) == .notFound)
        #expect(l.resolver.resolve("//etc/passwd") == .notFound)
    }

    @Test func dotFilesAreNeverServedButSymlinksInsideAre() throws {
        let l = try Layout()
        defer { l.folder.remove() }
        #expect(l.resolver.resolve("/.dossier-manifest.json") == .notFound)
        #expect(l.resolver.resolve("/%2edossier-manifest.json") == .notFound)
        #expect(l.resolver.resolve("/alias.css") == .file(path: l.root + "/assets/style.css", contentType: "text/css; charset=utf-8"))
    }

    @Test func targetsSplitBeforeDecoding() {
        #expect(StaticFileResolver.segments(of: "/a%20b/c.html?q=1")
            == .init(segments: ["a b", "c.html"], endsWithSlash: false, query: "q=1"))
        #expect(StaticFileResolver.segments(of: "/a%2Fb") == nil)
        #expect(StaticFileResolver.segments(of: "/a/b/") == .init(segments: ["a", "b"], endsWithSlash: true, query: nil))
        #expect(StaticFileResolver.segments(of: "*") == nil)
    }
}
