import Foundation
import Testing
import DossierSupport
@testable import DossierContent
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

    /// A listing line made as bytes is the line string interpolation gives, for any size and time.
    @Test(arguments: [(0, 0, 0), (1, 1, 5), (4_096, 1_733_300_000, 123_456_789), (10, -1, 0), (99_999, -5, 999_999_999),
                      (Int(Int32.max), 9_223_372_035, 854_775_807)])
    func entryLinesAreWhatInterpolationGives(_ size: Int, _ seconds: Int, _ nanoseconds: Int) {
        var info = stat()
        info.st_size = off_t(size)
        info.st_mtim = timespec(tv_sec: seconds, tv_nsec: nanoseconds)
        let stamp = FileStamp(info)
        #expect(FolderListing.entry("/site/briefs", "é ü.html", stamp) == "/site/briefs/é ü.html\u{0}\(stamp.size)\u{0}\(stamp.modified)")
        #expect(FolderListing.entry("", "a", stamp) == "/a\u{0}\(size)\u{0}\(stamp.modified)")
    }

    /// Names compared as bytes are ignored exactly as the editors' scratch files and hidden files they stand for.
    @Test func ignoredNamesAreHiddenAndScratchFiles() {
        for name in [".git", ".DS_Store", "#a.md#", "a.md~", "4913", "a.swp", ".a.swo", "b.swx", "c.tmp", "d.temp", "e.md___jb_tmp___",
                     "f___jb_old___", "g.crswap", "h.kate-swp", "é.tmp", ".", "~"] {
            #expect(SiteLayout.isIgnored(name: name), "\(name)")
            #expect(SiteLayout.isIgnored(name: Substring("x/" + name).dropFirst(2)), "\(name) as a substring")
        }
        for name in ["", "a.md", "swp", "a.swpx", "49130", "a4913", "tmp", "a.tmp.md", "é.md", "a#", "index.html", "a~b"] {
            #expect(!SiteLayout.isIgnored(name: name), "\(name)")
        }
    }
}
