/// Decides which paths of a site folder a watcher reports: everything under `Content/`, `Templates/` and
/// `Editions/` (a new edition recorded by `dossier edition`) except dot files and the temporary files editors write
/// while saving.
public enum WatchFilter {
    /// The folders of a site that are watched, relative to the site folder.
    public static let watchedFolders = ["Content", "Templates", "Editions"]

    /// Whether a change at `relativePath` (relative to the site folder) should trigger a build.
    public static func isRelevant(_ relativePath: String) -> Bool {
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: true)
        guard let first = parts.first, watchedFolders.contains(String(first)) else { return false }
        return !parts.dropFirst().contains { isIgnoredName(String($0)) }
    }

    /// Whether a single file or folder name is an editor's scratch file or a hidden file.
    public static func isIgnoredName(_ name: String) -> Bool {
        if name.hasPrefix(".") || name.hasPrefix("#") || name.hasSuffix("~") || name == "4913" { return true }
        let ignoredSuffixes = [".swp", ".swo", ".swx", ".tmp", ".temp", "___jb_tmp___", "___jb_old___", ".crswap", ".kate-swp"]
        return ignoredSuffixes.contains { name.hasSuffix($0) }
    }
}
