import DossierContent
import Foundation

/// A builder that remembers its last build, for `dossier watch` and `dossier serve`: each build reads again
/// only the files that changed and renders again only the pages whose inputs changed.
///
/// What a page depends on is what it read while rendering (recorded by `ModelReader`) plus its templates;
/// a page is kept when none of that changed. The result is the same as a clean build, byte for byte.
public final class IncrementalBuilder: @unchecked Sendable {
    /// What to build and where.
    public let options: SiteBuilder.Options
    private let lock = NSLock()
    private var cache = LoadCache()
    private var last: SiteBuilder.LastBuild?

    /// Makes a builder for `options`; its first build is a full one.
    public init(options: SiteBuilder.Options) {
        self.options = options
    }

    /// Builds the site, incrementally after the first successful build; `clean` forgets what earlier builds did.
    /// Builds run one at a time. A failed build writes nothing and leaves the remembered state as it was.
    public func build(clean: Bool = false) -> SiteBuilder.Result {
        lock.lock()
        defer { lock.unlock() }
        if clean {
            cache = LoadCache()
            last = nil
        }
        var attempt = cache
        let (result, built) = SiteBuilder(options: options).build(cache: &attempt, previous: last)
        // Parsed files are kept even after a failed build (they are still what is on disk); the last good
        // build is replaced only by a good one.
        cache = attempt
        if let built { last = built }
        return result
    }

    /// The content files the last build read again (relative paths).
    public var reread: [String] {
        lock.lock()
        defer { lock.unlock() }
        return cache.reread
    }
}
