import Foundation

/// A source of file changes below a site folder's `Content/` and `Templates/`, delivered in batches as they happen.
public protocol FileWatcher: Sendable {
    /// Starts watching before it returns; the stream yields batches of relevant changes until its consumer stops
    /// iterating (or the consuming task is cancelled), which stops the watcher.
    func changes() throws -> AsyncStream<[FileChange]>
}

/// Why a watcher could not start.
public struct FileWatcherError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in words an author can act on.
    public var description: String

    /// Makes an error with a message.
    public init(_ description: String) { self.description = description }
}

/// The watcher to use for `siteFolder`: inotify on Linux, polling elsewhere or when `polling` is true.
public func makeFileWatcher(siteFolder: URL, polling: Bool) -> any FileWatcher {
    #if os(Linux)
    if !polling { return InotifyWatcher(siteFolder: siteFolder) }
    #endif
    return PollingWatcher(siteFolder: siteFolder)
}
