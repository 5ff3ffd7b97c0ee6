import DossierBuildInfo

/// The version `dossier --version` prints: the release number and the source commit the binary was built from.
enum DossierVersion {
    /// The release number.
    static let number = "0.1.0"

    /// The full hash of the commit the binary was built from (the Makefile passes it in, and appends `-modified`
    /// when tracked files differed from it), or nil for a build that did not know it (plain `swift build`, or a
    /// source tree without git).
    static let commit: String? = {
        let hash = String(cString: dossier_source_commit())
        return hash.isEmpty ? nil : hash
    }()

    /// What `--version` prints, e.g. `0.1.0 (commit 0123abc…)` or `0.1.0 (unknown commit)`; also recorded in a
    /// site's build stamp, so a different binary builds the site afresh once.
    static let current = number + (commit.map { " (commit \($0))" } ?? " (unknown commit)")
}
