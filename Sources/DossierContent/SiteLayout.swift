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
    public static func isIgnored(name: some StringProtocol) -> Bool {
        if name.hasPrefix(".") || name.hasPrefix("#") || name.hasSuffix("~") || name == "4913" { return true }
        return ignoredSuffixes.contains { name.hasSuffix($0) }
    }

    /// The endings of editors' swap and temporary files (vim, JetBrains, Chrome's file system access, Kate).
    private static let ignoredSuffixes = [".swp", ".swo", ".swx", ".tmp", ".temp", "___jb_tmp___", "___jb_old___", ".crswap",
                                          ".kate-swp"]

    /// Whether a file at `relativePath` (relative to the site folder) is an input of the build: under one of
    /// `inputFolders`, with no part of its path skipped by `isIgnored`.
    public static func isInput(_ relativePath: String) -> Bool {
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: true)
        guard let first = parts.first, inputFolders.contains(String(first)) else { return false }
        return !parts.dropFirst().contains { isIgnored(name: $0) }
    }
}
