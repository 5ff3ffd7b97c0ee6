/// The layout of a site folder: the names of its folders and the one rule for which files every walker (the
/// loader, the theme, the build record's input scan, the watchers) leaves out.
///
/// A new folder of the site, or a new kind of scratch file to skip, is a change here and nowhere else.
public enum SiteLayout {
    /// The content: one folder per item kind, each file an item.
    public static let content = "Content"
    /// Templates and assets laid over the built-in theme.
    public static let templates = "Templates"
    /// The edition history, one file per published edition.
    public static let editions = "Editions"
    /// Where a build writes the site unless told otherwise.
    public static let output = "Output"
    /// The build record and other state a build keeps for the next one; never content.
    public static let buildState = ".dossier"
    /// The folder of `Content/sources/` that keeps imported originals as evidence; never content to build.
    public static let originals = "originals"

    /// The folders whose files are a build's input, in the order the build record digests them: a change in any of
    /// them means a build, and the watchers watch them.
    public static let inputFolders = [content, editions, templates]

    /// Whether every walker skips a file or folder called `name`: hidden files, and the scratch and backup files
    /// editors write while saving.
    ///
    /// Compared as UTF-8 bytes, since every marker is ASCII: comparing characters cost about 1,000 instructions a
    /// name, a fifth of listing a built site's files.
    public static func isIgnored(name: some StringProtocol) -> Bool {
        if let ignored = name.utf8.withContiguousStorageIfAvailable(isIgnored(utf8:)) { return ignored }
        return Array(name.utf8).withUnsafeBufferPointer(isIgnored(utf8:))
    }

    private static func isIgnored(utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = utf8.first, let last = utf8.last else { return false }
        if first == UInt8(ascii: ".") || first == UInt8(ascii: "#") || last == UInt8(ascii: "~") || utf8.elementsEqual("4913".utf8) {
            return true
        }
        return ignoredSuffixes.contains { $0.last == last && utf8.count >= $0.count && utf8.suffix($0.count).elementsEqual($0) }
    }

    /// The endings of editors' swap and temporary files (vim, JetBrains, Chrome's file system access, Kate), as UTF-8.
    private static let ignoredSuffixes = [".swp", ".swo", ".swx", ".tmp", ".temp", "___jb_tmp___", "___jb_old___", ".crswap",
                                          ".kate-swp"].map { Array($0.utf8) }

    /// Whether a file at `relativePath` (relative to the site folder) is an input of the build: under one of
    /// `inputFolders`, with no part of its path skipped by `isIgnored`.
    public static func isInput(_ relativePath: String) -> Bool {
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: true)
        guard let first = parts.first, inputFolders.contains(String(first)) else { return false }
        return !parts.dropFirst().contains { isIgnored(name: $0) }
    }
}
