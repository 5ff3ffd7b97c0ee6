import Foundation
import Testing
import DossierSupport
@testable import DossierSite

/// The listing the build graph stamps inputs and outputs with: every file, with its own size, whatever thread read it.
@Suite struct FolderListingTests {
    @Test func listsEveryFileOnceWithItsSizeAndLeavesIgnoredNamesOut() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-folder-listing-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        var expected: [String: Int] = [:]
        func write(_ path: String, _ text: String) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        // Enough folders at one depth that they are read on several threads, and folders three deep.
        for i in 0..<40 {
            try write("briefs/b\(i)/index.html", String(repeating: "x", count: i))
            expected["/site/briefs/b\(i)/index.html"] = i
            try write("briefs/b\(i)/deep/er/note.txt", "n\(i)")
            expected["/site/briefs/b\(i)/deep/er/note.txt"] = "n\(i)".utf8.count
        }
        try write("index.html", "home")
        expected["/site/index.html"] = 4
        try write(".hidden/secret.html", "no")
        try write("briefs/b1/page.html.swp", "no")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("empty"), withIntermediateDirectories: true)
        // A link to a folder is listed as the link, not followed.
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("link").path, withDestinationPath: "briefs")
        expected["/site/link"] = "briefs".utf8.count

        let listing = FolderListing(of: root.path, prefix: "/site", jobs: .usableCores)
        let sizes = Dictionary(listing.entries.map { line -> (String, Int) in
            let parts = line.split(separator: "\u{0}", omittingEmptySubsequences: false)
            return (String(parts[0]), Int(parts[1])!)
        }) { first, _ in Issue.record("listed twice: \(first)"); return first }
        #expect(sizes == expected)
        #expect(listing.entries.count == expected.count)

        let serial = FolderListing(of: root.path, prefix: "/site", jobs: .one)
        #expect(serial.entries.sorted() == listing.entries.sorted())
        let times = listing.entries.map { Int($0.split(separator: "\u{0}")[2])! }
        #expect(listing.newest == times.max())
        #expect(FolderListing(of: root.appendingPathComponent("missing").path, prefix: "", jobs: .one).entries.isEmpty)
    }
}
